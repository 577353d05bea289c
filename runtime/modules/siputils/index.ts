// siputils: SIP helper predicates and R-URI parameter edits (MODULES.md §10).
import type { ScriptContext } from '../../core/script/context.js';
import { compilePv, type PvRef } from '../../core/script/pv.js';
import { tryUri } from '../../core/script/uri-util.js';

/** 1 when the To header has a tag (an in-dialog request). */
export function has_totag(ctx: ScriptContext): number {
  return ctx.msg.to.tag !== undefined && ctx.msg.to.tag !== '' ? 1 : -1;
}

const digestUser = compilePv('$au');

/** 1 when the digest credentials' username equals `user` (not the R-URI user). */
export function is_user(ctx: ScriptContext, user: string): number {
  const au = digestUser.get(ctx);
  return au !== null && au === user ? 1 : -1;
}

/** uri_param(name[, value]): the R-URI has the parameter (with that value). */
export function uri_param(ctx: ScriptContext, name: string, value?: string): number {
  const uri = tryUri(ctx.ruri);
  if (!uri) return -1;
  const v = uri.params.get(name);
  if (v === undefined) return -1;
  if (value === undefined) return 1;
  return v === value ? 1 : -1;
}

/** add_uri_param("p[=v]"): appends `;p[=v]` to the R-URI parameters. */
export function add_uri_param(ctx: ScriptContext, param: string): number {
  const uri = tryUri(ctx.ruri);
  if (!uri || !uri.isSip || param === '') return -1;
  const eq = param.indexOf('=');
  const name = eq < 0 ? param : param.slice(0, eq);
  const value = eq < 0 ? null : param.slice(eq + 1);
  try {
    ctx.ruri = uri.with({ params: [...uri.params.entries(), [name, value] as const] }).toString();
  } catch {
    return -1;
  }
  return 1;
}

export function is_request(ctx: ScriptContext): number {
  return ctx.msg.isRequest ? 1 : -1;
}

export function is_reply(ctx: ScriptContext): number {
  return ctx.msg.isRequest ? -1 : 1;
}

/** is_first_hop(): a request that went through no other hop (one Via). */
export function is_first_hop(ctx: ScriptContext): number {
  return ctx.msg.isRequest && ctx.msg.vias.length === 1 ? 1 : -1;
}

/** is_uri(s): a parsable URI. */
export function is_uri(_ctx: ScriptContext, text: string): number {
  return tryUri(text) !== undefined ? 1 : -1;
}

export function is_numeric(_ctx: ScriptContext, text: string): number {
  return /^[0-9]+$/.test(text) ? 1 : -1;
}

/** Kamailio `e164_max_len` default. */
const E164_MAX_LEN = 15;

function e164(text: string): boolean {
  return /^\+[0-9]+$/.test(text) && text.length >= 3 && text.length <= E164_MAX_LEN + 1;
}

export function is_e164(_ctx: ScriptContext, text: string): number {
  return e164(text) ? 1 : -1;
}

export function is_uri_user_e164(_ctx: ScriptContext, uri: string): number {
  const user = tryUri(uri)?.user;
  return user !== undefined && e164(user) ? 1 : -1;
}

/** uri_param_any(name): parameter present, with or without a value. */
export function uri_param_any(ctx: ScriptContext, name: string): number {
  return uri_param(ctx, name);
}

/** uri_param_rm(name): removes the R-URI parameter; -1 when it is absent. */
export function uri_param_rm(ctx: ScriptContext, name: string): number {
  const uri = tryUri(ctx.ruri);
  if (!uri || !uri.isSip || !uri.params.has(name)) return -1;
  const lower = name.toLowerCase();
  try {
    ctx.ruri = uri
      .with({ params: uri.params.entries().filter(([n]) => n.toLowerCase() !== lower) })
      .toString();
  } catch {
    return -1;
  }
  return 1;
}

/** get_uri_param(name, $pv): stores the R-URI parameter's value. */
export function get_uri_param(ctx: ScriptContext, name: string, out: PvRef): number {
  const v = tryUri(ctx.ruri)?.params.get(name);
  if (v === undefined) return -1;
  out.set(ctx, v ?? '');
  return 1;
}

// RFC 3261 §19.1.4: these parameters must match when either URI has them.
const SIGNIFICANT = ['user', 'ttl', 'method', 'maddr', 'transport'];

/** cmp_uri(a, b): RFC 3261 URI equivalence (user case-sensitive, host case-insensitive, §19.1.4 params). */
export function cmp_uri(_ctx: ScriptContext, a: string, b: string): number {
  const x = tryUri(a);
  const y = tryUri(b);
  if (!x || !y) return -1;
  if (x.scheme !== y.scheme || x.user !== y.user || x.password !== y.password) return -1;
  if (x.host.toLowerCase() !== y.host.toLowerCase() || x.port !== y.port) return -1;
  for (const p of SIGNIFICANT) {
    const xv = x.params.get(p);
    const yv = y.params.get(p);
    if ((xv === undefined) !== (yv === undefined) || (xv ?? '').toLowerCase() !== (yv ?? '').toLowerCase())
      return -1;
  }
  for (const [n, v] of x.params.entries()) {
    const other = y.params.get(n);
    if (other !== undefined && (other ?? '').toLowerCase() !== (v ?? '').toLowerCase()) return -1;
  }
  return 1;
}

/** cmp_aor(a, b): same user and host[:port]. */
export function cmp_aor(_ctx: ScriptContext, a: string, b: string): number {
  const x = tryUri(a);
  const y = tryUri(b);
  if (!x || !y) return -1;
  return x.user === y.user && x.host.toLowerCase() === y.host.toLowerCase() && x.port === y.port ? 1 : -1;
}

/** is_supported(option): the Supported header lists the option. */
export function is_supported(ctx: ScriptContext, option: string): number {
  const want = option.toLowerCase();
  const values = ctx.msg.headerValues('supported');
  return values.some((v) => v.trim().toLowerCase() === want) ? 1 : -1;
}
