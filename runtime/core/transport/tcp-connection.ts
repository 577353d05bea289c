// One TCP connection (accepted or opened by us): framing, idle timeout, bounded write buffer.
import type { Socket } from 'node:net';
import { errorCode } from './errors.js';
import type { StreamFramer } from './stream-framer.js';
import type { FrameHandler, ReceiveInfo, TransportLogger } from './types.js';

export interface TcpConnectionOptions {
  idleTimeoutMs: number;
  maxWriteBufferBytes: number;
}

export class TcpConnection {
  readonly remoteIp: string;
  readonly remotePort: number;
  private rcv: ReceiveInfo;
  private closed = false;
  private connected: boolean;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly framer: StreamFramer,
    private readonly onFrame: FrameHandler,
    private readonly log: TransportLogger,
    private readonly options: TcpConnectionOptions,
    remote?: { ip: string; port: number },
  ) {
    this.remoteIp = normalizeIp(remote?.ip ?? socket.remoteAddress ?? '');
    this.remotePort = remote?.port ?? socket.remotePort ?? 0;
    // An accepted socket is connected; an outgoing one (remote given) once 'connect' fires.
    this.connected = remote === undefined;
    this.rcv = this.receiveInfo();
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs, () => {
      this.log.debug(`tcp #${id} ${this.describe()}: idle, closing`);
      this.destroy();
    });
    socket.on('connect', () => {
      this.connected = true;
      this.rcv = this.receiveInfo();
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.log.warn(`tcp #${id} ${this.describe()}: ${errorCode(error)}`));
    socket.on('close', () => this.markClosed());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Open and usable now. */
  get isConnected(): boolean {
    return this.connected && !this.closed;
  }

  /** Whether the connection was ever established (false after a failed connect). */
  get wasEverConnected(): boolean {
    return this.connected;
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  write(bytes: Buffer): boolean {
    if (this.closed) return false;
    // A peer that does not read must not make us buffer without bound.
    if (this.socket.writableLength + bytes.length > this.options.maxWriteBufferBytes) {
      this.log.warn(`tcp #${this.id} ${this.describe()}: write buffer full, closing`);
      this.destroy();
      return false;
    }
    this.socket.write(bytes);
    return true;
  }

  destroy(): void {
    if (this.closed) return;
    this.socket.destroy();
    this.markClosed();
  }

  private onData(chunk: Buffer): void {
    let framed;
    try {
      framed = this.framer.push(chunk);
    } catch (error) {
      this.log.error(
        `tcp #${this.id}: framer threw: ${error instanceof Error ? error.message : String(error)}`,
      );
      this.destroy();
      return;
    }
    for (const message of framed.messages) {
      try {
        this.onFrame(message, this.rcv);
      } catch (error) {
        this.log.error(
          `tcp #${this.id}: handler threw: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
      if (this.closed) return;
    }
    if (framed.pings) this.write(CRLF);
    if (framed.error !== undefined) {
      this.log.warn(`tcp #${this.id} ${this.describe()}: ${framed.error}, closing`);
      this.destroy();
    }
  }

  private markClosed(): void {
    if (this.closed && this.closeListeners.length === 0) return;
    this.closed = true;
    const listeners = this.closeListeners.splice(0);
    for (const listener of listeners) listener();
  }

  private receiveInfo(): ReceiveInfo {
    return {
      proto: 'tcp',
      srcIp: this.remoteIp,
      srcPort: this.remotePort,
      localIp: normalizeIp(this.socket.localAddress ?? ''),
      localPort: this.socket.localPort ?? 0,
      connectionId: this.id,
    };
  }

  private describe(): string {
    return `${this.remoteIp}:${this.remotePort}`;
  }
}

const CRLF = Buffer.from('\r\n');

/** `::ffff:1.2.3.4` (dual-stack sockets) is reported as the plain IPv4 address. */
export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
