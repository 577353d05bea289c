// tm script functions (MODULES.md §2). Each takes the script context first; all return their code
// synchronously (nothing in tm waits for the network before returning).
import type { ScriptContext } from '../../core/script/context.js';
import { Relay, RelayError, nextHopTarget, type BranchSpec } from '../../core/transaction/relay.js';
import { forwardRequestStateless } from '../../core/transaction/stateless.js';
import type { TransactionTimers } from '../../core/transaction/timers.js';
import type { Proto, SendTarget } from '../../core/transport/types.js';
import { engineOf, type Engine } from '../../engine/services.js';
import { internalError } from '../sl/errors.js';
import { failureHook, relayHooks } from './hooks.js';
import { tmReply } from './reply.js';
import { TmTransaction, attachTransaction, transactionOf } from './state.js';

interface Forced {
  proto?: Proto;
  host?: string;
  port?: number;
}

function relayError(ctx: ScriptContext, e: RelayError): void {
  switch (e.code) {
    case 'too-many-hops':
      ctx.lastError = internalError('too-many-hops');
      break;
    case 'bad-destination':
      ctx.lastError = internalError('bad-address');
      break;
    default:
      ctx.lastError = internalError('server');
  }
}

function createTransaction(engine: Engine, ctx: ScriptContext): TmTransaction {
  const server = engine.stack.transactions.createServer(ctx.msg, ctx.rcv);
  const tm = new TmTransaction(server, ctx.rcv, ctx.avps, ctx);
  attachTransaction(ctx, tm);
  return tm;
}

function destinationFor(
  ctx: ScriptContext,
  uri: string,
  dst: string | null,
  forced: Forced,
): string | SendTarget | undefined {
  if (forced.host !== undefined) {
    return { proto: forced.proto ?? 'udp', host: forced.host, port: forced.port ?? 5060 };
  }
  if (forced.proto === undefined) return dst ?? undefined;
  const target = nextHopTarget(ctx.msg, uri, dst ?? undefined);
  return target ? { ...target, proto: forced.proto } : (dst ?? undefined);
}

/** The destination set: R-URI (with $du) first, then the appended branches. */
function branchSpecs(ctx: ScriptContext, forced: Forced): BranchSpec[] {
  const specs: BranchSpec[] = [];
  const first = destinationFor(ctx, ctx.ruri, ctx.dstUri, forced);
  specs.push(first === undefined ? { uri: ctx.ruri } : { uri: ctx.ruri, destination: first });
  for (const b of ctx.branches) {
    const d = destinationFor(ctx, b.uri, b.dstUri, forced);
    specs.push(d === undefined ? { uri: b.uri } : { uri: b.uri, destination: d });
  }
  return specs;
}

function relayRequest(ctx: ScriptContext, forced: Forced): number {
  const engine = engineOf(ctx);
  const msg = ctx.msg;
  if (!msg.isRequest) return -1;
  if (msg.method === 'ACK') {
    // An end-to-end ACK (for a 2xx) has no transaction: forward it statelessly.
    const dest = destinationFor(ctx, ctx.ruri, ctx.dstUri, forced);
    const out = forwardRequestStateless(engine.stack.transport, engine.stack.local, msg, {
      uri: ctx.ruri,
      ...(dest === undefined ? {} : { destination: dest }),
    });
    return out === 'ok' ? 1 : -1;
  }
  if (ctx.routeType === 'failure') return relayFromFailure(ctx, engine, forced);

  let tm = transactionOf(ctx);
  let created = false;
  if (!tm) {
    const existing = engine.stack.transactions.findServer(msg);
    if (existing) {
      existing.receiveRetransmission();
      return 1;
    }
    tm = createTransaction(engine, ctx);
    created = true;
  }
  if (tm.relay) {
    engine.log.warn('t_relay: the request was already relayed');
    return -1;
  }
  tm.flags = ctx.flags;
  tm.relayedRuri = ctx.ruri;
  tm.armed = { ...ctx.armed };
  const early = timersBeforeTransaction.get(ctx);
  if (early) {
    tm.frInv ||= early.frInv;
    tm.fr ||= early.fr;
  }
  const relay = new Relay(
    tm.server,
    engine.stack.transactions,
    engine.stack.local,
    relayHooks(engine, tm),
    branchTimers(tm),
  );
  relay.setFailureHook(failureHook(engine, tm));
  tm.relay = relay;
  try {
    relay.start(branchSpecs(ctx, forced));
    engine.trackRelay(relay);
    return 1;
  } catch (e) {
    if (!(e instanceof RelayError)) throw e;
    relayError(ctx, e);
    tm.relay = undefined;
    // A transaction created only for this relay goes away, so the script's sl_reply_error() answers.
    if (created) tm.server.terminate();
    return -1;
  }
}

/** t_set_fr values for the relay's branches (0 keeps the modparam value). */
function branchTimers(tm: TmTransaction): Partial<TransactionTimers> | undefined {
  if (tm.fr === 0 && tm.frInv === 0) return undefined;
  return { ...(tm.fr > 0 ? { frTimer: tm.fr } : {}), ...(tm.frInv > 0 ? { frInvTimer: tm.frInv } : {}) };
}

function relayFromFailure(ctx: ScriptContext, engine: Engine, forced: Forced): number {
  const tm = transactionOf(ctx);
  const relay = tm?.relay;
  if (!tm || !relay) return -1;
  tm.pendingFailure?.settle();
  tm.flags = ctx.flags;
  tm.relayedRuri = ctx.ruri;
  tm.armed = { ...ctx.armed };
  relay.setFailureHook(failureHook(engine, tm));
  try {
    relay.addBranches(branchSpecs(ctx, forced));
    return 1;
  } catch (e) {
    if (!(e instanceof RelayError)) throw e;
    relayError(ctx, e);
    return -1;
  }
}

