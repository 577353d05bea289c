// The UDP send path and socket buffers: IP-literal targets skip name resolution (dgram's per-send
// lookup answers at once), and `maxbuffer` raises the receive buffer — never shrinks it, never by default.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sipFramers } from '../../runtime/core/transport/framer-adapter.js';
import { literalFirstLookup } from '../../runtime/core/transport/resolve-host.js';
import { TransportLayer } from '../../runtime/core/transport/transport-layer.js';
import { silentLogger } from '../../runtime/core/transport/types.js';
import type { UdpBufferSizes } from '../../runtime/core/transport/udp-endpoint.js';
import { startServer, type RunningServer } from '../../runtime/engine/server.js';
import type { CompiledScript } from '../../runtime/index.js';

const layers: TransportLayer[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(layers.splice(0).map((l) => l.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function udpLayer(udpBuffers?: UdpBufferSizes): Promise<TransportLayer> {
  const layer = new TransportLayer({ framers: sipFramers(), logger: silentLogger, udpBuffers });
  layers.push(layer);
  await layer.start([{ proto: 'udp', host: '127.0.0.1', port: 0 }]);
  return layer;
}

/** The receive buffer of a fresh UDP socket: the kernel default serc must keep unless asked. */
async function kernelDefaultReceive(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const size = socket.getRecvBufferSize();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return size;
}

/** What Linux grants for SO_RCVBUF = asked: the request capped at rmem_max, doubled for bookkeeping. */
function linuxGranted(asked: number): number {
  const rmemMax = Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8').trim());
  return 2 * Math.min(asked, rmemMax);
}

describe('literalFirstLookup', () => {
  it('hands IP literals back synchronously, brackets removed', () => {
    const answers: [string, number][] = [];
    literalFirstLookup('127.0.0.1', 4, (error, address, family) => {
      expect(error).toBeNull();
      answers.push([address, family]);
    });
    literalFirstLookup('[::1]', 6, (_error, address, family) => answers.push([address, family]));
    expect(answers).toEqual([
      ['127.0.0.1', 4],
      ['::1', 6],
    ]);
  });

  it('resolves names through dns.lookup, asynchronously', async () => {
    let settled = false;
    const result = new Promise<[string, number]>((resolve, reject) =>
      literalFirstLookup('localhost', 4, (error, address, family) => {
        settled = true;
        if (error) reject(error);
        else resolve([address, family]);
      }),
    );
    expect(settled).toBe(false);
    expect(await result).toEqual(['127.0.0.1', 4]);
  });
});

describe('UDP send path', () => {
  it('delivers to an IP literal and to a name through the same socket', async () => {
    const layer = await udpLayer();
    const peer = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', resolve));
    try {
      const received: string[] = [];
      const two = new Promise<void>((resolve) =>
        peer.on('message', (bytes) => {
          received.push(bytes.toString());
          if (received.length === 2) resolve();
        }),
      );
      const port = peer.address().port;
      const errors: Error[] = [];
      layer.send({ proto: 'udp', host: '127.0.0.1', port }, Buffer.from('literal'), (e) => errors.push(e));
      layer.send({ proto: 'udp', host: 'localhost', port }, Buffer.from('name'), (e) => errors.push(e));
      await two;
      expect(received.sort()).toEqual(['literal', 'name']);
      expect(errors).toEqual([]);
    } finally {
      peer.close();
    }
  });
});

describe('UDP buffer sizes', () => {
  it('keeps the kernel default when nothing is asked', async () => {
    const layer = await udpLayer();
    expect(layer.udpBufferSizes()[0]?.receive).toBe(await kernelDefaultReceive());
  });

  it('raises the receive buffer to the size asked (as far as the kernel allows)', async () => {
    const initial = await kernelDefaultReceive();
    const asked = initial + 65536;
    const layer = await udpLayer({ receive: asked });
    expect(layer.udpBufferSizes()[0]?.receive).toBe(Math.max(initial, linuxGranted(asked)));
  });

  it('never shrinks a buffer below the default', async () => {
    const layer = await udpLayer({ receive: 4096, send: 4096 });
    expect(layer.udpBufferSizes()[0]?.receive).toBe(await kernelDefaultReceive());
    expect(layer.udpBufferSizes()[0]?.send).toBeGreaterThan(4096 * 2);
  });

  it("follows the script's maxbuffer when the engine starts", async () => {
    const initial = await kernelDefaultReceive();
    const maxbuffer = initial + 131072;
    const script: CompiledScript = {
      dialect: 'K3',
      core: { maxbuffer, listen: ['udp:127.0.0.1:0'] },
      routes: { request: () => 1 },
    };
    const server = await startServer(script, { logSink: () => {} });
    servers.push(server);
    const sizes = server.stack.transport.layer.udpBufferSizes();
    expect(sizes).toHaveLength(1);
    expect(sizes[0]?.receive).toBe(Math.max(initial, linuxGranted(maxbuffer)));
  });
});
