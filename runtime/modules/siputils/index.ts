// siputils: SIP helper predicates and R-URI parameter edits (MODULES.md §10).
import type { ScriptContext } from '../../core/script/context.js';
import { compilePv } from '../../core/script/pv.js';
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
