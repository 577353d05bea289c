// One bound UDP socket: delivers each datagram synchronously, sends bytes, never dies on a socket error.
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { AddressInUseError, ListenError, errorCode } from './errors.js';
import { literalFirstLookup } from './resolve-host.js';
import type { BoundAddress, FrameHandler, ListenSpec, ReceiveInfo, TransportLogger } from './types.js';

/**
 * Socket buffer sizes to raise the kernel defaults to (Kamailio's `maxbuffer` / `maxsndbuffer`): a
 * buffer is only ever enlarged, never shrunk, and the kernel still caps it at net.core.rmem_max/wmem_max.
 * Left undefined, the kernel default stays.
 */
export interface UdpBufferSizes {
  receive?: number | undefined;
  send?: number | undefined;
}

export class UdpEndpoint {
  private readonly socket: dgram.Socket;
  private bound: BoundAddress | undefined;
  private closed = false;

  constructor(
    private readonly spec: ListenSpec,
    private readonly onFrame: FrameHandler,
    private readonly log: TransportLogger,
    private readonly buffers: UdpBufferSizes = {},
  ) {
    this.socket = dgram.createSocket({
      type: isIPv6(spec.host) ? 'udp6' : 'udp4',
      ipv6Only: isIPv6(spec.host),
      lookup: literalFirstLookup,
    });
  }

  /** The buffer sizes the kernel reports (Linux reports twice what was asked, for its bookkeeping). */
  get bufferSizes(): { receive: number; send: number } {
    return { receive: this.socket.getRecvBufferSize(), send: this.socket.getSendBufferSize() };
  }

  // Only possible once bound. A refusal is logged: the socket works with the default buffer.
  private applyBufferSizes(): void {
    const { receive, send } = this.buffers;
    try {
      if (receive !== undefined && receive > this.socket.getRecvBufferSize())
        this.socket.setRecvBufferSize(receive);
      if (send !== undefined && send > this.socket.getSendBufferSize()) this.socket.setSendBufferSize(send);
    } catch (error) {
      this.log.warn(`udp ${this.describe()}: cannot set the buffer size: ${errorCode(error)}`);
    }
  }

  get address(): BoundAddress {
    if (!this.bound) throw new Error('UDP endpoint not started');
    return this.bound;
  }

  start(): Promise<BoundAddress> {
    return new Promise((resolve, reject) => {
      const onStartError = (error: Error): void => {
        this.socket.close();
        this.closed = true;
        const code = errorCode(error);
        reject(code === 'EADDRINUSE' ? new AddressInUseError(this.spec) : new ListenError(this.spec, code));
      };
      this.socket.once('error', onStartError);
      this.socket.bind(this.spec.port, this.spec.host, () => {
        this.socket.off('error', onStartError);
        // After start a socket error (e.g. ICMP-triggered on some platforms) is logged, never fatal.
        this.socket.on('error', (error) => this.log.error(`udp ${this.describe()}: ${errorCode(error)}`));
        const addr = this.socket.address();
        this.bound = {
          proto: 'udp',
          host: addr.address,
          port: addr.port,
          family: addr.family === 'IPv6' ? 6 : 4,
        };
        this.applyBufferSizes();
        this.socket.on('message', (bytes, remote) => this.deliver(bytes, remote));
        resolve(this.bound);
      });
    });
  }

  private deliver(bytes: Buffer, remote: dgram.RemoteInfo): void {
    const local = this.bound!;
    const rcv: ReceiveInfo = {
      proto: 'udp',
      srcIp: remote.address,
      srcPort: remote.port,
      localIp: local.host,
      localPort: local.port,
    };
    try {
      this.onFrame(bytes, rcv);
    } catch (error) {
      // A bug above us must not take the socket down.
      this.log.error(
        `udp ${this.describe()}: handler threw: ${error instanceof Error ? error.stack : String(error)}`,
      );
    }
  }

  send(bytes: Buffer, ip: string, port: number, onError: (error: Error) => void): void {
    if (this.closed) {
      onError(new Error('UDP endpoint closed'));
      return;
    }
    this.socket.send(bytes, port, ip, (error) => {
      if (error) onError(error);
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private describe(): string {
    return this.bound ? `${this.bound.host}:${this.bound.port}` : `${this.spec.host}:${this.spec.port}`;
  }
}
