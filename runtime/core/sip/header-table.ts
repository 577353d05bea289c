// Where each header field sits in the raw bytes. Four numbers per field, no per-field objects:
// headers nobody reads cost an array slot and a name string, nothing more.

export class HeaderTable {
  /** Normalised names (lower case, compact forms expanded), one per field, in wire order. */
  readonly names: string[] = [];
  /** Per field: lineStart, valueStart, valueEnd, lineEnd (byte offsets; lineEnd is past the LF). */
  readonly offsets: number[] = [];

  get count(): number {
    return this.names.length;
  }

  push(name: string, lineStart: number, valueStart: number, valueEnd: number, lineEnd: number): void {
    this.names.push(name);
    this.offsets.push(lineStart, valueStart, valueEnd, lineEnd);
  }

  lineStart(i: number): number {
    return this.offsets[i * 4] ?? 0;
  }
  valueStart(i: number): number {
    return this.offsets[i * 4 + 1] ?? 0;
  }
  valueEnd(i: number): number {
    return this.offsets[i * 4 + 2] ?? 0;
  }
  lineEnd(i: number): number {
    return this.offsets[i * 4 + 3] ?? 0;
  }

  setValueStart(i: number, v: number): void {
    this.offsets[i * 4 + 1] = v;
  }
  setValueEnd(i: number, v: number): void {
    this.offsets[i * 4 + 2] = v;
  }
  setLineEnd(i: number, v: number): void {
    this.offsets[i * 4 + 3] = v;
  }

  /** Indices of the fields with this normalised name. */
  indicesOf(name: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === name) out.push(i);
    return out;
  }
}

/** Decodes a field value as UTF-8 and replaces each fold (CRLF + whitespace) with one space. */
export function decodeValue(raw: Buffer, start: number, end: number): string {
  const text = raw.toString('utf8', start, end);
  if (text.indexOf('\n') < 0) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      // Drop the whitespace before the fold, the line break and the indentation after it.
      let k = out.length;
      while (k > 0 && (out.charCodeAt(k - 1) === 32 || out.charCodeAt(k - 1) === 9)) k--;
      out = out.slice(0, k);
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d !== 13 && d !== 10 && d !== 32 && d !== 9) break;
        i++;
      }
      out += ' ';
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}
