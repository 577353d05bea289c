// The stack on IPv6 loopback: a request over UDP and TCP on ::1 is answered, Via uses [::1].
import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../runtime/core/sip/index.js';
import { startSipStack, type SipStack } from '../../runtime/core/transaction/index.js';
import { silentLogger } from '../../runtime/core/transport/index.js';

let stack: SipStack;
beforeAll(async () => {
  stack = await startSipStack({
    listen: [
      { proto: 'udp', host: '::1', port: 0 },
      { proto: 'tcp', host: '::1', port: 0 },
    ],
    logger: silentLogger,
  });
  stack.transactions.onRequest((request, rcv) =>
    stack.transactions.createServer(request, rcv).reply(200, 'OK'),
  );
});
afterAll(async () => {
  await stack.close();
});

function options(transport: string, port: number): string {
  return (
    `OPTIONS sip:[::1] SIP/2.0\r\nVia: SIP/2.0/${transport} [::1]:${port};branch=z9hG4bK6${transport};rport\r\n` +
    'From: <sip:a@[::1]>;tag=1\r\nTo: <sip:[::1]>\r\nCall-ID: v6@x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n'
  );
}

describe('IPv6', () => {
  it('answers OPTIONS over UDP on ::1 and routes the reply by Via/rport', async () => {
    const port = stack.bound.find((b) => b.proto === 'udp')!.port;
    const client = dgram.createSocket('udp6');
    await new Promise<void>((r) => client.bind(0, '::1', () => r()));
    const reply = new Promise<Buffer>((r) => client.once('message', (m) => r(m)));
    const clientPort = client.address().port;
    client.send(options('UDP', clientPort), port, '::1');
    const parsed = parseMessage(await reply);
    client.close();
    expect(parsed.ok && parsed.message.status).toBe(200);
    expect(parsed.ok && parsed.message.via.rport).toBe(clientPort);
    expect(stack.local.sentBy('udp', 6)).toBe(`[::1]:${port}`);
  });

  it('answers OPTIONS over TCP on ::1 on the same connection', async () => {
    const port = stack.bound.find((b) => b.proto === 'tcp')!.port;
    const socket = net.connect({ host: '::1', port });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const reply = new Promise<Buffer>((r) => socket.once('data', (d: Buffer) => r(d)));
    socket.write(options('TCP', socket.localPort ?? 0));
    const parsed = parseMessage(await reply);
    socket.destroy();
    expect(parsed.ok && parsed.message.status).toBe(200);
  });
});
