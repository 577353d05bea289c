// The byte-level transport layer: any number of UDP/TCP listen sockets, one frame handler, one send().

import { resolveHost } from './resolve-host.js';
import type { StreamFramerFactory } from './stream-framer.js';
import { TcpEndpoint } from './tcp-endpoint.js';
import { DEFAULT_TCP_POOL_OPTIONS, TcpPool, type TcpPoolOptions } from './tcp-pool.js';
import { UdpEndpoint, type UdpBufferSizes } from './udp-endpoint.js';
import {
  consoleLogger,
  type BoundAddress,
  type FrameHandler,
  type ListenSpec,
  type SendErrorHandler,
  type SendTarget,
  type TransportLogger,
} from './types.js';

export interface TransportLayerOptions {
  framers: StreamFramerFactory;
  logger?: TransportLogger;
  tcp?: Partial<TcpPoolOptions>;
  /** UDP socket buffers to enlarge; the kernel defaults when absent. */
  udpBuffers?: UdpBufferSizes | undefined;
}

export class TransportLayer {
  private readonly log: TransportLogger;
  private readonly udp: UdpEndpoint[] = [];
  private readonly tcpEndpoints: TcpEndpoint[] = [];
  private readonly pool: TcpPool;
  private readonly udpBuffers: UdpBufferSizes | undefined;
  private frameHandler: FrameHandler = () => {};
  private sendErrorHandler: SendErrorHandler;
  private started = false;
  private closed = false;

  constructor(options: TransportLayerOptions) {
    this.log = options.logger ?? consoleLogger;
    this.udpBuffers = options.udpBuffers;
    this.sendErrorHandler = (target, error) =>
      this.log.warn(`send to ${target.proto}:${target.host}:${target.port} failed: ${error.message}`);
    this.pool = new TcpPool(options.framers, (bytes, rcv) => this.frameHandler(bytes, rcv), this.log, {
      ...DEFAULT_TCP_POOL_OPTIONS,
      ...options.tcp,
    });
  }

  onFrame(handler: FrameHandler): void {
    this.frameHandler = handler;
  }

  onSendError(handler: SendErrorHandler): void {
    this.sendErrorHandler = handler;
  }

  /** Binds every socket; on any failure closes what was bound and rejects (AddressInUseError, ListenError). */
  async start(specs: readonly ListenSpec[]): Promise<BoundAddress[]> {
    if (this.started) throw new Error('transport layer already started');
    this.started = true;
    const bound: BoundAddress[] = [];
    try {
      for (const spec of specs) {
        if (spec.proto === 'udp') {
          const endpoint = new UdpEndpoint(
            spec,
            (bytes, rcv) => this.frameHandler(bytes, rcv),
            this.log,
            this.udpBuffers,
          );
          this.udp.push(endpoint);
          bound.push(await endpoint.start());
        } else {
          const endpoint = new TcpEndpoint(spec, this.pool, this.log);
          this.tcpEndpoints.push(endpoint);
          bound.push(await endpoint.start());
        }
      }
    } catch (error) {
      await this.close();
      throw error;
    }
    return bound;
  }

  addresses(): BoundAddress[] {
    return [...this.udp.map((e) => e.address), ...this.tcpEndpoints.map((e) => e.address)];
  }

  /** Buffer sizes of each UDP socket, in listen order, as the kernel reports them. */
  udpBufferSizes(): { receive: number; send: number }[] {
    return this.udp.map((e) => e.bufferSizes);
  }

  get tcpConnectionCount(): number {
    return this.pool.size;
  }

  /**
   * Sends bytes; failures are reported to `onError` when given (a client transaction that wants to
   * fail fast), else to the layer's send-error handler — never thrown.
   */
  send(target: SendTarget, bytes: Buffer, onError?: (error: Error) => void): void {
    if (this.closed) return;
    const fail = onError ?? ((error: Error) => this.sendErrorHandler(target, error));
    if (target.proto === 'tcp' && target.connectionId !== undefined) {
      const connection = this.pool.get(target.connectionId);
      if (connection) {
        connection.write(bytes);
        return;
      }
    }
    if (!Number.isInteger(target.port) || target.port <= 0 || target.port > 65535) {
      fail(new Error(`bad destination port ${target.port}`));
      return;
    }
    resolveHost(target.host, (error, ip, family) => {
      if (error) {
        fail(error);
        return;
      }
      // This may run from a DNS callback: nothing may escape from here.
      try {
        if (target.proto === 'udp') this.sendUdp(target, ip, family, bytes, fail);
        else this.sendTcp(target, ip, bytes, fail);
      } catch (sendError) {
        fail(sendError instanceof Error ? sendError : new Error(String(sendError)));
      }
    });
  }

  private sendUdp(
    target: SendTarget,
    ip: string,
    family: 4 | 6,
    bytes: Buffer,
    fail: (error: Error) => void,
  ): void {
    const endpoint = this.pickUdp(target, family);
    if (!endpoint) {
      fail(new Error(`no UDP socket for IPv${family}`));
      return;
    }
    endpoint.send(bytes, ip, target.port, fail);
  }

  private sendTcp(target: SendTarget, ip: string, bytes: Buffer, fail: (error: Error) => void): void {
    const connection = this.pool.findByPeer(ip, target.port) ?? this.pool.connect(ip, target.port);
    if (!connection) {
      fail(new Error('no TCP connection available'));
      return;
    }
    if (!connection.write(bytes)) {
      fail(new Error('TCP connection closed'));
      return;
    }
    if (!connection.isConnected) {
      // Bytes queued on a connection still being opened are lost if the connect fails.
      connection.onClose(() => {
        if (!connection.wasEverConnected) fail(new Error(`TCP connect to ${ip}:${target.port} failed`));
      });
    }
  }

  /** Prefer the socket the caller names (replies), then any socket of the right address family. */
  private pickUdp(target: SendTarget, family: 4 | 6): UdpEndpoint | undefined {
    let fallback: UdpEndpoint | undefined;
    for (const endpoint of this.udp) {
      const addr = endpoint.address;
      if (addr.family !== family) continue;
      if (target.localPort !== undefined && addr.port === target.localPort) {
        if (target.localIp === undefined || target.localIp === addr.host) return endpoint;
      }
      fallback ??= endpoint;
    }
    return fallback;
  }

  /** Closes sockets and connections; resolves when all listening sockets are closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pool.closeAll();
    await Promise.all([...this.udp.map((e) => e.close()), ...this.tcpEndpoints.map((e) => e.close())]);
  }
}
