// Client transactions, RFC 3261 §17.1 (INVITE: Calling → Proceeding → Completed/Accepted;
// non-INVITE: Trying → Proceeding → Completed). UDP retransmissions (Timers A/E), final-response
// timeouts from tm's fr_timer / fr_inv_timer, the hop-by-hop ACK for non-2xx finals and CANCEL.
import { buildRequest, editedView, type SipMessage } from '../sip/index.js';
import type { SendTarget } from '../transport/types.js';
import type { TransactionContext } from './context.js';
import { TimerSlot, nextInterval, type TransactionTimers } from './timers.js';

export type ClientState = 'calling' | 'trying' | 'proceeding' | 'completed' | 'accepted' | 'terminated';

export interface ClientHandlers {
  /** Every response that matters to the user: provisionals, the final, and later 2xx (forking). */
  onResponse(response: SipMessage, transaction: ClientTransaction): void;
  /** No final response in time (fr_timer / fr_inv_timer); the user synthesises a 408. */
  onTimeout(transaction: ClientTransaction): void;
  /** The request could not be sent (TCP connect refused, DNS failure …); default: treated as a timeout. */
  onTransportError?(transaction: ClientTransaction, error: Error): void;
}

export class ClientTransaction {
  readonly isInvite: boolean;
  private stateValue: ClientState;
  private readonly bytes: Buffer;
  private readonly retransmit = new TimerSlot();
  private readonly finalTimer = new TimerSlot();
  private readonly lifetime = new TimerSlot();
  private interval: number;
  private sentView: SipMessage | undefined;
  private cancelWanted = false;
  private cancelSent = false;
  private timedOutValue = false;
  private finalStatus = 0;
  private readonly timers: TransactionTimers;

  constructor(
    readonly key: string,
    /** The request as sent (our Via on top, possibly as a deferred edit). */
    readonly request: SipMessage,
    readonly target: SendTarget,
    private readonly ctx: TransactionContext,
    private readonly handlers: ClientHandlers,
    /** Per-transaction timers (tm t_set_fr / t_set_retr); default: the layer's. */
    timers?: TransactionTimers,
  ) {
    this.isInvite = request.method === 'INVITE';
    this.stateValue = this.isInvite ? 'calling' : 'trying';
    this.bytes = request.serialize();
    this.timers = timers ?? ctx.timers;
    this.interval = this.timers.t1;
  }

  get state(): ClientState {
    return this.stateValue;
  }

  get timedOut(): boolean {
    return this.timedOutValue;
  }

  /** Status of the final response received (0 while none). */
  get status(): number {
    return this.finalStatus;
  }

  get reliable(): boolean {
    return this.target.proto === 'tcp';
  }

  start(): void {
    this.transmit();
    if (!this.reliable) this.retransmit.set(this.interval, () => this.retransmitRequest());
    this.finalTimer.set(this.timers.frTimer, () => this.timeout());
  }

  receive(response: SipMessage): void {
    const status = response.status;
    switch (this.stateValue) {
      case 'calling':
      case 'trying':
      case 'proceeding':
        if (status < 200) {
          this.onProvisional();
          if (!this.timedOutValue) this.handlers.onResponse(response, this);
          return;
        }
        this.onFinal(response);
        return;
      case 'accepted':
        // RFC 6026: further 2xx (forked downstream) go to the user.
        if (status >= 200 && status < 300) this.handlers.onResponse(response, this);
        return;
      case 'completed':
        // A retransmitted non-2xx final to an INVITE: ACK it again.
        if (this.isInvite && status >= 300) this.sendAck(response);
        return;
      case 'terminated':
        return;
    }
  }

  /**
   * Cancels a pending INVITE (RFC 3261 §9.1): the CANCEL goes out once a provisional was received;
   * before that it waits for one (tm's cancel_b_method 1). No-op for non-INVITE or after a final.
   */
  cancel(): void {
    if (!this.isInvite || this.finalStatus > 0 || this.stateValue === 'terminated') return;
    this.cancelWanted = true;
    if (this.stateValue === 'proceeding') this.sendCancel();
  }

  get cancelRequested(): boolean {
    return this.cancelWanted;
  }

  terminate(): void {
    if (this.stateValue === 'terminated') return;
    this.stateValue = 'terminated';
    this.retransmit.clear();
    this.finalTimer.clear();
    this.lifetime.clear();
    this.ctx.terminated(this);
  }