/** t_relay() / t_relay(host, port): 1 relayed (or retransmission absorbed), -1 error. */
export function t_relay(ctx: ScriptContext, host?: string, port?: number): number {
  return relayRequest(ctx, host === undefined ? {} : { host, ...(port === undefined ? {} : { port }) });
}

export function t_relay_to_udp(ctx: ScriptContext, host?: string, port?: number): number {
  return relayRequest(ctx, {
    proto: 'udp',
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
  });
}

export function t_relay_to_tcp(ctx: ScriptContext, host?: string, port?: number): number {
  return relayRequest(ctx, {
    proto: 'tcp',
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
  });
}

/** t_newtran(): 1 new transaction, 0 retransmission (last reply re-sent; the script stops), -1 error. */
export function t_newtran(ctx: ScriptContext): number {
  if (transactionOf(ctx)) return 1;
  const msg = ctx.msg;
  if (!msg.isRequest || msg.method === 'ACK') return -1;
  const engine = engineOf(ctx);
  const existing = engine.stack.transactions.findServer(msg);
  if (existing) {
    existing.receiveRetransmission();
    return 0;
  }
  createTransaction(engine, ctx);
  return 1;
}

/** t_reply(code, reason): stateful reply; -1 without a transaction. */
export function t_reply(ctx: ScriptContext, code: number, reason: string): number {
  return tmReply(ctx, code, reason);
}

function normRoute(name: string): string | undefined {
  return name === '' || name === '0' ? undefined : name;
}

function arm(ctx: ScriptContext, kind: 'failure' | 'onreply' | 'branch', name: string): number {
  const route = normRoute(name);
  ctx.armed[kind] = route;
  const tm = transactionOf(ctx);
  // Arming after t_relay in the request route still applies to the transaction.
  if (tm?.relay && ctx.routeType === 'request') {
    tm.armed = { ...tm.armed, [kind]: route };
    if (kind === 'failure') tm.relay.setFailureHook(failureHook(engineOf(ctx), tm));
  }
  return 1;
}

export function t_on_failure(ctx: ScriptContext, name: string): number {
  return arm(ctx, 'failure', name);
}

/** SER 0.8 t_on_negative(n): arms reply_route[n], SER's failure route. */
export const t_on_negative = t_on_failure;

export function t_on_reply(ctx: ScriptContext, name: string): number {
  return arm(ctx, 'onreply', name);
}

export function t_on_branch(ctx: ScriptContext, name: string): number {
  return arm(ctx, 'branch', name);
}

/**
 * t_check_status(re): the reply code that matters in this route (request: last sent; onreply: the
 * current reply; failure: the winning one) matched like regexec, i.e. unanchored.
 */
export function t_check_status(ctx: ScriptContext, re: RegExp): number {
  const code = ctx.tx ? ctx.tx.replyCode() : ctx.msg.isRequest ? 0 : ctx.msg.status;
  if (code === 0) return -1;
  re.lastIndex = 0;
  return re.test(String(code)) ? 1 : -1;
}

/** t_check_trans(): see MODULES.md §2.1; 0 stops the script after a retransmission or a consumed ACK. */
export function t_check_trans(ctx: ScriptContext): number {
  if (!ctx.msg.isRequest) return transactionOf(ctx) ? 1 : -1;
  if (transactionOf(ctx)) return 1;
  const layer = engineOf(ctx).stack.transactions;
  const msg = ctx.msg;
  // The layer consumed hop-by-hop ACKs and answered CANCELs of known INVITEs before the script
  // ran: an e2e ACK is "true" when its INVITE is known; a CANCEL reaching the script matches nothing.
  if (msg.method === 'ACK') return layer.findServer(msg) ? 1 : -1;
  if (msg.method === 'CANCEL') return -1;
  const existing = layer.findServer(msg);
  if (!existing) return -1;
  existing.receiveRetransmission();
  return 0;
}

export function t_lookup_request(ctx: ScriptContext): number {
  if (transactionOf(ctx)) return 1;
  return ctx.msg.isRequest && engineOf(ctx).stack.transactions.findServer(ctx.msg) ? 1 : -1;
}

/** t_release(): forget the transaction (retransmissions are no longer absorbed). */
export function t_release(ctx: ScriptContext): number {
  const tm = transactionOf(ctx);
  if (!tm) return -1;
  tm.server.terminate();
  return 1;
}

/**
 * t_set_fr(fr_inv_ms[, fr_ms]): per-transaction timers in ms; 0 keeps the modparam value. Applies to
 * the branches of the t_relay that follows it in the request route.
 */
export function t_set_fr(ctx: ScriptContext, frInv: number, fr = 0): number {
  if (frInv < 0 || fr < 0) return -1;
  const tm = transactionOf(ctx);
  const target = tm ?? pendingTimers(ctx);
  if (frInv > 0) target.frInv = frInv;
  if (fr > 0) target.fr = fr;
  return 1;
}

const timersBeforeTransaction = new WeakMap<ScriptContext, { frInv: number; fr: number }>();
function pendingTimers(ctx: ScriptContext): { frInv: number; fr: number } {
  let t = timersBeforeTransaction.get(ctx);
  if (!t) {
    t = { frInv: 0, fr: 0 };
    timersBeforeTransaction.set(ctx, t);
  }
  return t;
}

export function t_is_canceled(ctx: ScriptContext): number {
  return transactionOf(ctx)?.server.isCanceled ? 1 : -1;
}

export const t_was_cancelled = t_is_canceled;
