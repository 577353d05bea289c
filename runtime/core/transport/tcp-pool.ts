// All TCP connections of a transport layer: accepted and outgoing, indexed by id and by peer address
// so that replies and new requests to the same peer reuse an open connection.
import net from 'node:net';
import { TcpConnection } from './tcp-connection.js';
import type { StreamFramerFactory } from './stream-framer.js';
import type { FrameHandler, TransportLogger } from './types.js';

export interface TcpPoolOptions {
  idleTimeoutMs: number;
  maxConnections: number;
  maxWriteBufferBytes: number;
  connectTimeoutMs: number;
}

export const DEFAULT_TCP_POOL_OPTIONS: TcpPoolOptions = {
  idleTimeoutMs: 600_000,
  maxConnections: 2048,
  maxWriteBufferBytes: 1 << 20,
  connectTimeoutMs: 10_000,
};

export class TcpPool {
  private nextId = 1;
  private readonly byId = new Map<number, TcpConnection>();
  private readonly byPeer = new Map<string, TcpConnection>();

  constructor(
    private readonly framers: StreamFramerFactory,
    private readonly onFrame: FrameHandler,
    private readonly log: TransportLogger,
    private readonly options: TcpPoolOptions,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: number): TcpConnection | undefined {
    const connection = this.byId.get(id);
    return connection && !connection.isClosed ? connection : undefined;
  }

  findByPeer(ip: string, port: number): TcpConnection | undefined {
    const connection = this.byPeer.get(peerKey(ip, port));
    return connection && !connection.isClosed ? connection : undefined;
  }

  /** Adopts an accepted socket; refuses it (closes) when the pool is full. */
  accept(socket: net.Socket): TcpConnection | undefined {
    if (this.byId.size >= this.options.maxConnections) {
      this.log.warn(
        `tcp: max connections (${this.options.maxConnections}) reached, refusing ${socket.remoteAddress}`,
      );
      socket.destroy();
      return undefined;
    }
    return this.adopt(socket);
  }

  /** Opens a connection to ip:port; writes before the connect completes are queued by the socket. */
  connect(ip: string, port: number): TcpConnection | undefined {
    if (this.byId.size >= this.options.maxConnections) {
      this.log.warn(
        `tcp: max connections (${this.options.maxConnections}) reached, not connecting to ${ip}:${port}`,
      );
      return undefined;
    }
    const socket = net.connect({ host: ip, port });
    const connection = this.adopt(socket, { ip, port });
    const connectTimer = setTimeout(() => {
      this.log.warn(`tcp: connect to ${ip}:${port} timed out`);
      connection.destroy();
    }, this.options.connectTimeoutMs);
    connectTimer.unref();
    socket.once('connect', () => clearTimeout(connectTimer));
    connection.onClose(() => clearTimeout(connectTimer));
    return connection;
  }

  closeAll(): void {
    for (const connection of [...this.byId.values()]) connection.destroy();
  }

  private adopt(socket: net.Socket, remote?: { ip: string; port: number }): TcpConnection {
    const id = this.nextId++;
    const connection = new TcpConnection(
      id,
      socket,
      this.framers(),
      this.onFrame,
      this.log,
      this.options,
      remote,
    );
    const key = peerKey(connection.remoteIp, connection.remotePort);
    this.byId.set(id, connection);
    this.byPeer.set(key, connection);
    connection.onClose(() => {
      this.byId.delete(id);
      if (this.byPeer.get(key) === connection) this.byPeer.delete(key);
    });
    return connection;
  }
}

function peerKey(ip: string, port: number): string {
  return `${ip}|${port}`;
}
