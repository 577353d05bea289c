// Just enough of a v3 source map reader to turn a bundle position (from a .cpuprofile) back into the
// TypeScript file and line it came from.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

interface Segment {
  readonly column: number;
  readonly source: number;
  readonly line: number;
}

export interface SourcePosition {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

function decodeVlqs(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export class SourceMapReader {
  private constructor(
    private readonly sources: readonly string[],
    private readonly lines: readonly (readonly Segment[])[],
  ) {}

  /** The map next to `bundleFile` (`x.mjs.map`), or undefined when there is none. */
  static forBundle(bundleFile: string): SourceMapReader | undefined {
    const mapFile = `${bundleFile}.map`;
    if (!existsSync(mapFile)) return undefined;
    const raw: unknown = JSON.parse(readFileSync(mapFile, 'utf8'));
    if (typeof raw !== 'object' || raw === null || !('mappings' in raw) || !('sources' in raw))
      return undefined;
    const { mappings, sources } = raw;
    if (typeof mappings !== 'string' || !Array.isArray(sources)) return undefined;
    const base = dirname(mapFile);
    const files = sources.map((s) => (typeof s === 'string' ? resolve(base, s) : '?'));
    const lines: Segment[][] = [];
    let source = 0;
    let line = 0;
    for (const group of mappings.split(';')) {
      const segments: Segment[] = [];
      let genColumn = 0;
      for (const seg of group.split(',')) {
        if (seg === '') continue;
        const v = decodeVlqs(seg);
        genColumn += v[0] ?? 0;
        if (v.length < 4) continue;
        source += v[1] ?? 0;
        line += v[2] ?? 0;
        // v[3] (original column) is not needed: profiles are read by line.
        segments.push({ column: genColumn, source, line });
      }
      lines.push(segments);
    }
    return new SourceMapReader(files, lines);
  }

  /** Original position of a 0-based generated line and column. */
  lookup(line: number, column: number): SourcePosition | undefined {
    const segments = this.lines[line];
    if (!segments || segments.length === 0) return undefined;
    let best: Segment | undefined;
    for (const s of segments) {
      if (s.column > column) break;
      best = s;
    }
    best ??= segments[0];
    if (!best) return undefined;
    return { file: this.sources[best.source] ?? '?', line: best.line + 1 };
  }
}
