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

export class SipStreamFramer {
  private readonly limits: SipLimits;
  private pending: Buffer = Buffer.alloc(0);
  /** Where the search for the end of headers resumes, so a slow drip is not rescanned from the start. */
  private searchFrom = 0;
  private dead = false;

  constructor(limits?: Partial<SipLimits>) {
    this.limits = resolveLimits(limits);
  }

  /** Bytes held while waiting for the rest of a message. */
  get buffered(): number {
    return this.pending.length;
  }

  /** True after an error; further input is ignored. */
  get failed(): boolean {
    return this.dead;
  }

  push(chunk: Buffer): FrameEvent[] {
    if (this.dead) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: FrameEvent[] = [];
    for (;;) {
      const event = this.next();
      if (!event) break;
      events.push(event);
      if (event.kind === 'error') {
        this.dead = true;
        this.pending = Buffer.alloc(0);
        break;
      }
    }
    return events;
  }

  private fail(status: number, reason: string, detail: string): FrameEvent {
    return { kind: 'error', error: { status, reason, detail } };
  }

  private consume(n: number): void {
    this.pending = this.pending.subarray(n);
    this.searchFrom = 0;
  }

  private next(): FrameEvent | undefined {
    // Keep-alives and stray line breaks between messages.
    while (this.pending.length > 0 && (this.pending[0] === 13 || this.pending[0] === 10)) {
      const b = this.pending;
      if (b[0] === 13 && b[1] === 10 && b[2] === 13 && b[3] === 10) {
        this.consume(4);
        return { kind: 'keepalive' };
      }
      if (b[0] === 13 && b.length < 4) return undefined; // maybe the start of a ping
      this.consume(b[0] === 13 && b[1] === 10 ? 2 : 1);
    }
    const data = this.pending;
    if (data.length === 0) return undefined;
    const end = data.indexOf(HEADER_END, Math.max(0, this.searchFrom - 3));
    if (end < 0) {
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
    const bodyStart = end + 4;
    const cl = findContentLength(data.toString('latin1', 0, end));
    if (typeof cl === 'string') return this.fail(400, 'Bad Request', cl);
    if (bodyStart + cl > this.limits.maxMessageSize) {
      return this.fail(
        513,
        'Message Too Large',
        `message of ${bodyStart + cl} bytes exceeds ${this.limits.maxMessageSize}`,
      );
    }
    if (data.length < bodyStart + cl) return undefined;
    // Copy so the message does not pin the (possibly large) receive buffer.
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
