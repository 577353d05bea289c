// Shared vocabulary of the transport layer: protocols, addresses, receive/send descriptors.

export type Proto = 'udp' | 'tcp';

/** One socket to listen on, as written in `listen=proto:addr:port`. Port 0 = any free port. */
export interface ListenSpec {
  proto: Proto;
  host: string;
  port: number;
}

/** A socket that is actually bound (port 0 resolved to the real port). */
export interface BoundAddress {
  proto: Proto;
  host: string;
  port: number;
  family: 4 | 6;
}

/** Where a message came from and on which local socket it arrived. */
export interface ReceiveInfo {
  proto: Proto;
  srcIp: string;
  srcPort: number;
  localIp: string;
  localPort: number;
  /** Set for TCP: the id of the connection the message arrived on (replies go back on it). */
  connectionId?: number;
}

/** Where to send bytes. A connectionId (TCP) is tried first; host may be a name (resolved with dns.lookup). */
export interface SendTarget {
  proto: Proto;
  host: string;
  port: number;
  connectionId?: number;
  /** Send from this local socket when it exists (replies leave from the socket the request came in on). */
  localPort?: number;
  localIp?: string;
}

/** Minimal logger so the runtime can plug in xlog-style output; defaults to console. */
export interface TransportLogger {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: TransportLogger = {
  debug: () => {},
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

export const silentLogger: TransportLogger = {
  debug: () => {},
  warn: () => {},
  error: () => {},
};

/** Called with each complete raw message (one UDP datagram, or one framed TCP message). */
export type FrameHandler = (bytes: Buffer, rcv: ReceiveInfo) => void;

/** Called when a send fails asynchronously (connect refused, DNS failure, socket error). */
export type SendErrorHandler = (target: SendTarget, error: Error) => void;
