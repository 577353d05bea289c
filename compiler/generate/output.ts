// The text being generated: lines plus position markers. A marker renders as `// msilo.cfg:57` and
// is remembered with its full .cfg range, so the source map can be rebuilt from the formatted text.
import type { SourceRange } from '../source.js';

export type OutputItem = string | { marker: SourceRange };

export class Output {
  readonly items: OutputItem[] = [];
  private depth = 0;

  line(text: string): void {
    this.items.push('  '.repeat(this.depth) + text);
  }

  marker(range: SourceRange): void {
    this.items.push({ marker: range });
  }

  indent(body: () => void): void {
    this.depth++;
    try {
      body();
    } finally {
      this.depth--;
    }
  }

  /** `head {` … `}` with an indented body. */
  block(head: string, body: () => void, tail = '}'): void {
    this.line(`${head} {`);
    this.indent(body);
    this.line(tail);
  }

  append(other: Output): void {
    for (const item of other.items)
      this.items.push(typeof item === 'string' ? '  '.repeat(this.depth) + item : item);
  }
}

/** The marker comment for a range; `displayPath` makes the file relative to the script's folder. */
export function markerComment(range: SourceRange, displayPath: (file: string) => string): string {
  return `// ${displayPath(range.file)}:${range.startLine}`;
}

/** Recognises marker comments in formatted text (the header comment never matches: it has words). */
export const MARKER_LINE = /^\s*\/\/ (\S+):(\d+)\s*$/;

export function render(
  items: readonly OutputItem[],
  displayPath: (file: string) => string,
): { text: string; markers: SourceRange[] } {
  const markers: SourceRange[] = [];
  const lines: string[] = [];
  let depth = '';
  for (const item of items) {
    if (typeof item === 'string') {
      lines.push(item);
      depth = /^\s*/.exec(item)?.[0] ?? '';
    } else {
      markers.push(item.marker);
      lines.push(depth + markerComment(item.marker, displayPath));
    }
  }
  return { text: lines.join('\n') + '\n', markers };
}
