// SIP over real sockets: parse + dispatch, 400 to garbage requests, received/rport, §18.2.2 routing.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMessage, parseVia, type SipMessage } from '../../runtime/core/sip/index.js';
import { responseTarget } from '../../runtime/core/transport/reply-routing.js';
import { SipTransport } from '../../runtime/core/transport/sip-transport.js';
import { silentLogger, type ReceiveInfo } from '../../runtime/core/transport/types.js';

const transports: SipTransport[] = [];
const sockets: dgram.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(transports.splice(0).map((t) => t.close()));
});

async function server(): Promise<{ transport: SipTransport; port: number }> {
  const transport = new SipTransport({ logger: silentLogger });
  transports.push(transport);
  const [udp] = await transport.start([{ proto: 'udp', host: '127.0.0.1', port: 0 }]);
  return { transport, port: udp!.port };
}

async function client(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  sockets.push(socket);
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  return socket;
}

function options(via: string, extra = ''): string {
  return (
    'OPTIONS sip:srv@127.0.0.1 SIP/2.0\r\n' +
    `Via: SIP/2.0/UDP ${via}\r\n` +
    'From: <sip:a@example.com>;tag=1\r\nTo: <sip:srv@127.0.0.1>\r\nCall-ID: c1@x\r\nCSeq: 1 OPTIONS\r\n' +
    extra +
    'Content-Length: 0\r\n\r\n'
  );
}

const rcv: ReceiveInfo = {
  proto: 'udp',
  srcIp: '192.0.2.7',
  srcPort: 40000,
  localIp: '127.0.0.1',
  localPort: 5060,
};

describe('SipTransport', () => {
  it('parses a request, stamps received and rport on its top Via, and dispatches it', async () => {
    const { transport, port } = await server();
    const socket = await client();
    const got = new Promise<{ message: SipMessage; rcv: ReceiveInfo }>((resolve) =>
      transport.onMessage((message, r) => resolve({ message, rcv: r })),
    );
    socket.send(options('client.invalid:5070;rport;branch=z9hG4bKa'), port, '127.0.0.1');
    const { message, rcv: info } = await got;
    expect(message.method).toBe('OPTIONS');
    expect(info.srcPort).toBe(socket.address().port);
    const reparsed = parseMessage(message.serialize());
    expect(reparsed.ok).toBe(true);
    if (!reparsed.ok) return;
    expect(reparsed.message.via.received).toBe('127.0.0.1');
    expect(reparsed.message.via.rport).toBe(socket.address().port);
  });

  it('answers an unparseable request with 400 echoing its Via and Call-ID, and never dispatches it', async () => {
    const { transport, port } = await server();
    let dispatched = 0;
    transport.onMessage(() => dispatched++);
    const socket = await client();
    const reply = new Promise<string>((r) => socket.once('message', (m) => r(m.toString())));
    socket.send(options('127.0.0.1:1;branch=z9hG4bKb', 'Max-Forwards: many\r\n'), port, '127.0.0.1');
    const text = await reply;
    expect(text).toMatch(/^SIP\/2\.0 400 /);
    expect(text).toContain('Call-ID: c1@x');
    expect(text).toContain('branch=z9hG4bKb');
    expect(dispatched).toBe(0);
    expect(transport.stats.parseErrors).toBe(1);
  });

  it('drops garbage and bad responses silently', async () => {
    const { transport, port } = await server();
    const socket = await client();
    let replies = 0;
    socket.on('message', () => replies++);
    socket.send(Buffer.from([0, 1, 2, 3, 255]), port, '127.0.0.1');
    socket.send('SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n', port, '127.0.0.1');
    // A valid message sent afterwards proves the earlier ones were processed (UDP order on loopback).
    const after = new Promise<void>((r) => transport.onMessage(() => r()));
    socket.send(options('127.0.0.1:1;branch=z9hG4bKc'), port, '127.0.0.1');
    await after;
    expect(transport.stats.parseErrors).toBe(2);
    expect(replies).toBe(0);
  });
});

describe('responseTarget (RFC 3261 §18.2.2, RFC 3581)', () => {
  it('uses received and rport when present', () => {
    const via = parseVia('SIP/2.0/UDP h.example:5070;received=192.0.2.7;rport=40000;branch=z9hG4bKx');
    expect(responseTarget(via)).toMatchObject({ proto: 'udp', host: '192.0.2.7', port: 40000 });
  });
  it('uses received with the sent-by port when rport was not requested', () => {
    const via = parseVia('SIP/2.0/UDP h.example:5070;received=192.0.2.7;branch=z9hG4bKx');
    expect(responseTarget(via)).toMatchObject({ host: '192.0.2.7', port: 5070 });
  });
  it('falls back to the sent-by host and port 5060', () => {
    expect(responseTarget(parseVia('SIP/2.0/UDP h.example;branch=z9hG4bKx'))).toMatchObject({
      host: 'h.example',
      port: 5060,
    });
  });
  it('uses the source address of the request when rport was requested but not yet filled', () => {
    const via = parseVia('SIP/2.0/UDP h.example:5070;rport;branch=z9hG4bKx');
    expect(responseTarget(via, rcv)).toMatchObject({ host: '192.0.2.7', port: 40000, localPort: 5060 });
  });
  it('uses maddr when present and no received', () => {
    const via = parseVia('SIP/2.0/UDP h.example:5070;maddr=239.1.1.1;branch=z9hG4bKx');
    expect(responseTarget(via)).toMatchObject({ host: '239.1.1.1', port: 5070 });
  });
  it('answers on the same TCP connection', () => {
    const via = parseVia('SIP/2.0/TCP h.example:5070;branch=z9hG4bKx');
    expect(responseTarget(via, { ...rcv, proto: 'tcp', connectionId: 9 })).toMatchObject({
      proto: 'tcp',
      connectionId: 9,
      host: '192.0.2.7',
      port: 5070,
    });
  });
  it('keeps IPv6 addresses without brackets for the socket API', () => {
    const via = parseVia('SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bKx');
    expect(responseTarget(via)).toMatchObject({ host: '2001:db8::1', port: 5070 });
  });
});
