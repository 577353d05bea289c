// Source maps from generated TypeScript back to the .cfg: every generated line maps to the script
// position of the nearest `// file:line` marker above it. Built from the formatted text, so the
// formatter may move lines freely. Produces a standard v3 map (line granularity).
import type { SourceRange } from './source.js';
import { MARKER_LINE } from './generate/output.js';

export interface LineMap {
  /** For 1-based generated line n, lines[n - 1] is the .cfg range it came from (or undefined). */
  readonly lines: readonly (SourceRange | undefined)[];
}

/** Pairs the marker comments of `text` (in order) with `markers`, and spreads each over its lines. */
export function buildLineMap(text: string, markers: readonly SourceRange[]): LineMap {
  const lines: (SourceRange | undefined)[] = [];
  let next = 0;
  let current: SourceRange | undefined;
  let depth = -1;
  for (const line of text.split('\n')) {
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    if (MARKER_LINE.test(line)) {
      current = markers[next++];
      depth = indent;
    } else if (current && line.trim() !== '' && indent < depth && !/^\s*[}\])]/.test(line)) {
      // Leaving the marked statement's block: what follows belongs to no statement.
      current = undefined;
    }
    lines.push(current);
  }
  if (next !== markers.length)
    throw new Error(`source map: ${markers.length} markers, ${next} marker comments`);
  return { lines };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += B64[digit];
  } while (v > 0);
  return out;
}

/** A v3 source map for `file` whose sources are shown through `displayPath` (relative paths). */
export function toV3(
  map: LineMap,
  file: string,
  displayPath: (f: string) => string,
  contents?: (f: string) => string | undefined,
): string {
  const sources: string[] = [];
  const index = new Map<string, number>();
  let prevSource = 0;
  let prevLine = 0;
  let prevCol = 0;
  const segments = map.lines.map((r) => {
    if (!r) return '';
    let s = index.get(r.file);
    if (s === undefined) {
      s = sources.length;
      sources.push(r.file);
      index.set(r.file, s);
    }
    const seg =
      vlq(0) + vlq(s - prevSource) + vlq(r.startLine - 1 - prevLine) + vlq(r.startColumn - 1 - prevCol);
    prevSource = s;
    prevLine = r.startLine - 1;
    prevCol = r.startColumn - 1;
    return seg;
  });
  const json: Record<string, unknown> = {
    version: 3,
    file,
    sources: sources.map(displayPath),
    names: [],
    mappings: segments.join(';'),
  };
  if (contents) json.sourcesContent = sources.map((f) => contents(f) ?? null);
  return JSON.stringify(json) + '\n';
}
