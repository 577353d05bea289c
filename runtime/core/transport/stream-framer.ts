// The contract the TCP code needs from a stream framer: feed chunks, get complete messages or an error.
// The message layer's framer is wrapped to this shape in framer-adapter.ts.

export interface FramedChunk {
  /** Complete SIP messages found so far (CRLF keep-alives already skipped). */
  messages: Buffer[];
  /** Set when the stream is unrecoverable (bad Content-Length, oversize); the connection is closed. */
  error?: string;
  /** Number of CRLF keep-alive pings seen (RFC 5626 double-CRLF gets a single CRLF pong). */
  pings?: number;
}

export interface StreamFramer {
  push(chunk: Buffer): FramedChunk;
}

export type StreamFramerFactory = () => StreamFramer;
