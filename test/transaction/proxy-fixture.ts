// A proxy under test: our stack on 127.0.0.1 UDP (port 0) whose routing logic each test supplies.
import type { SipMessage } from '../../runtime/core/sip/index.js';
import type { ReceiveInfo } from '../../runtime/core/transport/types.js';
import { silentLogger } from '../../runtime/core/transport/types.js';
import { Relay, type BranchSpec, type RelayHooks } from '../../runtime/core/transaction/relay.js';
import { startSipStack, type SipStack } from '../../runtime/core/transaction/stack.js';
import type { TransactionTimers } from '../../runtime/core/transaction/timers.js';

/** Small timers so that timeouts happen within a test (outcomes only are asserted, never durations). */
export const FAST_TIMERS: Partial<TransactionTimers> = {
  t1: 50,
  t2: 200,
  t4: 200,
  frTimer: 200,
  frInvTimer: 400,
  wtTimer: 300,
};

export interface Proxy {
  stack: SipStack;
  port: number;
  /** Requests handed to the core (retransmissions and hop-by-hop ACKs never get here). */
  seen: SipMessage[];
  relays: Relay[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  timers?: Partial<TransactionTimers>;
  /** Branches for a new request; undefined → the proxy answers 200 itself (UAS). */
  branches?: (request: SipMessage) => BranchSpec[] | undefined;
  hooks?: (request: SipMessage) => RelayHooks;
  /** Per-relay timers (tm t_set_fr), passed to each Relay. */
  relayTimers?: Partial<TransactionTimers>;
  /** Called for requests the proxy answers itself, to count handler invocations. */
  onLocal?: (request: SipMessage, rcv: ReceiveInfo) => void;
}

export async function startProxy(options: ProxyOptions = {}): Promise<Proxy> {
  const stack = await startSipStack({
    listen: [{ proto: 'udp', host: '127.0.0.1', port: 0 }],
    timers: options.timers ?? FAST_TIMERS,
    logger: silentLogger,
  });
  const seen: SipMessage[] = [];
  const relays: Relay[] = [];
  stack.transactions.onRequest((request, rcv) => {
    seen.push(request);
    if (request.method === 'ACK') return;
    const tx = stack.transactions.createServer(request, rcv);
    const branches = options.branches?.(request);
    if (!branches) {
      options.onLocal?.(request, rcv);
      tx.reply(200, 'OK');
      return;
    }
    const relay = new Relay(
      tx,
      stack.transactions,
      stack.local,
      options.hooks?.(request) ?? {},
      options.relayTimers,
    );
    relays.push(relay);
    relay.start(branches);
  });
  return {
    stack,
    port: stack.bound[0]!.port,
    seen,
    relays,
    close: () => stack.close(),
  };
}
