// What a transaction needs from the layer that owns it.
import type { SipTransport } from '../transport/sip-transport.js';
import type { SipMessage } from '../sip/index.js';
import type { SendTarget, TransportLogger } from '../transport/types.js';
import type { TransactionTimers } from './timers.js';

export interface TransactionContext {
  readonly transport: SipTransport;
  readonly timers: TransactionTimers;
  readonly log: TransportLogger;
  /** Called once when the transaction terminates, so the layer forgets it. */
  terminated(transaction: { readonly key: string }): void;
  /** Sends a CANCEL as its own client transaction (its 200 is absorbed). */
  startCancel(cancel: SipMessage, target: SendTarget): void;
}
