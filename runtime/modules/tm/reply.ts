// t_reply: a stateful reply through the request's server transaction; in a failure route it
// replaces the winning reply and ends the relay.
import type { ScriptContext } from '../../core/script/context.js';
import { maybeEngineOf } from '../../engine/services.js';
import { localReplyHeaders } from '../sl/reply-headers.js';
import { transactionOf } from './state.js';

export function tmReply(
  ctx: ScriptContext,
  code: number,
  reason: string,
  extra: readonly [string, string][] = [],
): number {
  const tm = transactionOf(ctx);
  if (!tm) {
    maybeEngineOf(ctx)?.log.warn(`t_reply(${code}): no transaction for this request (t_newtran first)`);
    return -1;
  }
  if (!Number.isInteger(code) || code < 100 || code > 699 || /[\r\n]/.test(reason)) return -1;
  const local = localReplyHeaders(ctx, code);
  const headers = extra.length === 0 ? local : [...extra, ...local];
  // Relay.reply takes a mutable list; failure-route replies are rare enough to copy.
  if (ctx.routeType === 'failure' && tm.relay) return tm.relay.reply(code, reason, [...headers]) ? 1 : -1;
  return tm.server.reply(code, reason, { extraHeaders: headers }) ? 1 : -1;
}
