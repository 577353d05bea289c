// Server transactions, RFC 3261 §17.2 (INVITE: Proceeding → Completed → Confirmed; with RFC 6026
// Accepted after a 2xx; non-INVITE: Trying → Proceeding → Completed). The last response is re-sent
// on each request retransmission; non-2xx finals to INVITE are retransmitted over UDP until the ACK.
import { buildResponse, type ResponseOptions, type SipMessage } from '../sip/index.js';
import { localTag as newLocalTag } from './ids.js';
import { responseTarget, stampReceived } from '../transport/reply-routing.js';
import type { ReceiveInfo, SendTarget } from '../transport/types.js';
import type { TransactionContext } from './context.js';
import { TimerSlot, nextInterval } from './timers.js';

export type ServerState = 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

export type CancelListener = (cancel: SipMessage) => void;

export class ServerTransaction {
  readonly isInvite: boolean;
  /** To tag used for every reply this transaction generates itself. */
  readonly localTag: string = newLocalTag();
  private stateValue: ServerState;
  private last: SipMessage | undefined;
  private lastBytes: Buffer | undefined;
  private readonly target: SendTarget;
  private readonly retransmit = new TimerSlot();
  private readonly lifetime = new TimerSlot();
  private retransmitInterval = 0;
  private cancelListeners: CancelListener[] = [];
  private canceledBy: SipMessage | undefined;
  private readonly terminationListeners: Array<() => void> = [];

  constructor(
    readonly key: string,
    readonly request: SipMessage,
    readonly rcv: ReceiveInfo,
    private readonly ctx: TransactionContext,
  ) {
    this.isInvite = request.method === 'INVITE';
    this.stateValue = this.isInvite ? 'proceeding' : 'trying';
    this.target = responseTarget(request.via, rcv);
  }

  get state(): ServerState {
    return this.stateValue;
  }

  get lastResponse(): SipMessage | undefined {
    return this.last;
  }

  /** Status of the last response sent (0 if none). */
  get lastStatus(): number {
    return this.last?.status ?? 0;
  }

  get isFinal(): boolean {
    return this.lastStatus >= 200;
  }

  get isCanceled(): boolean {
    return this.canceledBy !== undefined;
  }

  get reliable(): boolean {
    return this.rcv.proto === 'tcp';
  }

  /** Builds and sends a response of our own (To tag added for >100). Returns it. */
  reply(status: number, reason: string, options: ResponseOptions = {}): SipMessage | undefined {
    const response = buildResponse(this.request, status, reason, { toTag: this.localTag, ...options });
    stampReceived(response, this.rcv);
    return this.send(response) ? response : undefined;
  }

  /**
   * Sends a response (own or relayed) through the state machine. Returns false when the state does
   * not allow it (a final response was already sent, or the transaction is gone).
   */
  send(response: SipMessage): boolean {
    const status = response.status;
    const state = this.stateValue;
    if (state !== 'trying' && state !== 'proceeding') {
      // RFC 6026: further 2xx to an INVITE are still passed upstream.
      if (state === 'accepted' && status >= 200 && status < 300) {
        this.transmit(response.serialize());
        return true;
      }
      return false;
    }
    this.last = response;
    this.lastBytes = response.serialize();
    this.transmit(this.lastBytes);
    if (status < 200) {
      this.stateValue = 'proceeding';
      return true;
    }
    if (this.isInvite && status < 300) {
      this.stateValue = 'accepted';
      this.lifetime.set(this.ctx.timers.wtTimer, () => this.terminate());
      return true;
    }
    this.stateValue = 'completed';
    if (this.isInvite) {
      // Timer G (retransmit over UDP) and Timer H (give up waiting for the ACK).
      if (!this.reliable) {
        this.retransmitInterval = this.ctx.timers.t1;
        this.retransmit.set(this.retransmitInterval, () => this.retransmitFinal());
      }
      this.lifetime.set(64 * this.ctx.timers.t1, () => this.terminate());
    } else {
      // Timer J: keep absorbing retransmissions (tm wt_timer); none needed on reliable transports.
      this.lifetime.set(this.reliable ? 0 : this.ctx.timers.wtTimer, () => this.terminate());
    }
    return true;
  }

  /** A retransmission of the request: re-send the last response, if any. */
  receiveRetransmission(): void {
    if (this.lastBytes !== undefined && this.stateValue !== 'terminated') this.transmit(this.lastBytes);
  }

  /** True when an ACK belongs to our non-2xx final (RFC 2543 matching also checks the To tag). */
  matchesAck(ack: SipMessage): boolean {
    if (ack.via.hasMagicCookie) return true;
    const tag = this.last?.toTag;
    return tag === undefined || ack.toTag === tag;
  }

  /** The hop-by-hop ACK for a non-2xx final: stop retransmitting, absorb further ACKs (Timer I). */
  receiveAck(): void {
    if (this.stateValue !== 'completed') return;
    this.stateValue = 'confirmed';
    this.retransmit.clear();
    this.lifetime.set(this.reliable ? 0 : this.ctx.timers.t4, () => this.terminate());
  }

  /** Registers what to do when a CANCEL arrives (the proxy cancels its branches). */
  onCancel(listener: CancelListener): void {
    this.cancelListeners.push(listener);
  }

  onTerminated(listener: () => void): void {
    this.terminationListeners.push(listener);
  }

  /** Called by the layer for a CANCEL matching this INVITE (after the CANCEL got its 200). */
  cancel(cancel: SipMessage): void {
    if (this.canceledBy) return;
    this.canceledBy = cancel;
    if (this.isFinal) return;
    const listeners = this.cancelListeners;
    this.cancelListeners = [];
    if (listeners.length === 0) {
      // Nobody relays this INVITE: we are the UAS, so terminate it ourselves (RFC 3261 §9.2).
      this.reply(487, 'Request Terminated');
      return;
    }
    for (const listener of listeners) listener(cancel);
  }

  terminate(): void {
    if (this.stateValue === 'terminated') return;
    this.stateValue = 'terminated';
    this.retransmit.clear();
    this.lifetime.clear();
    this.ctx.terminated(this);
    for (const listener of this.terminationListeners.splice(0)) listener();
  }

  private retransmitFinal(): void {
    if (this.stateValue !== 'completed' || this.lastBytes === undefined) return;
    this.transmit(this.lastBytes);
    this.retransmitInterval = nextInterval(this.retransmitInterval, this.ctx.timers.t2);
    this.retransmit.set(this.retransmitInterval, () => this.retransmitFinal());
  }

  private transmit(bytes: Buffer): void {
    this.ctx.transport.sendBytes(this.target, bytes);
  }
}
