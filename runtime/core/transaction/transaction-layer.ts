// The transaction layer: sits on a SipTransport, matches requests to server transactions (absorbing
// retransmissions and hop-by-hop ACKs, answering CANCELs) and responses to client transactions.
// Whatever matches nothing goes to the core's handlers, synchronously.
import type { SipMessage } from '../sip/index.js';
import type { SipTransport } from '../transport/sip-transport.js';
import {
  consoleLogger,
  type ReceiveInfo,
  type SendTarget,
  type TransportLogger,
} from '../transport/types.js';
import { ClientTransaction, type ClientHandlers } from './client-transaction.js';
import type { TransactionContext } from './context.js';
import { clientKey, clientKeyOfResponse, serverKey } from './keys.js';
import { ServerTransaction } from './server-transaction.js';
import { resolveTimers, type TransactionTimers } from './timers.js';

export type RequestHandler = (request: SipMessage, rcv: ReceiveInfo) => void;
export type ResponseHandler = (response: SipMessage, rcv: ReceiveInfo) => void;

export interface TransactionLayerOptions {
  timers?: Partial<TransactionTimers>;
  logger?: TransportLogger;
  /** Send 100 Trying as soon as an INVITE server transaction is created (tm auto_inv_100). Default true. */
  autoTrying?: boolean;
  /**
   * Answer a CANCEL that matches a pending INVITE here (200, then cancel the INVITE) without showing it
   * to the core. Default true; false hands every CANCEL to onRequest, and the core calls cancelInvite()
   * (tm t_relay / t_relay_cancel on a CANCEL).
   */
  autoCancel?: boolean;
}

export interface TransactionStats {
  absorbedRetransmissions: number;
  absorbedAcks: number;
  strayResponses: number;
}

const NO_HANDLERS: ClientHandlers = { onResponse: () => {}, onTimeout: () => {} };

export class TransactionLayer implements TransactionContext {
  readonly timers: TransactionTimers;
  readonly log: TransportLogger;
  readonly stats: TransactionStats = { absorbedRetransmissions: 0, absorbedAcks: 0, strayResponses: 0 };
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly autoTrying: boolean;
  private readonly autoCancel: boolean;
  private requestHandler: RequestHandler = () => {};
  private responseHandler: ResponseHandler = () => {};
  private closed = false;

  constructor(
    readonly transport: SipTransport,
    options: TransactionLayerOptions = {},
  ) {
    this.timers = resolveTimers(options.timers);
    this.log = options.logger ?? consoleLogger;
    this.autoTrying = options.autoTrying ?? true;
    this.autoCancel = options.autoCancel ?? true;
    transport.onMessage((message, rcv) => {
      if (message.isRequest) this.receiveRequest(message, rcv);
      else this.receiveResponse(message, rcv);
    });
  }

  /** New requests (and e2e ACKs, unmatched CANCELs) that no transaction absorbed. */
  onRequest(handler: RequestHandler): void {
    this.requestHandler = handler;
  }

  /** Responses that match no client transaction (a stateless proxy forwards them). */
  onStrayResponse(handler: ResponseHandler): void {
    this.responseHandler = handler;
  }

  get serverCount(): number {
    return this.servers.size;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** The server transaction of a request, if one exists (tm t_lookup_request). */
  findServer(request: SipMessage): ServerTransaction | undefined {
    return this.servers.get(serverKey(request));
  }

  /** The INVITE server transaction a CANCEL refers to, if still there (tm t_lookup_cancel). */
  findInvite(cancel: SipMessage): ServerTransaction | undefined {
    const invite = this.servers.get(serverKey(cancel, 'INVITE'));
    return invite && invite.state !== 'terminated' ? invite : undefined;
  }

  /**
   * Handles a CANCEL for a pending INVITE: 200 to the CANCEL, then the INVITE is cancelled (its relay
   * cancels the branches; a locally handled INVITE gets 487). Returns false when no INVITE matches.
   */
  cancelInvite(cancel: SipMessage, rcv: ReceiveInfo): boolean {
    const invite = this.findInvite(cancel);
    if (!invite) return false;
    this.createServer(cancel, rcv).reply(200, 'OK');
    invite.cancel(cancel);
    return true;
  }

  /** Creates (or returns the existing) server transaction for a request (tm t_newtran). ACK never gets one. */
  createServer(request: SipMessage, rcv: ReceiveInfo): ServerTransaction {
    if (request.method === 'ACK') throw new Error('ACK does not create a server transaction');
    const key = serverKey(request);
    const existing = this.servers.get(key);
    if (existing) return existing;
    const transaction = new ServerTransaction(key, request, rcv, this);
    this.servers.set(key, transaction);
    if (transaction.isInvite && this.autoTrying) transaction.reply(100, 'Trying');
    return transaction;
  }

  /** Starts a client transaction for a request whose top Via (branch) we set; returns it. */
  startClient(
    request: SipMessage,
    branch: string,
    target: SendTarget,
    handlers: ClientHandlers,
    timers?: Partial<TransactionTimers>,
  ): ClientTransaction {
    const key = clientKey(branch, request.method);
    const own = timers === undefined ? undefined : { ...this.timers, ...timers };
    const transaction = new ClientTransaction(key, request, target, this, handlers, own);
    this.clients.get(key)?.terminate();
    this.clients.set(key, transaction);
    if (this.closed) transaction.terminate();
    else transaction.start();
    return transaction;
  }

  startCancel(cancel: SipMessage, target: SendTarget): void {
    const branch = cancel.via.branch;
    if (branch === undefined) return;
    this.startClient(cancel, branch, target, NO_HANDLERS);
  }

  terminated(transaction: { readonly key: string }): void {
    if (this.servers.get(transaction.key) === transaction) this.servers.delete(transaction.key);
    if (this.clients.get(transaction.key) === transaction) this.clients.delete(transaction.key);
  }

  /** Terminates every transaction and clears every timer (sockets belong to the transport). */
  close(): void {
    this.closed = true;
    for (const t of [...this.servers.values()]) t.terminate();
    for (const t of [...this.clients.values()]) t.terminate();
  }

  private receiveRequest(request: SipMessage, rcv: ReceiveInfo): void {
    const existing = this.servers.get(serverKey(request));
    if (request.method === 'ACK') {
      if (existing && existing.isInvite && existing.state !== 'accepted' && existing.matchesAck(request)) {
        // Hop-by-hop ACK for our non-2xx final: consumed here (RFC 3261 §17.2.1).
        this.stats.absorbedAcks++;
        existing.receiveAck();
        return;
      }
      this.requestHandler(request, rcv);
      return;
    }
    if (existing) {
      this.stats.absorbedRetransmissions++;
      existing.receiveRetransmission();
      return;
    }
    if (request.method === 'CANCEL' && this.autoCancel && this.cancelInvite(request, rcv)) return;
    this.requestHandler(request, rcv);
  }

  private receiveResponse(response: SipMessage, rcv: ReceiveInfo): void {
    const key = clientKeyOfResponse(response);
    const transaction = key === undefined ? undefined : this.clients.get(key);
    if (transaction) {
      transaction.receive(response);
      return;
    }
    this.stats.strayResponses++;
    this.responseHandler(response, rcv);
  }
}
