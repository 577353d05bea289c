// SIP over the transport layer: parse each frame, answer unparseable requests, stamp received/rport,
// dispatch synchronously; send requests to targets and responses along their Via.
import { buildErrorReply, parseMessage, type SipLimits, type SipMessage } from '../sip/index.js';
import { sipFramers } from './framer-adapter.js';
import { responseTarget, stampReceived } from './reply-routing.js';
import type { TcpPoolOptions } from './tcp-pool.js';
import { TransportLayer } from './transport-layer.js';
import type { UdpBufferSizes } from './udp-endpoint.js';
import {
  consoleLogger,
  type BoundAddress,
  type ListenSpec,
  type ReceiveInfo,
  type SendErrorHandler,
  type SendTarget,
  type TransportLogger,
} from './types.js';

export type SipMessageHandler = (message: SipMessage, rcv: ReceiveInfo) => void;

export interface SipTransportOptions {
  limits?: Partial<SipLimits>;
  logger?: TransportLogger;
  tcp?: Partial<TcpPoolOptions>;
  udpBuffers?: UdpBufferSizes | undefined;
}

export interface SipTransportStats {
  received: number;
  parseErrors: number;
  errorReplies: number;
}

export class SipTransport {
  readonly layer: TransportLayer;
  readonly stats: SipTransportStats = { received: 0, parseErrors: 0, errorReplies: 0 };
  private readonly log: TransportLogger;
  private readonly limits: Partial<SipLimits> | undefined;
  private handler: SipMessageHandler = () => {};

  constructor(options: SipTransportOptions = {}) {
    this.log = options.logger ?? consoleLogger;
    this.limits = options.limits;
    this.layer = new TransportLayer({
      framers: sipFramers(options.limits),
      logger: this.log,
      tcp: options.tcp,
      udpBuffers: options.udpBuffers,
    });
    this.layer.onFrame((bytes, rcv) => this.receive(bytes, rcv));
  }

  start(specs: readonly ListenSpec[]): Promise<BoundAddress[]> {
    return this.layer.start(specs);
  }

  addresses(): BoundAddress[] {
    return this.layer.addresses();
  }

  onMessage(handler: SipMessageHandler): void {
    this.handler = handler;
  }

  onSendError(handler: SendErrorHandler): void {
    this.layer.onSendError(handler);
  }

  /** Sends a request (or anything) to an explicit target. */
  send(message: SipMessage, target: SendTarget): void {
    this.layer.send(target, message.serialize());
  }

  /** Sends raw bytes; onError (if given) hears about failures instead of the layer-wide handler. */
  sendBytes(target: SendTarget, bytes: Buffer, onError?: (error: Error) => void): void {
    this.layer.send(target, bytes, onError);
  }

  /** Sends a response along its top Via (RFC 3261 §18.2.2); rcv = how the request arrived, if known. */
  sendResponse(response: SipMessage, rcv?: ReceiveInfo): void {
    this.layer.send(responseTarget(response.via, rcv), response.serialize());
  }

  close(): Promise<void> {
    return this.layer.close();
  }

  private receive(bytes: Buffer, rcv: ReceiveInfo): void {
    this.stats.received++;
    const result = parseMessage(bytes, this.limits);
    if (!result.ok) {
      this.stats.parseErrors++;
      const { status, detail } = result.error;
      this.log.debug(`dropping message from ${rcv.proto}:${rcv.srcIp}:${rcv.srcPort}: ${status} ${detail}`);
      const reply = status > 0 ? buildErrorReply(bytes, result.error) : undefined;
      if (reply) {
        this.stats.errorReplies++;
        this.layer.send(
          {
            proto: rcv.proto,
            host: rcv.srcIp,
            port: rcv.srcPort,
            connectionId: rcv.connectionId,
            localIp: rcv.localIp,
            localPort: rcv.localPort,
          },
          reply,
        );
      }
      return;
    }
    const message = result.message;
    if (message.isRequest) stampReceived(message, rcv);
    this.handler(message, rcv);
  }
}
