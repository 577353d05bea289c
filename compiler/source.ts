// Source files, positions and origin chains: where every token and AST node came from.
import { readFileSync } from 'node:fs';

/** One step of the path that brought a token to its place: a define expansion or a file inclusion. */
export type OriginStep =
  { kind: 'define'; name: string; definedAt: SourceRange } | { kind: 'include'; at: SourceRange };

/** A span of text in one file, 1-based lines and columns; `endColumn` is inclusive. */
export interface SourceRange {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** Innermost first: "expanded from #!define X", then "included from f:l", … */
  origin?: OriginStep[];
}

/** The text of one file with a line index for rendering snippets. */
export class SourceFile {
  readonly lineStarts: number[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The text of a 1-based line, without its line break. */
  line(n: number): string {
    if (n < 1 || n > this.lineStarts.length) return '';
    const start = this.lineStarts[n - 1] ?? 0;
    const next = this.lineStarts[n];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** A range from 0-based offsets [start, end). */
  range(start: number, end: number, origin?: OriginStep[]): SourceRange {
    const a = this.position(start);
    const b = this.position(Math.max(start, end - 1));
    const r: SourceRange = {
      file: this.path,
      startLine: a.line,
      startColumn: a.column,
      endLine: b.line,
      endColumn: b.column,
    };
    if (origin && origin.length > 0) r.origin = origin;
    return r;
  }
}

/** Every file a run has read (main file, includes, virtual texts), by path. */
export class SourceSet {
  private readonly files = new Map<string, SourceFile>();

  add(path: string, text: string): SourceFile {
    const file = new SourceFile(path, text);
    this.files.set(path, file);
    return file;
  }

  get(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  /** Reads a file from disk and registers it; throws the fs error when it cannot be read. */
  read(path: string): SourceFile {
    const existing = this.files.get(path);
    if (existing) return existing;
    return this.add(path, readFileSync(path, 'utf8'));
  }

  paths(): string[] {
    return [...this.files.keys()];
  }
}

/** The smallest range covering `a` and `b` when they are in the same file and origin, else `a`. */
export function spanRanges(a: SourceRange, b: SourceRange): SourceRange {
  if (a.file !== b.file || originKey(a) !== originKey(b)) return a;
  const r: SourceRange = { ...a, endLine: b.endLine, endColumn: b.endColumn };
  if (b.endLine < a.startLine || (b.endLine === a.startLine && b.endColumn < a.startColumn)) return a;
  return r;
}

function originKey(r: SourceRange): string {
  if (!r.origin) return '';
  return r.origin
    .map((o) => (o.kind === 'define' ? `d:${o.name}` : `i:${o.at.file}:${o.at.startLine}`))
    .join('|');
}

export function formatPosition(r: SourceRange): string {
  return `${r.file}:${r.startLine}:${r.startColumn}`;
}
