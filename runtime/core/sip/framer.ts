// Stream framing for TCP/TLS: cuts a byte stream into messages by Content-Length (bytes), answers
// CRLF keep-alives, and fails (the caller closes the connection) on anything it cannot frame safely.

import type { SipParseError } from './errors.js';
import { normalizeHeaderName } from './header-names.js';
import { resolveLimits, type SipLimits } from './limits.js';

export type FrameEvent =
  /** One complete message (start line, headers, exactly Content-Length body bytes); feed it to parseMessage. */
  | { kind: 'message'; data: Buffer }
  /** A double-CRLF ping (RFC 5626 §3.5.1); the peer expects a single CRLF back. */
  | { kind: 'keepalive' }
  /** Framing is lost: answer the error if it makes sense, then close the connection. */
  | { kind: 'error'; error: SipParseError };

const HEADER_END = Buffer.from('\r\n\r\n');
const LF_HEADER_END = Buffer.from('\n\n');

export class SipStreamFramer {
  private readonly limits: SipLimits;
  // Pending bytes live in store[start, end): appending copies only the new chunk, so a peer dripping
  // one byte per segment costs linear, not quadratic, time.
  private store: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** Where the search for the end of headers resumes (relative to start). */
  private searchFrom = 0;
  private dead = false;

  constructor(limits?: Partial<SipLimits>) {
    this.limits = resolveLimits(limits);
  }

  /** Bytes held while waiting for the rest of a message. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** True after an error; further input is ignored. */
  get failed(): boolean {
    return this.dead;
  }

  push(chunk: Buffer): FrameEvent[] {
    if (this.dead) return [];
    this.append(chunk);
    const events: FrameEvent[] = [];
    for (;;) {
      const event = this.next();
      if (!event) break;
      events.push(event);
      if (event.kind === 'error') {
        this.dead = true;
        this.store = Buffer.alloc(0);
        this.start = this.end = 0;
        break;
      }
    }
    // Do not keep a large buffer around for an idle connection.
    if (this.start === this.end && this.store.length > 65536) {
      this.store = Buffer.alloc(0);
      this.start = this.end = 0;
    }
    return events;
  }

  private append(chunk: Buffer): void {
    const pending = this.end - this.start;
    if (this.end + chunk.length > this.store.length) {
      let capacity = Math.max(4096, this.store.length);
      while (capacity < pending + chunk.length) capacity *= 2;
      const target = capacity === this.store.length ? this.store : Buffer.allocUnsafe(capacity);
      this.store.copy(target, 0, this.start, this.end); // copy() copes with overlapping ranges
      this.store = target;
      this.start = 0;
      this.end = pending;
    }
    chunk.copy(this.store, this.end);
    this.end += chunk.length;
  }

  private fail(status: number, reason: string, detail: string): FrameEvent {
    return { kind: 'error', error: { status, reason, detail } };
  }

  private consume(n: number): void {
    this.start += n;
    this.searchFrom = 0;
    if (this.start === this.end) this.start = this.end = 0;
  }

  private next(): FrameEvent | undefined {
    const store = this.store;
    // Keep-alives and stray line breaks between messages.
    while (this.start < this.end && (store[this.start] === 13 || store[this.start] === 10)) {
      const s = this.start;
      const available = this.end - s;
      if (
        store[s] === 13 &&
        available >= 4 &&
        store[s + 1] === 10 &&
        store[s + 2] === 13 &&
        store[s + 3] === 10
      ) {
        this.consume(4);
        return { kind: 'keepalive' };
      }
      if (store[s] === 13 && available < 4) return undefined; // maybe the start of a ping
      this.consume(store[s] === 13 && store[s + 1] === 10 ? 2 : 1);
    }
    const data = store.subarray(this.start, this.end);
    if (data.length === 0) return undefined;
    const from = Math.max(0, this.searchFrom - 3);
    const crlf = data.indexOf(HEADER_END, from);
    const lf = data.indexOf(LF_HEADER_END, from);
    // Headers end at the first blank line, whether CRLF CRLF or (tolerated) LF LF.
    let headEnd: number;
    let bodyStart: number;
    if (crlf >= 0 && (lf < 0 || crlf + 1 <= lf)) {
      headEnd = crlf;
      bodyStart = crlf + 4;
    } else if (lf >= 0) {
      headEnd = lf;
      bodyStart = lf + 2;
    } else {
      if (data.length > this.limits.maxMessageSize) {
        return this.fail(
          513,
          'Message Too Large',
          `no end of headers within ${this.limits.maxMessageSize} bytes`,
        );
      }
      this.searchFrom = data.length;
      return undefined;
    }
    const cl = findContentLength(data.toString('latin1', 0, headEnd));
    if (typeof cl === 'string') return this.fail(400, 'Bad Request', cl);
    if (bodyStart + cl > this.limits.maxMessageSize) {
      return this.fail(
        513,
        'Message Too Large',
        `message of ${bodyStart + cl} bytes exceeds ${this.limits.maxMessageSize}`,
      );
    }
    if (data.length < bodyStart + cl) return undefined;
    // Copy: the store is reused for the next bytes.
    const message = Buffer.from(data.subarray(0, bodyStart + cl));
    this.consume(bodyStart + cl);
    return { kind: 'message', data: message };
  }
}

/** Content-Length from a header block, or an error text when missing, repeated or not a plain number. */
function findContentLength(head: string): number | string {
  const lines = head.split(/\r?\n/);
  let found: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon <= 0 || line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) continue;
    if (normalizeHeaderName(line.slice(0, colon).trim()) !== 'content-length') continue;
    if (found !== undefined) return 'repeated Content-Length on a stream';
    let value = line.slice(colon + 1);
    // Folded continuation lines belong to the value.
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1] ?? '')) value += ' ' + (lines[++i] ?? '');
    found = value.trim();
  }
  if (found === undefined) return 'missing Content-Length on a stream';
  if (!/^\d{1,10}$/.test(found)) return `invalid Content-Length ${JSON.stringify(found.slice(0, 24))}`;
  return Number(found);
}
