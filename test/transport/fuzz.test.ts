// Network fuzz: ≥100,000 mutated packets (valid REGISTER/INVITE/MESSAGE/OPTIONS and the RFC 4475
// torture messages, mutated) against the test server over real UDP and TCP on 127.0.0.1; afterwards
// a valid OPTIONS still gets 200 on both transports, memory growth stays bounded, and every
// transaction the fuzz created eventually ends.
import dgram from 'node:dgram';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../runtime/core/sip/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { mutate, rng, seedMessages } from './fuzz-mutations.js';

const TOTAL_TARGET = 100_000;
const TCP_SHARE = 15_000;
const TIME_BUDGET_MS = 60_000;
/** Floor asserted only when the time budget ran out first (very slow machine); logged honestly. */
const FLOOR_WHEN_OUT_OF_TIME = 25_000;
const BATCH = 20;
const MEMORY_GROWTH_BOUND = 300 * 1024 * 1024;

const fixtures = fileURLToPath(new URL('../fixtures/rfc4475/', import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    // Short lifetimes so that the transactions the fuzz creates are gone soon after it stops.
    timers: { t1: 100, t2: 400, t4: 400, frTimer: 500, frInvTimer: 1000, wtTimer: 500 },
  });
});
afterAll(async () => {
  await server.close();
});

function seeds(port: number): Buffer[] {
  const torture = readdirSync(fixtures)
    .filter((f) => f.endsWith('.dat'))
    .map((f) => readFileSync(fixtures + f));
  return [...seedMessages(port), ...torture];
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function fuzzUdp(port: number, count: number, deadline: number, random: () => number): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  socket.on('message', () => {}); // replies (400s, 200s, 404s) are read and dropped
  const pool = seeds(port);
  let sent = 0;
  while (sent < count && Date.now() < deadline) {
    for (let i = 0; i < BATCH && sent < count; i++, sent++) {
      const packet = mutate(pool[Math.floor(random() * pool.length)]!, random);
      // UDP cannot carry more than 65507 bytes; longer mutations are cut like a network would.
      socket.send(packet.subarray(0, 65507), port, '127.0.0.1');
    }
    // Rate limit: let the server (same process) drain its socket between batches.
    await pause(1);
  }
  await new Promise<void>((r) => socket.close(() => r()));
  return sent;
}

async function fuzzTcp(port: number, count: number, deadline: number, random: () => number): Promise<number> {
  const pool = seeds(port);
  let sent = 0;
  let connections = 0;
  while (sent < count && Date.now() < deadline) {
    connections++;
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.on('error', () => {});
    socket.on('data', () => {});
    await new Promise<void>((resolve) => {
      socket.once('connect', () => resolve());
      socket.once('close', () => resolve());
    });
    // Write until the server gives up on this stream (bad framing closes it) or the share is done.
    while (!socket.destroyed && socket.writable && sent < count && Date.now() < deadline) {
      for (let i = 0; i < BATCH && sent < count; i++, sent++) {
        socket.write(mutate(pool[Math.floor(random() * pool.length)]!, random));
        if (random() < 0.05) socket.write('\r\n\r\n');
      }
      await pause(2);
    }
    socket.destroy();
  }
  expect(connections).toBeGreaterThan(1);
  return sent;
}

async function optionsOverUdp(port: number): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  const text = validOptions(port, socket.address().port, 'UDP');
  const status = new Promise<number>((resolve) =>
    socket.on('message', (m) => {
      const parsed = parseMessage(m);
      if (parsed.ok && parsed.message.callId === 'after-fuzz-UDP') resolve(parsed.message.status);
    }),
  );
  socket.send(text, port, '127.0.0.1');
  const result = await status;
  socket.close();
  return result;
}

async function optionsOverTcp(port: number): Promise<number> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  let data = Buffer.alloc(0);
  const status = new Promise<number>((resolve) =>
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const parsed = parseMessage(data);
      if (parsed.ok) resolve(parsed.message.status);
    }),
  );
  socket.write(validOptions(port, socket.localPort ?? 0, 'TCP'));
  const result = await status;
  socket.destroy();
  return result;
}

function validOptions(port: number, localPort: number, transport: string): string {
  return (
    `OPTIONS sip:127.0.0.1:${port} SIP/2.0\r\n` +
    `Via: SIP/2.0/${transport} 127.0.0.1:${localPort};branch=z9hG4bKafter${transport};rport\r\n` +
    `Max-Forwards: 70\r\nFrom: <sip:check@127.0.0.1>;tag=ok\r\nTo: <sip:127.0.0.1>\r\n` +
    `Call-ID: after-fuzz-${transport}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`
  );
}

describe('network fuzz against the test server (UDP and TCP on 127.0.0.1)', () => {
  it('survives ≥100,000 mutated packets, then answers OPTIONS on both transports with bounded memory', async () => {
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const deadline = started + TIME_BUDGET_MS;
    const random = rng(0x5e5c);
    // TCP first, sharing the budget; UDP takes the rest of the count.
    const tcpSent = await fuzzTcp(server.tcpPort, TCP_SHARE, deadline, random);
    const udpSent = await fuzzUdp(server.udpPort, TOTAL_TARGET - tcpSent, deadline, random);
    const total = tcpSent + udpSent;
    const outOfTime = Date.now() >= deadline && total < TOTAL_TARGET;
    console.log(
      `fuzz: sent ${total} mutated packets (${udpSent} UDP, ${tcpSent} TCP) in ${Date.now() - started} ms; ` +
        `server received ${server.stack.transport.stats.received} frames, ${server.stack.transport.stats.parseErrors} ` +
        `parse errors, ${server.stack.transport.stats.errorReplies} error replies` +
        (outOfTime ? ' — TIME BUDGET RAN OUT before 100,000' : ''),
    );
    if (outOfTime) expect(total).toBeGreaterThanOrEqual(FLOOR_WHEN_OUT_OF_TIME);
    else expect(total).toBeGreaterThanOrEqual(TOTAL_TARGET);
    // The rate limit keeps UDP loss in the kernel low; the fuzz must actually reach the parser.
    expect(server.stack.transport.stats.received).toBeGreaterThan(udpSent * 0.3);
    expect(server.stack.transport.stats.parseErrors).toBeGreaterThan(0);

    expect(await optionsOverUdp(server.udpPort)).toBe(200);
    expect(await optionsOverTcp(server.tcpPort)).toBe(200);

    // Every transaction created by the fuzz ends on its own timers (nothing leaks in the tables).
    while (server.stack.transactions.serverCount + server.stack.transactions.clientCount > 0) await pause(50);
    const growth = process.memoryUsage().rss - rssBefore;
    console.log(`fuzz: RSS growth ${(growth / 1048576).toFixed(1)} MiB`);
    expect(growth).toBeLessThan(MEMORY_GROWTH_BOUND);
  }, 180_000);
});