  private onProvisional(): void {
    const first = this.stateValue !== 'proceeding';
    this.stateValue = 'proceeding';
    if (this.isInvite) {
      // Timer A stops on any response; the ring time (fr_inv_timer) restarts on each provisional.
      this.retransmit.clear();
      if (!this.timedOutValue) this.finalTimer.set(this.timers.frInvTimer, () => this.timeout());
      if (first && this.cancelWanted) this.sendCancel();
    } else if (first && !this.reliable) {
      // Timer E continues at T2 in Proceeding.
      this.interval = this.timers.t2;
      this.retransmit.set(this.interval, () => this.retransmitRequest());
    }
  }

  private onFinal(response: SipMessage): void {
    const status = response.status;
    this.finalStatus = status;
    this.retransmit.clear();
    this.finalTimer.clear();
    const report = !this.timedOutValue || (status >= 200 && status < 300);
    if (this.isInvite && status < 300) {
      this.stateValue = 'accepted';
      this.lifetime.set(64 * this.timers.t1, () => this.terminate());
    } else if (this.isInvite) {
      this.stateValue = 'completed';
      this.sendAck(response);
      // Timer D: absorb retransmitted finals (tm wt_timer); zero on reliable transports.
      this.lifetime.set(this.reliable ? 0 : this.timers.wtTimer, () => this.terminate());
    } else {
      this.stateValue = 'completed';
      // Timer K.
      this.lifetime.set(this.reliable ? 0 : this.timers.t4, () => this.terminate());
    }
    if (report) this.handlers.onResponse(response, this);
  }

  private timeout(): void {
    if (this.finalStatus > 0 || this.stateValue === 'terminated') return;
    this.timedOutValue = true;
    this.retransmit.clear();
    this.handlers.onTimeout(this);
    if (this.isInvite && this.stateValue === 'proceeding') {
      // Someone is ringing: CANCEL it and wait (bounded) for the 487 to ACK it.
      this.sendCancel();
      this.lifetime.set(64 * this.timers.t1, () => this.terminate());
    } else {
      this.terminate();
    }
  }

  private retransmitRequest(): void {
    if (this.stateValue === 'terminated' || this.finalStatus > 0) return;
    this.transmit();
    const cap = this.isInvite ? Number.POSITIVE_INFINITY : this.timers.t2;
    this.interval = nextInterval(this.interval, cap);
    this.retransmit.set(this.interval, () => this.retransmitRequest());
  }

  private transmit(): void {
    this.ctx.transport.sendBytes(this.target, this.bytes, (error) => this.transportFailed(error));
  }

  /** RFC 3261 §17.1.4: a transport error ends the transaction at once (the TU sees it like a 503). */
  private transportFailed(error: Error): void {
    if (this.finalStatus > 0 || this.timedOutValue || this.stateValue === 'terminated') return;
    this.ctx.log.warn(
      `sending ${this.request.method} to ${this.target.host}:${this.target.port} failed: ${error.message}`,
    );
    this.timedOutValue = true;
    if (this.handlers.onTransportError) this.handlers.onTransportError(this, error);
    else this.handlers.onTimeout(this);
    this.terminate();
  }

  /** The request with all edits applied, parsed, as the next hop saw it. */
  private sent(): SipMessage {
    this.sentView ??= editedView(this.request);
    return this.sentView;
  }

  /** RFC 3261 §17.1.1.3: ACK with our Via, the original Request-URI, From, Call-ID, Route; To from the reply. */
  private sendAck(response: SipMessage): void {
    try {
      const ack = this.buildSibling('ACK', response.header('to') ?? '');
      this.ctx.transport.sendBytes(this.target, ack.serialize());
    } catch (error) {
      this.ctx.log.error(`cannot build ACK: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private sendCancel(): void {
    if (this.cancelSent) return;
    this.cancelSent = true;
    try {
      const cancel = this.buildSibling('CANCEL', this.sent().header('to') ?? '');
      this.ctx.startCancel(cancel, this.target);
    } catch (error) {
      this.ctx.log.error(`cannot build CANCEL: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private buildSibling(method: 'ACK' | 'CANCEL', to: string): SipMessage {
    const sent = this.sent();
    const headers: [string, string][] = [
      ['Via', sent.via.toString()],
      ['From', sent.header('from') ?? ''],
      ['To', to],
      ['Call-ID', sent.callId],
      ['CSeq', `${sent.cseq.seq} ${method}`],
    ];
    for (const route of sent.headerAll('route')) headers.push(['Route', route]);
    headers.push(['Max-Forwards', '70']);
    return buildRequest({ method, uri: sent.requestUri?.toString() ?? '', headers });
  }
}
