// Interop: a client built on npm `sip` (an independent implementation) registers with the test
// server and sends MESSAGEs through it: one relayed back to its own registered contact, one stored.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/sipp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** The part of npm `sip` this test uses (loaded with require: the package ships no types). */
interface NpmSipMessage {
  method?: string;
  uri?: string;
  status?: number;
  reason?: string;
  headers: Record<string, unknown>;
  content?: string;
}
interface NpmSip {
  start(
    options: {
      port: number;
      address: string;
      publicAddress?: string;
      udp: boolean;
      tcp: boolean;
      logger?: Record<string, () => void>;
    },
    onRequest: (request: NpmSipMessage) => void,
  ): void;
  send(message: NpmSipMessage, onResponse?: (response: NpmSipMessage) => void): void;
  stop(): void;
  makeResponse(request: NpmSipMessage, status: number, reason: string): NpmSipMessage;
}

const sip = createRequire(import.meta.url)('sip') as NpmSip;

let server: TestServer;
let clientPort = 0;
const delivered: NpmSipMessage[] = [];
let seq = 1;

beforeAll(async () => {
  server = await startTestServer();
  // npm sip cannot bind port 0 (it turns 0 into 5060), so ask the OS for a free port first.
  clientPort = await freePort('udp');
  // npm sip takes URIs whose host equals its own address for its flow tokens; advertising
  // "localhost" keeps 127.0.0.1 (our server) an ordinary destination.
  sip.start(
    { port: clientPort, address: '127.0.0.1', publicAddress: 'localhost', udp: true, tcp: false, logger: {} },
    (request) => {
      delivered.push(request);
      sip.send(sip.makeResponse(request, 200, 'OK'));
    },
  );
});
afterAll(async () => {
  sip.stop();
  await server.close();
});

function request(
  method: string,
  user: string,
  extra: Record<string, unknown> = {},
  content = '',
): NpmSipMessage {
  const domain = `127.0.0.1:${server.udpPort}`;
  return {
    method,
    uri: `sip:${method === 'REGISTER' ? '' : user + '@'}${domain}`,
    headers: {
      to: { uri: `sip:${user}@127.0.0.1` },
      from: { uri: 'sip:alice@127.0.0.1', params: { tag: `t${seq}` } },
      'call-id': `npm-sip-${method}-${seq}@127.0.0.1`,
      cseq: { method, seq: seq++ },
      'content-type': content ? 'text/plain' : undefined,
      ...extra,
    },
    content,
  };
}

function finalResponse(message: NpmSipMessage): Promise<NpmSipMessage> {
  return new Promise((resolve) => {
    sip.send(message, (response) => {
      if ((response.status ?? 0) >= 200) resolve(response);
    });
  });
}

describe('npm sip client against the test server', () => {
  it('registers (200 with its Contact) and the server keeps the binding', async () => {
    const contact = `sip:alice@127.0.0.1:${clientPort}`;
    const response = await finalResponse(
      request('REGISTER', 'alice', { contact: [{ uri: contact }], expires: 300 }),
    );
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.headers.contact)).toContain(contact);
    expect(server.registrations.get('alice@127.0.0.1')?.map((b) => b.contact)).toEqual([contact]);
  });

  it('sends a MESSAGE to a registered user: relayed to the contact, which answers 200', async () => {
    const response = await finalResponse(request('MESSAGE', 'alice', {}, 'hi alice, via serc'));
    expect(response.status).toBe(200);
    expect(delivered.map((m) => m.content)).toContain('hi alice, via serc');
    const relayed = delivered.find((m) => m.content === 'hi alice, via serc');
    expect(relayed?.method).toBe('MESSAGE');
    // Our proxy added its own Via on top of the client's.
    expect((relayed?.headers.via as unknown[]).length).toBe(2);
  });

  it('sends a MESSAGE to an offline user: 202 Accepted and the message is kept', async () => {
    const response = await finalResponse(request('MESSAGE', 'carol', {}, 'for later'));
    expect(response.status).toBe(202);
    expect(server.stored).toContainEqual({
      from: 'sip:alice@127.0.0.1',
      to: 'sip:carol@127.0.0.1',
      body: 'for later',
    });
  });

  it('sends OPTIONS and gets 200', async () => {
    const response = await finalResponse(request('OPTIONS', 'server'));
    expect(response.status).toBe(200);
  });
});
