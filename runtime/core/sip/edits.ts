// Deferred edits, in the spirit of Kamailio's lumps: recorded on the message, applied once at send time.
// Unedited header lines are copied byte for byte; Content-Length is always recomputed.

import type { HeaderTable } from './header-table.js';
import { displayHeaderName, normalizeHeaderName } from './header-names.js';
import { splitTopLevel } from './text.js';
import type { Via } from './via.js';

export class MessageEdits {
  requestUri: string | undefined;
  /** Header lines ("Name: value", no CRLF) to put before the first header. */
  readonly prepended: string[] = [];
  /** Header lines to put after the last header. */
  readonly appended: string[] = [];
  /** Normalised names whose original fields are all dropped. */
  readonly removed = new Set<string>();
  /** Normalised name → new value for its first field (the other fields of that name are dropped). */
  readonly replaced = new Map<string, [displayName: string, value: string]>();
  /** Normalised name → how many values to drop from the top (loose routing pops Route values). */
  readonly poppedValues = new Map<string, number>();
  /** Via values to put above the first Via, newest first. */
  readonly newVias: string[] = [];
  /** Replacement for the top Via value of the original message (received/rport filled in). */
  topVia: Via | undefined;
  body: Buffer | undefined;
  contentType: string | undefined;
}

/** What the renderer needs from a parsed message. */
export interface EditSource {
  readonly raw: Buffer;
  readonly isRequest: boolean;
  readonly method: string;
  readonly version: string;
  readonly startLineStart: number;
  /** Byte offset just past the start line's LF. */
  readonly startLineEnd: number;
  readonly headers: HeaderTable;
  readonly body: Buffer;
  /** Unfolded value of field i. */
  valueAt(i: number): string;
}

const CRLF = '\r\n';

function validateHeaderPart(name: string, value: string): void {
  // Visible ASCII without ':' (scripts may append odd names verbatim, as Kamailio does); never CR/LF/space.
  if (!/^[!-9;-~]+$/.test(name)) throw new Error(`invalid header name ${JSON.stringify(name)}`);
  if (/[\r\n]/.test(value)) throw new Error(`header ${name} must not contain CR or LF`);
}

export function headerLine(name: string, value: string): string {
  validateHeaderPart(name, value);
  return `${name}: ${value}`;
}

/** Builds the wire form of src with the edits applied. */
/** Collects output as runs of raw bytes and generated text, in order. */
class Assembler {
  private readonly parts: Buffer[] = [];
  private text = '';
  // Unchanged lines are contiguous in raw: they are copied as one run instead of line by line.
  private runStart = -1;
  private runEnd = -1;

  constructor(private readonly raw: Buffer) {}

  private flushRun(): void {
    if (this.runStart >= 0) this.parts.push(this.raw.subarray(this.runStart, this.runEnd));
    this.runStart = -1;
  }

  addText(s: string): void {
    this.flushRun();
    this.text += s;
  }

  copyRaw(start: number, end: number): void {
    if (this.runStart >= 0 && this.runEnd === start) {
      this.runEnd = end;
      return;
    }
    this.flushRun();
    if (this.text.length > 0) this.parts.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
    this.runStart = start;
    this.runEnd = end;
  }

  finish(body: Buffer): Buffer {
    this.flushRun();
    if (this.text.length > 0) this.parts.push(Buffer.from(this.text, 'utf8'));
    this.parts.push(body);
    return Buffer.concat(this.parts);
  }
}

/** Builds the wire form of src with the edits applied. */
export function renderEdited(src: EditSource, edits: MessageEdits): Buffer {
  const out = new Assembler(src.raw);
  if (src.isRequest && edits.requestUri !== undefined) {
    out.addText(`${src.method} ${edits.requestUri} ${src.version}${CRLF}`);
  } else out.copyRaw(src.startLineStart, src.startLineEnd);
  for (const line of edits.prepended) out.addText(line + CRLF);

  const h = src.headers;
  const firstVia = h.names.indexOf('via');
  let newVias = '';
  for (const v of edits.newVias) newVias += `Via: ${v}${CRLF}`;
  if (firstVia < 0 && newVias) out.addText(newVias);
  const replaceType = edits.contentType !== undefined;
  const removed = edits.removed;
  const replaced = edits.replaced;
  // Per-render state only when those edits exist (the common proxy path has neither).
  const done = replaced.size > 0 ? new Set<string>() : undefined;
  const popped = edits.poppedValues.size > 0 ? new Map(edits.poppedValues) : undefined;
  for (let i = 0; i < h.count; i++) {
    const name = h.names[i] ?? '';
    if (i === firstVia && newVias) out.addText(newVias);
    if (name === 'content-length' || (replaceType && name === 'content-type')) continue;
    if (removed.size > 0 && removed.has(name)) continue;
    if (done) {
      const r = replaced.get(name);
      if (r) {
        if (!done.has(name)) out.addText(`${r[0]}: ${r[1]}${CRLF}`);
        done.add(name);
        continue;
      }
    }
    const pop = popped ? (popped.get(name) ?? 0) : 0;
    if (pop > 0) {
      const values = splitTopLevel(src.valueAt(i)).filter((v) => v.length > 0);
      const keep = values.slice(pop);
      popped?.set(name, pop - (values.length - keep.length));
      if (keep.length > 0) out.addText(`${displayHeaderName(name)}: ${keep.join(', ')}${CRLF}`);
      continue;
    }
    if (i === firstVia && edits.topVia) {
      const values = splitTopLevel(src.valueAt(i));
      values[0] = edits.topVia.toString();
      out.addText(`Via: ${values.join(', ')}${CRLF}`);
      continue;
    }
    const end = h.lineEnd(i);
    out.copyRaw(h.lineStart(i), end);
    // A last header cut off by the end of a datagram has no line break of its own.
    if (src.raw[end - 1] !== 10) out.addText(CRLF);
  }
  for (const [name, [display, value]] of replaced) {
    if (!done?.has(name)) out.addText(`${display}: ${value}${CRLF}`);
  }
  for (const line of edits.appended) out.addText(line + CRLF);
  const body = edits.body ?? src.body;
  if (replaceType) out.addText(`Content-Type: ${edits.contentType}${CRLF}`);
  out.addText(`Content-Length: ${body.length}${CRLF}${CRLF}`);
  return out.finish(body);
}

/** Normalises a header name given by a caller for removal. */
export function removalKey(name: string): string {
  return normalizeHeaderName(name.trim());
}
