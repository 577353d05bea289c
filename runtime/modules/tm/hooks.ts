// The routes tm runs for a relayed transaction: onreply_route for each reply, branch_route for each
// branch copy, failure_route when every branch failed. They run with the transaction's AVPs and
// flags. A failure route that awaits (m_store) holds the relay open until it ends.
import { ScriptContext } from '../../core/script/context.js';
import { isScriptStop } from '../../core/script/control.js';
import type { SipMessage } from '../../core/sip/index.js';
import type { ClientTransaction } from '../../core/transaction/client-transaction.js';
import { collectChallenges } from '../../core/transaction/best-reply.js';
import { popTopVia } from '../../core/transaction/message-edits.js';
import type { Branch, Relay, RelayHooks } from '../../core/transaction/relay.js';
import type { ReceiveInfo } from '../../core/transport/types.js';
import { isPromise, type Engine } from '../../engine/services.js';
import type { RouteFn } from '../../engine/script.js';
import { attachTransaction, type TmTransaction } from './state.js';

export function relayHooks(engine: Engine, tm: TmTransaction): RelayHooks {
  return {
    onReply: (response, branch) => runReplyRoutes(engine, tm, response, branch),
    onBranch: (request, b) => runBranchRoute(engine, tm, request, b.uri),
  };
}

/** The failure hook for the currently armed failure route, or undefined when none is armed. */
export function failureHook(engine: Engine, tm: TmTransaction): RelayHooks['onFailure'] {
  const name = tm.armed.failure;
  if (name === undefined) return undefined;
  return (relay) => runFailureRoute(engine, tm, relay, name);
}

function routeContext(
  engine: Engine,
  tm: TmTransaction,
  msg: SipMessage,
  rcv: ReceiveInfo,
  type: 'failure' | 'onreply' | 'branch',
): ScriptContext {
  const ctx = new ScriptContext(msg, rcv, engine.proc, type, tm.avps);
  ctx.flags = tm.flags;
  if (tm.armed.onreply !== undefined) ctx.armed.onreply = tm.armed.onreply;
  if (tm.armed.branch !== undefined) ctx.armed.branch = tm.armed.branch;
  return ctx;
}

/** Runs a route synchronously; an asynchronous one is tracked and reported through onDone. */
function runRoute(
  engine: Engine,
  fn: RouteFn,
  ctx: ScriptContext,
  what: string,
  onDone?: (outcome: 'end' | 'exit' | 'drop' | 'error') => void,
): 'end' | 'exit' | 'drop' | 'error' | 'async' {
  const settle = (e: unknown): 'exit' | 'drop' | 'error' => {
    if (isScriptStop(e)) return e.drop ? 'drop' : 'exit';
    engine.log.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 'error';
  };
  let r: ReturnType<RouteFn>;
  try {
    r = fn(ctx);
  } catch (e) {
    return settle(e);
  }
  if (!isPromise(r)) return 'end';
  engine.track(
    r.then(
      () => onDone?.('end'),
      (e: unknown) => onDone?.(settle(e)),
    ),
  );
  return 'async';
}

function replyRcv(tm: TmTransaction, branch: Branch): ReceiveInfo {
  const t = branch.target;
  return {
    proto: t.proto,
    srcIp: t.host,
    srcPort: t.port,
    localIp: tm.rcv.localIp,
    localPort: tm.rcv.localPort,
  };
}

function runReplyRoutes(engine: Engine, tm: TmTransaction, response: SipMessage, branch: Branch): void {
  const names = ['0', tm.armed.onreply].filter((n): n is string => n !== undefined);
  for (const name of names) {
    const fn = engine.routes.onreply?.[name];
    if (!fn) continue;
    const ctx = routeContext(engine, tm, response, replyRcv(tm, branch), 'onreply');
    attachTransaction(ctx, tm, { replyCode: () => response.status, replyReason: () => response.reason });
    const outcome = runRoute(engine, fn, ctx, `onreply_route[${name}]`);
    if (outcome === 'drop')
      engine.log.warn(`onreply_route[${name}]: drop is not supported, the reply is relayed`);
    if (outcome === 'async')
      engine.log.warn(`onreply_route[${name}] awaited: the reply was relayed before it ended`);
  }
}

