// Stateless forwarding (both directions), the UAC for local requests, relaying over TCP, and
// close() leaving nothing behind.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSipStack, type SipStack } from '../../runtime/core/transaction/stack.js';
import {
  forwardRequestStateless,
  forwardResponseStateless,
} from '../../runtime/core/transaction/stateless.js';
import { sendLocalRequest, type LocalRequestOutcome } from '../../runtime/core/transaction/uac.js';
import { Relay } from '../../runtime/core/transaction/relay.js';
import { silentLogger } from '../../runtime/core/transport/types.js';
import { freePort } from '../support/sipp.js';
import { UdpPeer, isRequest, isResponse, request } from './peer.js';
import { FAST_TIMERS } from './proxy-fixture.js';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function stack(tcp = false): Promise<SipStack> {
  const s = await startSipStack({
    listen: [
      { proto: 'udp', host: '127.0.0.1', port: 0 },
      ...(tcp ? [{ proto: 'tcp' as const, host: '127.0.0.1', port: 0 }] : []),
    ],
    timers: FAST_TIMERS,
    logger: silentLogger,
  });
  cleanup.push(() => s.close());
  return s;
}

async function peer(): Promise<UdpPeer> {
  const p = await UdpPeer.open();
  cleanup.push(() => p.close());
  return p;
}

const udpPort = (s: SipStack): number => s.bound.find((b) => b.proto === 'udp')!.port;

describe('stateless forwarding', () => {
  it('forwards a request with a new Via and Max-Forwards − 1, and the response back along Via', async () => {
    const proxy = await stack();
    proxy.transactions.onRequest((req) => {
      forwardRequestStateless(proxy.transport, proxy.local, req, { destination: callee.uri });
    });
    proxy.transactions.onStrayResponse((res) => forwardResponseStateless(proxy.transport, proxy.local, res));
    const callee = await peer();
    const client = await peer();
    const text = request({ method: 'MESSAGE', uri: 'sip:bob@example.com', fromPort: client.port });
    client.send(text, udpPort(proxy));
    const forwarded = await callee.next(isRequest('MESSAGE'));
    expect(forwarded.vias).toHaveLength(2);
    expect(forwarded.via.port).toBe(udpPort(proxy));
    expect(forwarded.via.hasMagicCookie).toBe(true);
    expect(forwarded.maxForwards).toBe(69);
    expect(forwarded.requestUri?.toString()).toBe('sip:bob@example.com');
    // A retransmission gets the same branch (RFC 3261 §16.11).
    client.send(text, udpPort(proxy));
    const again = await callee.next(isRequest('MESSAGE'), 1);
    expect(again.via.branch).toBe(forwarded.via.branch);
    callee.reply(forwarded, 200, 'OK');
    const back = await client.next(isResponse(200));
    expect(back.vias).toHaveLength(1);
    expect(back.via.port).toBe(client.port);
  });

  it('refuses to forward when Max-Forwards is 0', async () => {
    const proxy = await stack();
    const results: string[] = [];
    proxy.transactions.onRequest((req) =>
      results.push(forwardRequestStateless(proxy.transport, proxy.local, req)),
    );
    const client = await peer();
    const text = request({ method: 'OPTIONS', uri: 'sip:x@127.0.0.1:9', fromPort: client.port }).replace(
      'Max-Forwards: 70',
      'Max-Forwards: 0',
    );
    client.send(text, udpPort(proxy));
    await waitFor(() => results.length === 1);
    expect(results).toEqual(['too-many-hops']);
  });
});

