// Byte-level transport over real sockets on 127.0.0.1 / ::1: framing, reuse, limits, errors.
import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sipFramers } from '../../runtime/core/transport/framer-adapter.js';
import { AddressInUseError } from '../../runtime/core/transport/errors.js';
import { TransportLayer } from '../../runtime/core/transport/transport-layer.js';
import { silentLogger, type ReceiveInfo } from '../../runtime/core/transport/types.js';

const layers: TransportLayer[] = [];
afterEach(async () => {
  await Promise.all(layers.splice(0).map((l) => l.close()));
});

function newLayer(tcp?: ConstructorParameters<typeof TransportLayer>[0]['tcp']): TransportLayer {
  const layer = new TransportLayer({
    framers: sipFramers({ maxMessageSize: 4096 }),
    logger: silentLogger,
    tcp,
  });
  layers.push(layer);
  return layer;
}

function message(body = ''): Buffer {
  return Buffer.from(
    `OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function nextFrame(layer: TransportLayer): Promise<{ bytes: Buffer; rcv: ReceiveInfo }> {
  return new Promise((resolve) => layer.onFrame((bytes, rcv) => resolve({ bytes: Buffer.from(bytes), rcv })));
}

function tcpConnect(port: number, host = '127.0.0.1'): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host }, () => resolve(socket));
    socket.on('error', reject);
  });
}

function readUntil(socket: net.Socket, predicate: (data: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve) => {
    let data = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      data = Buffer.concat([data, chunk]);
      if (predicate(data)) {
        socket.off('data', onData);
        resolve(data);
      }
    };
    socket.on('data', onData);
  });
}

function waitClose(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    socket.on('close', () => resolve());
  });
}

describe('TransportLayer', () => {
  it('binds UDP and TCP on IPv4 and IPv6 with port 0 and reports the real ports', async () => {
    const layer = newLayer();
    const bound = await layer.start([
      { proto: 'udp', host: '127.0.0.1', port: 0 },
      { proto: 'tcp', host: '127.0.0.1', port: 0 },
      { proto: 'udp', host: '::1', port: 0 },
      { proto: 'tcp', host: '::1', port: 0 },
    ]);
    expect(bound.map((b) => [b.proto, b.host, b.family])).toEqual([
      ['udp', '127.0.0.1', 4],
      ['tcp', '127.0.0.1', 4],
      ['udp', '::1', 6],
      ['tcp', '::1', 6],
    ]);
    for (const b of bound) expect(b.port).toBeGreaterThan(0);
  });

  it('delivers a UDP datagram with its receive info and sends a reply back', async () => {
    const layer = newLayer();
    const [udp] = await layer.start([{ proto: 'udp', host: '::1', port: 0 }]);
    const client = dgram.createSocket('udp6');
    await new Promise<void>((r) => client.bind(0, '::1', () => r()));
    const got = nextFrame(layer);
    client.send(message('hi'), udp!.port, '::1');
    const { bytes, rcv } = await got;
    expect(bytes.toString()).toContain('hi');
    expect(rcv).toMatchObject({
      proto: 'udp',
      srcIp: '::1',
      srcPort: client.address().port,
      localPort: udp!.port,
    });
    const reply = new Promise<Buffer>((r) => client.once('message', (m) => r(m)));
    layer.send({ proto: 'udp', host: rcv.srcIp, port: rcv.srcPort }, Buffer.from('pong'));
    expect((await reply).toString()).toBe('pong');
    client.close();
  });

  it('frames TCP messages split across chunks and answers a CRLF keep-alive ping', async () => {
    const layer = newLayer();
    const [tcp] = await layer.start([{ proto: 'tcp', host: '127.0.0.1', port: 0 }]);
    const frames: Buffer[] = [];
    layer.onFrame((bytes) => frames.push(Buffer.from(bytes)));
    const socket = await tcpConnect(tcp!.port);
    const pong = readUntil(socket, (d) => d.toString() === '\r\n');
    socket.write('\r\n\r\n');
    await pong;
    const both = Buffer.concat([message('first'), message('second')]);
    socket.write(both.subarray(0, 30));
    await new Promise((r) => setTimeout(r, 20));
    socket.write(both.subarray(30));
    await vitestWaitFor(() => frames.length === 2);
    expect(frames.map((f) => f.toString().split('\r\n\r\n')[1])).toEqual(['first', 'second']);
    socket.destroy();
  });

  it('replies on the same TCP connection and reuses it for a new request to that peer', async () => {
    const layer = newLayer();
    const [tcp] = await layer.start([{ proto: 'tcp', host: '127.0.0.1', port: 0 }]);
    const socket = await tcpConnect(tcp!.port);
    const got = nextFrame(layer);
    socket.write(message());
    const { rcv } = await got;
    expect(rcv.connectionId).toBeGreaterThan(0);
    const first = readUntil(socket, (d) => d.toString() === 'reply');
    layer.send(
      { proto: 'tcp', host: '192.0.2.1', port: 9, connectionId: rcv.connectionId },
      Buffer.from('reply'),
    );
    await first;
    const second = readUntil(socket, (d) => d.toString() === 'request');
    layer.send({ proto: 'tcp', host: rcv.srcIp, port: rcv.srcPort }, Buffer.from('request'));
    await second;
    expect(layer.tcpConnectionCount).toBe(1);
    socket.destroy();
  });

  it('opens an outgoing TCP connection and receives replies on it', async () => {
    const server = newLayer();
    const [tcp] = await server.start([{ proto: 'tcp', host: '127.0.0.1', port: 0 }]);
    const client = newLayer();
    await client.start([{ proto: 'udp', host: '127.0.0.1', port: 0 }]);
    const atServer = nextFrame(server);
    client.send({ proto: 'tcp', host: '127.0.0.1', port: tcp!.port }, message('out'));
    const { rcv } = await atServer;
    const atClient = nextFrame(client);
    server.send(
      { proto: 'tcp', host: rcv.srcIp, port: rcv.srcPort, connectionId: rcv.connectionId },
      message('back'),
    );
    const back = await atClient;
    expect(back.bytes.toString()).toContain('back');
    expect(back.rcv.srcPort).toBe(tcp!.port);
  });

  it('closes a TCP connection whose message exceeds the buffer bound or has a bad Content-Length', async () => {
    const layer = newLayer();
    const [tcp] = await layer.start([{ proto: 'tcp', host: '127.0.0.1', port: 0 }]);
    let frames = 0;
    layer.onFrame(() => frames++);
    const big = await tcpConnect(tcp!.port);
    big.on('error', () => {});
    big.write(Buffer.alloc(5000, 'a'));
    await waitClose(big);
    const bad = await tcpConnect(tcp!.port);
    bad.on('error', () => {});
    bad.write('OPTIONS sip:x SIP/2.0\r\nContent-Length: abc\r\n\r\n');
    await waitClose(bad);
    expect(frames).toBe(0);
  });

  it('closes idle TCP connections and refuses connections beyond the maximum', async () => {
    const layer = newLayer({ idleTimeoutMs: 200, maxConnections: 1 });
    const [tcp] = await layer.start([{ proto: 'tcp', host: '127.0.0.1', port: 0 }]);
    const first = await tcpConnect(tcp!.port);
    await vitestWaitFor(() => layer.tcpConnectionCount === 1);
    const second = await tcpConnect(tcp!.port);
    second.on('error', () => {});
    await waitClose(second);
    await waitClose(first);
    expect(layer.tcpConnectionCount).toBe(0);
  });

  it('rejects with AddressInUseError when the port is taken, and releases what it bound', async () => {
    const first = newLayer();
    const [udp] = await first.start([{ proto: 'udp', host: '127.0.0.1', port: 0 }]);
    const [tcp] = await newLayer().start([{ proto: 'tcp', host: '127.0.0.1', port: 0 }]);
    const second = newLayer();
    await expect(
      second.start([
        { proto: 'udp', host: '127.0.0.1', port: 0 },
        { proto: 'tcp', host: '127.0.0.1', port: tcp!.port },
      ]),
    ).rejects.toBeInstanceOf(AddressInUseError);
    await expect(newLayer().start([{ proto: 'udp', host: '127.0.0.1', port: udp!.port }])).rejects.toThrow(
      /address already in use: udp:127\.0\.0\.1:/,
    );
  });

  it('reports a send failure (unresolvable name) to the handler instead of throwing', async () => {
    const layer = newLayer();
    await layer.start([{ proto: 'udp', host: '127.0.0.1', port: 0 }]);
    const failed = new Promise<string>((r) => layer.onSendError((t) => r(t.host)));
    layer.send({ proto: 'udp', host: 'no-such-host.invalid', port: 5060 }, Buffer.from('x'));
    expect(await failed).toBe('no-such-host.invalid');
  });
});

describe('TransportLayer send errors', () => {
  it('reports EACCES (broadcast) and a bad port to the handler and keeps working', async () => {
    const layer = newLayer();
    const [udp] = await layer.start([{ proto: 'udp', host: '127.0.0.1', port: 0 }]);
    const errors: string[] = [];
    layer.onSendError((target, error) => errors.push(`${target.port}:${error.message}`));
    layer.send({ proto: 'udp', host: '255.255.255.255', port: 5060 }, Buffer.from('x'));
    layer.send({ proto: 'udp', host: '127.0.0.1', port: 0 }, Buffer.from('x'));
    layer.send({ proto: 'tcp', host: '127.0.0.1', port: 0 }, Buffer.from('x'));
    await vitestWaitFor(() => errors.length === 3);
    expect(errors.some((e) => e.startsWith('5060:') && e.includes('EACCES'))).toBe(true);
    expect(errors.filter((e) => e.startsWith('0:bad destination port'))).toHaveLength(2);
    const client = dgram.createSocket('udp4');
    const got = nextFrame(layer);
    client.send(message('still alive'), udp!.port, '127.0.0.1');
    expect((await got).bytes.toString()).toContain('still alive');
    client.close();
  });
});

async function vitestWaitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}
