// Core forward()/send() (LANGUAGE.md §4, MODULES.md §0): stateless sending without a transaction.
// forward adds our Via and decrements Max-Forwards (replies come back through the engine's stray
// reply path, which pops our Via); send() passes the message on exactly as it was received.
import type { ScriptContext } from '../core/script/context.js';
import { SipUri } from '../core/sip/index.js';
import { forwardRequestStateless } from '../core/transaction/stateless.js';
import { uriTarget } from '../core/transaction/uri-target.js';
import type { Proto, SendTarget } from '../core/transport/types.js';
import { internalError } from '../modules/sl/errors.js';
import { engineOf } from './services.js';

const DEFAULT_PORT = 5060;

/**
 * Where an explicit host argument points: a SIP URI (`sip:h:p;transport=tcp`), `[v6]:port`,
 * `host:port` or a bare host. An explicit port argument wins over one inside the host.
 */
export function explicitTarget(host: string, port: number | undefined, proto: Proto): SendTarget | undefined {
  const text = host.trim();
  if (text === '') return undefined;
  if (/^sips?:/i.test(text)) {
    let target: SendTarget | undefined;
    try {
      target = uriTarget(SipUri.parse(text));
    } catch {
      return undefined;
    }
    if (!target) return undefined;
    return { ...target, ...(port === undefined || port === 0 ? {} : { port }) };
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const hostPort = bracketed ? undefined : /^([^:]+)(?::(\d+))?$/.exec(text);
  const name = bracketed?.[1] ?? hostPort?.[1] ?? text; // a bare IPv6 address has several colons
  const inline = bracketed?.[2] ?? hostPort?.[2];
  // Port 0 is "unspecified" (uri:port of an R-URI without a port), as in Kamailio.
  const given = port === 0 ? undefined : port;
  const chosen = given ?? (inline === undefined ? DEFAULT_PORT : Number(inline));
  if (!Number.isInteger(chosen) || chosen <= 0 || chosen > 65535) return undefined;
  return { proto, host: name, port: chosen };
}

/** `uri:host` in forward(uri:host, uri:port): the host of the current R-URI ('' when it has none). */
export function ruriHost(ctx: ScriptContext): string {
  try {
    return SipUri.parse(ctx.ruri).host;
  } catch {
    return '';
  }
}

/** `uri:port`: the R-URI's port, 0 when it names none (forward then uses the default port). */
export function ruriPort(ctx: ScriptContext): number {
  try {
    return SipUri.parse(ctx.ruri).port ?? 0;
  } catch {
    return 0;
  }
}

/** The next hop of forward() without arguments: $du when set, else the R-URI (Kamailio's order). */
function scriptTarget(ctx: ScriptContext, proto: Proto | undefined): SendTarget | undefined {
  let target: SendTarget | undefined;
  try {
    target = uriTarget(SipUri.parse(ctx.dstUri ?? ctx.ruri));
  } catch {
    return undefined;
  }
  if (!target) return undefined;
  return proto === undefined ? target : { ...target, proto };
}

function forwardVia(ctx: ScriptContext, proto: Proto | undefined, host?: string, port?: number): number {
  const msg = ctx.msg;
  if (!msg.isRequest) return -1; // replies are forwarded by the engine's stray-reply path
  const target = host === undefined ? scriptTarget(ctx, proto) : explicitTarget(host, port, proto ?? 'udp');
  if (!target) {
    ctx.lastError = internalError('bad-address');
    return -1;
  }
  const engine = engineOf(ctx);
  const out = forwardRequestStateless(engine.stack.transport, engine.stack.local, msg, {
    ...(ctx.ruriChanged ? { uri: ctx.ruri } : {}),
    destination: target,
  });
  if (out === 'ok') return 1;
  ctx.lastError = internalError(out === 'too-many-hops' ? 'too-many-hops' : 'bad-address');
  engine.log.warn(`forward(): not sent (${out})`);
  return -1;
}

/** forward([host[, port]]): stateless forward to host:port, else $du, else the R-URI. */
export function forward(ctx: ScriptContext, host?: string, port?: number): number {
  return forwardVia(ctx, undefined, host, port);
}

/** forward_udp([host[, port]]): forward() over UDP whatever the URI says. */
export function forward_udp(ctx: ScriptContext, host?: string, port?: number): number {
  return forwardVia(ctx, 'udp', host, port);
}

/** forward_tcp([host[, port]]): forward() over TCP. */
export function forward_tcp(ctx: ScriptContext, host?: string, port?: number): number {
  return forwardVia(ctx, 'tcp', host, port);
}

function sendAsReceived(ctx: ScriptContext, proto: Proto, host: string, port?: number): number {
  const target = explicitTarget(host, port, proto);
  if (!target) {
    ctx.lastError = internalError('bad-address');
    return -1;
  }
  // The received bytes, untouched: no Via, no Max-Forwards change, no script edits.
  engineOf(ctx).stack.transport.sendBytes(target, ctx.msg.raw);
  return 1;
}

/** send(host[, port]): the message as received, over UDP, without a new Via. */
export function send(ctx: ScriptContext, host: string, port?: number): number {
  return sendAsReceived(ctx, 'udp', host, port);
}

/** send_tcp(host[, port]): send() over TCP. */
export function send_tcp(ctx: ScriptContext, host: string, port?: number): number {
  return sendAsReceived(ctx, 'tcp', host, port);
}
