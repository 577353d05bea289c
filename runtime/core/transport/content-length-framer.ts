// Fallback stream framer (Content-Length in bytes, CRLF keep-alives, bounded buffer) used until/unless
// the message layer's framer is plugged in through framer-adapter.ts.
import type { FramedChunk, StreamFramer } from './stream-framer.js';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(.*)$/i;

export class ContentLengthFramer implements StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageBytes = 65536) {}

  push(chunk: Buffer): FramedChunk {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const result: FramedChunk = { messages: [] };
    for (;;) {
      const pings = this.skipKeepAlives();
      if (pings) result.pings = (result.pings ?? 0) + pings;
      if (this.buffer.length === 0) return result;
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) {
        if (this.buffer.length > this.maxMessageBytes) return this.fail(result, 'message headers too large');
        return result;
      }
      const length = readContentLength(this.buffer.subarray(0, headerEnd).toString('latin1'));
      if (typeof length === 'string') return this.fail(result, length);
      const total = headerEnd + 4 + length;
      if (total > this.maxMessageBytes) return this.fail(result, 'message too large');
      if (this.buffer.length < total) return result;
      result.messages.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
  }

  private skipKeepAlives(): number {
    let i = 0;
    let crlfs = 0;
    while (i + 1 < this.buffer.length && this.buffer[i] === 13 && this.buffer[i + 1] === 10) {
      i += 2;
      crlfs++;
    }
    if (i > 0) this.buffer = this.buffer.subarray(i);
    // RFC 5626: a double-CRLF ping gets one CRLF pong.
    return Math.floor(crlfs / 2);
  }

  private fail(result: FramedChunk, error: string): FramedChunk {
    this.buffer = Buffer.alloc(0);
    result.error = error;
    return result;
  }
}

/** Returns the length, or an error text when missing, malformed or repeated with different values. */
function readContentLength(head: string): number | string {
  let found: number | undefined;
  for (const line of head.split('\r\n')) {
    const match = CONTENT_LENGTH.exec(line);
    if (!match) continue;
    const text = match[1]!.trim();
    if (!/^\d{1,9}$/.test(text)) return 'invalid Content-Length on stream';
    const value = Number(text);
    if (found !== undefined && found !== value) return 'conflicting Content-Length on stream';
    found = value;
  }
  return found ?? 'missing Content-Length on stream';
}