function runBranchRoute(engine: Engine, tm: TmTransaction, request: SipMessage, uri: string): void {
  const name = tm.armed.branch;
  const fn = name === undefined ? undefined : engine.routes.branch?.[name];
  if (!fn) return;
  const ctx = routeContext(engine, tm, request, tm.rcv, 'branch');
  ctx.ruri = uri;
  attachTransaction(ctx, tm);
  const outcome = runRoute(engine, fn, ctx, `branch_route[${name}]`);
  if (ctx.ruri !== uri) request.setRequestUri(ctx.ruri);
  if (outcome === 'drop') engine.log.warn(`branch_route[${name}]: drop is not supported, the branch is sent`);
  if (outcome === 'async')
    engine.log.warn(`branch_route[${name}] awaited: the branch was sent before it ended`);
}

function runFailureRoute(engine: Engine, tm: TmTransaction, relay: Relay, name: string): void {
  // Kamailio disarms the failure route once it ran; the route re-arms it for the next serial leg.
  tm.armed = { ...tm.armed, failure: undefined };
  const fn = engine.routes.failure?.[name];
  if (!fn) return;
  const ctx = routeContext(engine, tm, relay.request, tm.rcv, 'failure');
  ctx.ruri = tm.relayedRuri;
  attachTransaction(ctx, tm, {
    replyCode: () => relay.winner?.status ?? 0,
    replyReason: () => relay.winner?.reason ?? '',
  });
  // The hold exists only once the route turned out asynchronous; the callback runs later.
  const held: { hold?: RelayHold } = {};
  const outcome = runRoute(engine, fn, ctx, `failure_route[${name}]`, (end) => {
    tm.pendingFailure = undefined;
    held.hold?.release(end === 'error');
  });
  if (outcome === 'error' && !relay.finished && !relay.server.isFinal)
    relay.reply(500, 'Server Internal Error');
  if (outcome !== 'async') return;
  held.hold = holdRelay(relay);
  tm.pendingFailure = held.hold;
}

interface RelayHold {
  /** Lets new branches complete normally (t_relay from the failure route). */
  settle(): void;
  /** The failure route ended: send the winner unless it replied or added branches. */
  release(failed: boolean): void;
}

/**
 * Keeps the relay from sending the winning reply while an asynchronous failure route runs: the relay
 * waits while a branch has no final outcome, so a stand-in branch without one is added, and settled
 * when the route ends (adapter: Relay's onFailure hook is synchronous).
 */
function holdRelay(relay: Relay): RelayHold {
  const last = relay.branches[relay.branches.length - 1];
  if (!last) throw new Error('failure route without branches');
  const standIn: Branch = {
    index: -1,
    request: relay.request,
    target: last.target,
    leg: last.leg,
    final: undefined,
    transaction: { cancel: () => {} } as unknown as ClientTransaction,
  };
  relay.branches.push(standIn);
  const count = relay.branches.length;
  const settle = (): void => {
    standIn.final ??= relay.winner ?? { status: 500, reason: 'Server Internal Error' };
  };
  return {
    settle,
    release(failed) {
      settle();
      if (relay.finished || relay.server.isFinal) return;
      if (relay.branches.length > count) return;
      if (failed) relay.reply(500, 'Server Internal Error');
      else sendWinner(relay, last.leg);
    },
  };
}

/** What the relay does after a failure route that neither replied nor relayed (tm semantics). */
function sendWinner(relay: Relay, leg: number): void {
  const winner = relay.winner;
  if (!winner) {
    relay.reply(500, 'Server Internal Error');
    return;
  }
  if (!winner.response) {
    relay.reply(winner.status, winner.reason);
    return;
  }
  if (winner.status === 503) {
    relay.reply(500, 'Server Internal Error');
    return;
  }
  const candidates = relay.branches
    .filter((b) => b.leg === leg && b.index >= 0)
    .flatMap((b) => (b.final ? [b.final] : []));
  const response = winner.response;
  for (const [hname, value] of collectChallenges(winner, candidates)) response.addHeader(hname, value);
  popTopVia(response);
  relay.server.send(response);
}
