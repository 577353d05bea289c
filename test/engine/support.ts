// Test harness for the engine and the sl/tm modules: a server on 127.0.0.1 (port 0) running route
// functions written in the tests, raw UDP peers around it, and hand-written requests.
import { afterEach } from 'vitest';
import { parseMessage, type SipMessage } from '../../runtime/core/sip/index.js';
import { startServer, type RouteFn, type RouteTable, type RunningServer } from '../../runtime/index.js';
import type { Dialect } from '../../runtime/modules/types.js';
import { UdpPeer } from '../transaction/peer.js';

export { UdpPeer };

export interface TestServer {
  server: RunningServer;
  port: number;
  logs: string[];
  close(): Promise<void>;
}

export type TestModparams = Record<string, Record<string, number | string>>;

export async function startTestServer(
  routes: RouteTable,
  options: { dialect?: Dialect; modparams?: TestModparams } = {},
): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer(
    { dialect: options.dialect ?? 'K3', modparams: options.modparams ?? {}, routes },
    { listen: ['udp:127.0.0.1:0'], logLevel: 3, logSink: (line) => logs.push(line), closeTimeoutMs: 2000 },
  );
  return { server, port: server.addresses[0]!.port, logs, close: () => server.close() };
}

let seq = 0;

export interface RequestSpec {
  method?: string;
  uri?: string;
  branch?: string;
  callId?: string;
  toTag?: string;
  headers?: string[];
  body?: string;
}

/** A request from `peer` to the server; the same spec (branch) gives a retransmission. */
export function request(peer: UdpPeer, serverPort: number, spec: RequestSpec = {}): string {
  const n = ++seq;
  const method = spec.method ?? 'MESSAGE';
  const uri = spec.uri ?? `sip:bob@127.0.0.1:${serverPort}`;
  const body = spec.body ?? '';
  const lines = [
    `${method} ${uri} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=${spec.branch ?? `z9hG4bK-t${n}`}`,
    `From: <sip:alice@127.0.0.1>;tag=a${n}`,
    `To: <sip:bob@127.0.0.1>${spec.toTag === undefined ? '' : `;tag=${spec.toTag}`}`,
    `Call-ID: ${spec.callId ?? `call-${n}@test`}`,
    `CSeq: 1 ${method}`,
    'Max-Forwards: 70',
    ...(spec.headers ?? []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ];
  return lines.join('\r\n');
}

/** Resolves with `promise`, or fails after `ms` naming what was awaited. */
export function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const responseTo = (callId: string, status?: number) => (m: SipMessage) =>
  m.isResponse && m.callId === callId && (status === undefined || m.status === status);

export const requestWith = (method: string, callId?: string) => (m: SipMessage) =>
  m.isRequest && m.method === method && (callId === undefined || m.callId === callId);

export interface ServerPerTest {
  /** Starts the server running `route` and opens a peer; both are closed after the test. */
  setup(route: RouteFn, modparams?: TestModparams): Promise<{ server: TestServer; peer: UdpPeer }>;
  /** Closes another peer after the test too. */
  closeAfter(peer: UdpPeer): UdpPeer;
}

/** One server and one UDP peer per test, closed after each test. Call at the top of a test file. */
export function serverPerTest(): ServerPerTest {
  let server: TestServer | undefined;
  const peers: UdpPeer[] = [];
  afterEach(async () => {
    for (const p of peers.splice(0)) p.close();
    await server?.close();
    server = undefined;
  });
  return {
    async setup(route, modparams = {}) {
      server = await startTestServer({ request: route }, { modparams });
      const peer = await UdpPeer.open();
      peers.push(peer);
      return { server, peer };
    },
    closeAfter(peer) {
      peers.push(peer);
      return peer;
    },
  };
}

/** A hand-written SIP message, parsed by the message layer (throws on a parse error). */
export function parseSip(text: string): SipMessage {
  const r = parseMessage(Buffer.from(text));
  if (!r.ok) throw new Error(r.error.detail);
  return r.message;
}
