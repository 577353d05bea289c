// Deferred edits, in the spirit of Kamailio's lumps: recorded on the message, applied once at send time.
// Unedited header lines are copied byte for byte; Content-Length is always recomputed.

import type { HeaderTable } from './header-table.js';
import { normalizeHeaderName } from './header-names.js';
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
  if (/[\r\n]/.test(name) || /[\r\n]/.test(value))
    throw new Error(`header ${name} must not contain CR or LF`);
}

export function headerLine(name: string, value: string): string {
  validateHeaderPart(name, value);
  return `${name}: ${value}`;
}

/** Builds the wire form of src with the edits applied. */
export function renderEdited(src: EditSource, edits: MessageEdits): Buffer {
  const parts: Buffer[] = [];
  let text = '';
  const flushText = (): void => {
    if (text.length > 0) parts.push(Buffer.from(text, 'utf8'));
    text = '';
  };
  const copyRaw = (start: number, end: number): void => {
    flushText();
    parts.push(src.raw.subarray(start, end));
  };

  if (src.isRequest && edits.requestUri !== undefined)
    text += `${src.method} ${edits.requestUri} ${src.version}${CRLF}`;
  else copyRaw(src.startLineStart, src.startLineEnd);
  for (const line of edits.prepended) text += line + CRLF;

  const h = src.headers;
  let firstVia = -1;
  for (let i = 0; i < h.count; i++) {
    if (h.names[i] === 'via') {
      firstVia = i;
      break;
    }
  }
  const newVias = (): void => {
    for (const v of edits.newVias) text += `Via: ${v}${CRLF}`;
  };
  if (firstVia < 0) newVias();
  const contentType = edits.contentType !== undefined;
  for (let i = 0; i < h.count; i++) {
    const name = h.names[i] ?? '';
    if (i === firstVia) newVias();
    if (name === 'content-length' || edits.removed.has(name) || (contentType && name === 'content-type'))
      continue;
    if (i === firstVia && edits.topVia) {
      const values = splitTopLevel(src.valueAt(i));
      values[0] = edits.topVia.toString();
      text += `Via: ${values.join(', ')}${CRLF}`;
      continue;
    }
    const end = h.lineEnd(i);
    copyRaw(h.lineStart(i), end);
    // A last header cut off by the end of a datagram has no line break of its own.
    if (src.raw[end - 1] !== 10) text += CRLF;
  }
  for (const line of edits.appended) text += line + CRLF;
  const body = edits.body ?? src.body;
  if (contentType) text += `Content-Type: ${edits.contentType}${CRLF}`;
  text += `Content-Length: ${body.length}${CRLF}${CRLF}`;
  flushText();
  parts.push(body);
  return Buffer.concat(parts);
}

/** Normalises a header name given by a caller for removal. */
export function removalKey(name: string): string {
  return normalizeHeaderName(name.trim());
}
