// One TCP listening socket; accepted connections join the shared pool.
import net from 'node:net';
import { isIPv6 } from 'node:net';
import { AddressInUseError, ListenError, errorCode } from './errors.js';
import type { TcpPool } from './tcp-pool.js';
import type { BoundAddress, ListenSpec, TransportLogger } from './types.js';

export class TcpEndpoint {
  private readonly server: net.Server;
  private bound: BoundAddress | undefined;
  private closed = false;

  constructor(
    private readonly spec: ListenSpec,
    private readonly pool: TcpPool,
    private readonly log: TransportLogger,
  ) {
    this.server = net.createServer((socket) => this.pool.accept(socket));
  }

  get address(): BoundAddress {
    if (!this.bound) throw new Error('TCP endpoint not started');
    return this.bound;
  }

  start(): Promise<BoundAddress> {
    return new Promise((resolve, reject) => {
      const onStartError = (error: Error): void => {
        this.closed = true;
        const code = errorCode(error);
        reject(code === 'EADDRINUSE' ? new AddressInUseError(this.spec) : new ListenError(this.spec, code));
      };
      this.server.once('error', onStartError);
      this.server.listen(
        { port: this.spec.port, host: this.spec.host, ipv6Only: isIPv6(this.spec.host) },
        () => {
          this.server.off('error', onStartError);
          this.server.on('error', (error) =>
            this.log.error(`tcp listen ${this.spec.host}: ${errorCode(error)}`),
          );
          const addr = this.server.address() as net.AddressInfo;
          this.bound = {
            proto: 'tcp',
            host: addr.address,
            port: addr.port,
            family: addr.family === 'IPv6' ? 6 : 4,
          };
          resolve(this.bound);
        },
      );
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
