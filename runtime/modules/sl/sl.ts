// sl: stateless replies (MODULES.md §1). Functions take the script context first, then the
// already-evaluated parameters; they return the script return code synchronously.
import type { ScriptContext } from '../../core/script/context.js';
import { buildResponse, type SipMessage } from '../../core/sip/index.js';
import { engineOf } from '../../engine/services.js';
import { transactionOf } from '../tm/state.js';
import { tmReply } from '../tm/reply.js';
import { internalError } from './errors.js';
import { localReplyHeaders } from './reply-headers.js';
import { isAckForStatelessReply, statelessToTag } from './to-tag.js';

/** Sends a stateless reply to the request of ctx with extra headers; false when it cannot be sent. */
export function sendStatelessReply(
  ctx: ScriptContext,
  code: number,
  reason: string,
  headers: readonly [string, string][],
): boolean {
  const request = ctx.msg;
  if (!request.isRequest || request.method === 'ACK') return false;
  let response: SipMessage;
  try {
    response = buildResponse(request, code, reason, {
      toTag: statelessToTag(request),
      extraHeaders: headers,
    });
  } catch (e) {
    ctx.lastError = internalError('bad-request');
    engineOf(ctx).log.error(`sl: cannot build reply ${code} ${reason}: ${String(e)}`);
    return false;
  }
  engineOf(ctx).stack.transport.sendResponse(response, ctx.rcv);
  return true;
}

/** sl_send_reply(code, reason) / sl_reply: 1 sent, -1 failed. */
export function sl_send_reply(ctx: ScriptContext, code: number, reason: string): number {
  if (!validCode(code)) return -1;
  return sendStatelessReply(ctx, code, reason, localReplyHeaders(ctx, code)) ? 1 : -1;
}

export const sl_reply = sl_send_reply;

/** send_reply(code, reason): stateful when the request has a transaction, else stateless. */
export function send_reply(ctx: ScriptContext, code: number, reason: string): number {
  if (transactionOf(ctx)) return tmReply(ctx, code, reason);
  return sl_send_reply(ctx, code, reason);
}

/** sl_reply_error(): code and reason from the last internal error, else default_code/default_reason. */
export function sl_reply_error(ctx: ScriptContext): number {
  const err = ctx.lastError;
  const engine = engineOf(ctx);
  const code = err?.code ?? engine.sl.defaultCode;
  const reason = err?.reason ?? engine.sl.defaultReason;
  return sendStatelessReply(ctx, code, reason, localReplyHeaders(ctx, code)) ? 1 : -1;
}

/** SER 0.8 sl_filter_ACK(): 0 (stop) for an ACK to a local stateless reply, else 1. */
export function sl_filter_ACK(ctx: ScriptContext): number {
  return isAckForStatelessReply(ctx.msg) ? 0 : 1;
}

/**
 * The reply a module (registrar save) sends: through the transaction when there is one (send_reply
 * semantics, as Kamailio's sl API binds to tm), else statelessly.
 */
export function sendModuleReply(
  ctx: ScriptContext,
  code: number,
  reason: string,
  headers: readonly [string, string][],
): boolean {
  const tm = transactionOf(ctx);
  if (tm) return tmReply(ctx, code, reason, headers) > 0;
  return sendStatelessReply(ctx, code, reason, [...headers, ...localReplyHeaders(ctx, code)]);
}

function validCode(code: number): boolean {
  return Number.isInteger(code) && code >= 100 && code <= 699;
}
