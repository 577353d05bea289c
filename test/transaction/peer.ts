// Test peers: raw UDP sockets on 127.0.0.1 that send hand-written SIP and collect what arrives,
// standing for the upstream client and the downstream user agents around a proxy under test.
import dgram from 'node:dgram';
import { buildResponse, parseMessage, type SipMessage } from '../../runtime/core/sip/index.js';

export class UdpPeer {
  readonly received: SipMessage[] = [];
  private waiters: Array<{
    predicate: (m: SipMessage) => boolean;
    resolve: (m: SipMessage) => void;
    from: number;
  }> = [];

  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (bytes) => {
      const parsed = parseMessage(Buffer.from(bytes));
      if (!parsed.ok) return;
      this.received.push(parsed.message);
      const index = this.received.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (index >= w.from && w.predicate(parsed.message)) {
          w.resolve(parsed.message);
          return false;
        }
        return true;
      });
    });
  }

  static async open(): Promise<UdpPeer> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new UdpPeer(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  get uri(): string {
    return `sip:peer@127.0.0.1:${this.port}`;
  }

  send(message: string | Buffer | SipMessage, port: number): void {
    const bytes =
      typeof message === 'string'
        ? Buffer.from(message)
        : Buffer.isBuffer(message)
          ? message
          : message.serialize();
    this.socket.send(bytes, port, '127.0.0.1');
  }

  /** The first message (already received or future) matching the predicate. */
  next(predicate: (m: SipMessage) => boolean, fromIndex = 0): Promise<SipMessage> {
    const found = this.received.slice(fromIndex).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve, from: fromIndex }));
  }

  count(predicate: (m: SipMessage) => boolean): number {
    return this.received.filter(predicate).length;
  }

  /** Answers a request received here (a downstream UA), with a To tag for non-100 responses. */
  reply(request: SipMessage, status: number, reason: string, toTag = 'uas'): SipMessage {
    const response = buildResponse(request, status, reason, { toTag });
    const via = request.via;
    const port = via.rport && typeof via.rport === 'number' ? via.rport : (via.port ?? 5060);
    this.send(response, port);
    return response;
  }

  close(): void {
    this.socket.close();
  }
}

export const isRequest = (method: string) => (m: SipMessage) => m.isRequest && m.method === method;
export const isResponse = (status: number, method?: string) => (m: SipMessage) =>
  !m.isRequest && m.status === status && (method === undefined || m.cseq.method === method);

let counter = 0;

export interface RequestOptions {
  method: string;
  uri: string;
  fromPort: number;
  branch?: string;
  callId?: string;
  cseq?: number;
  toTag?: string;
  extra?: string;
  body?: string;
}

/** A request as a UAC on fromPort would write it. */
export function request(options: RequestOptions): string {
  counter++;
  const body = options.body ?? '';
  const branch = options.branch ?? `z9hG4bKtest${counter}${Date.now()}`;
  const method = options.method;
  return (
    `${method} ${options.uri} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP 127.0.0.1:${options.fromPort};branch=${branch};rport\r\n` +
    `Max-Forwards: 70\r\n` +
    `From: <sip:caller@127.0.0.1>;tag=caller${counter}\r\n` +
    `To: <${options.uri}>${options.toTag ? `;tag=${options.toTag}` : ''}\r\n` +
    `Call-ID: ${options.callId ?? `call${counter}@127.0.0.1`}\r\n` +
    `CSeq: ${options.cseq ?? 1} ${method === 'ACK' || method === 'CANCEL' ? method : method}\r\n` +
    (options.extra ?? '') +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** The CANCEL (or non-2xx ACK) for a request text: same Via branch, Call-ID, From, To, CSeq number. */
export function sibling(requestText: string, method: 'CANCEL' | 'ACK', toTag?: string): string {
  const parsed = parseMessage(Buffer.from(requestText));
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const r = parsed.message;
  const to = (r.header('to') ?? '') + (toTag ? `;tag=${toTag}` : '');
  return (
    `${method} ${r.requestUri?.toString() ?? ''} SIP/2.0\r\n` +
    `Via: ${r.via.toString()}\r\n` +
    `Max-Forwards: 70\r\n` +
    `From: ${r.header('from') ?? ''}\r\nTo: ${to}\r\nCall-ID: ${r.callId}\r\nCSeq: ${r.cseq.seq} ${method}\r\n` +
    `Content-Length: 0\r\n\r\n`
  );
}
