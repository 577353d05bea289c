// tm's per-transaction state: the server transaction, its relay once t_relay ran, and what the
// request route left behind for failure/onreply/branch routes (AVPs, flags, armed routes, R-URI).
import type { ArmedRoutes, ScriptContext, TransactionView } from '../../core/script/context.js';
import type { AvpStore } from '../../core/script/avp.js';
import type { Relay } from '../../core/transaction/relay.js';
import type { ServerTransaction } from '../../core/transaction/server-transaction.js';
import type { ReceiveInfo } from '../../core/transport/types.js';

/** The transaction is also the request route's $T_reply_code view (no view object per transaction). */
export class TmTransaction implements TransactionView {
  relay: Relay | undefined;
  /** Routes armed when the request was relayed; failure routes re-arm for the next serial leg. */
  armed: ArmedRoutes = {};
  /** The R-URI relayed (failure routes see it as $ru). */
  relayedRuri: string;
  flags: number;
  /** t_set_fr values in ms (0 = modparam value) for the branches relayed from now on. */
  frInv = 0;
  fr = 0;
  /** Set while an asynchronous failure route holds the relay open. */
  pendingFailure: { settle(): void } | undefined;

  constructor(
    readonly server: ServerTransaction,
    readonly rcv: ReceiveInfo,
    /** The request's AVPs move to the transaction: failure/onreply/branch routes see the same store. */
    readonly avps: AvpStore,
    ctx: ScriptContext,
  ) {
    this.flags = ctx.flags;
    this.relayedRuri = ctx.ruri;
  }

  /** $T_reply_code in request routes: the last reply the transaction sent. */
  replyCode(): number {
    return this.server.lastStatus;
  }

  replyReason(): string {
    return this.server.lastResponse?.reason ?? '';
  }
}

const byServer = new WeakMap<ServerTransaction, TmTransaction>();
const byContext = new WeakMap<ScriptContext, TmTransaction>();

export function transactionOfServer(server: ServerTransaction): TmTransaction | undefined {
  return byServer.get(server);
}

/** The transaction the script run of `ctx` works on (after t_newtran/t_relay, or in F/O/B routes). */
export function transactionOf(ctx: ScriptContext): TmTransaction | undefined {
  return byContext.get(ctx);
}

export function attachTransaction(ctx: ScriptContext, tm: TmTransaction, view?: TransactionView): void {
  byServer.set(tm.server, tm);
  byContext.set(ctx, tm);
  ctx.tx = view ?? tm;
}