describe('UAC for local requests', () => {
  it('sends a MESSAGE and reports the final status once', async () => {
    const uac = await stack();
    const callee = await peer();
    const outcomes: LocalRequestOutcome[] = [];
    sendLocalRequest(
      uac.transactions,
      uac.local,
      {
        method: 'MESSAGE',
        uri: callee.uri,
        from: 'sip:silo@127.0.0.1',
        to: callee.uri,
        body: 'stored message',
        contentType: 'text/plain',
      },
      (o) => outcomes.push(o),
    );
    const got = await callee.next(isRequest('MESSAGE'));
    expect(got.body.toString()).toBe('stored message');
    expect(got.fromTag).toBeDefined();
    callee.reply(got, 200, 'OK');
    callee.reply(got, 200, 'OK'); // a retransmitted final must not be reported twice
    await waitFor(() => outcomes.length > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(outcomes.map((o) => o.status)).toEqual([200]);
  });

  it('reports 408 when nobody answers', async () => {
    const uac = await stack();
    const silent = await peer();
    const outcome = await new Promise<LocalRequestOutcome>((resolve) =>
      sendLocalRequest(
        uac.transactions,
        uac.local,
        { method: 'MESSAGE', uri: silent.uri, from: 'sip:s@x', to: silent.uri },
        resolve,
      ),
    );
    expect(outcome.status).toBe(408);
    expect(outcome.response).toBeUndefined();
  });
});

describe('relay over TCP', () => {
  it('relays a UDP request to a TCP branch and the reply back to UDP', async () => {
    const proxy = await stack(true);
    const callee = await stack(true);
    const calleeTcp = callee.bound.find((b) => b.proto === 'tcp')!.port;
    callee.transactions.onRequest((req, rcv) => {
      expect(rcv.proto).toBe('tcp');
      callee.transactions.createServer(req, rcv).reply(200, 'OK');
    });
    proxy.transactions.onRequest((req, rcv) => {
      const tx = proxy.transactions.createServer(req, rcv);
      new Relay(tx, proxy.transactions, proxy.local).start([
        { uri: `sip:bob@127.0.0.1:${calleeTcp};transport=tcp` },
      ]);
    });
    const client = await peer();
    client.send(
      request({ method: 'MESSAGE', uri: 'sip:bob@example.com', fromPort: client.port }),
      udpPort(proxy),
    );
    const final = await client.next((m) => m.status >= 200);
    expect(final.status).toBe(200);
  });
});

describe('send failures', () => {
  it('a branch that cannot be sent (TCP connect refused) fails at once with 503, not after fr_timer', async () => {
    const proxy = await startSipStack({
      listen: [
        { proto: 'udp', host: '127.0.0.1', port: 0 },
        { proto: 'tcp', host: '127.0.0.1', port: 0 },
      ],
      // fr_timer far beyond the test timeout: only the transport error can end this branch in time.
      timers: { frTimer: 120_000 },
      logger: silentLogger,
    });
    cleanup.push(() => proxy.close());
    const closedPort = await freePort('tcp');
    const seenInHook: number[] = [];
    proxy.transactions.onRequest((req, rcv) => {
      const tx = proxy.transactions.createServer(req, rcv);
      new Relay(tx, proxy.transactions, proxy.local, {
        onFailure: (relay) => void seenInHook.push(relay.winner?.status ?? 0),
      }).start([{ uri: `sip:gone@127.0.0.1:${closedPort};transport=tcp` }]);
    });
    const client = await peer();
    client.send(
      request({ method: 'MESSAGE', uri: 'sip:gone@example.com', fromPort: client.port }),
      udpPort(proxy),
    );
    const final = await client.next((m) => m.status >= 200);
    expect(final.status).toBe(503);
    expect(seenInHook).toEqual([503]);
  });

  it('the UAC reports 503 when the request cannot be sent', async () => {
    const uac = await stack(true);
    const closedPort = await freePort('tcp');
    const target = `sip:gone@127.0.0.1:${closedPort};transport=tcp`;
    const outcome = await new Promise<LocalRequestOutcome>((resolve) =>
      sendLocalRequest(
        uac.transactions,
        uac.local,
        { method: 'MESSAGE', uri: target, from: 'sip:s@x', to: target, timers: { frTimer: 120_000 } },
        resolve,
      ),
    );
    expect(outcome.status).toBe(503);
  });
});

describe('close()', () => {
  it('clears every timer and socket: a process with pending transactions exits after close()', async () => {
    const script = fileURLToPath(new URL('./fixtures/close-exits.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // Without close() the INVITE would keep retransmitting for fr_timer (30 s); a leaked handle
    // would keep the child alive until the test timeout kills it (and the test fails).
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(output).toContain('closed 0');
    expect(code).toBe(0);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}
