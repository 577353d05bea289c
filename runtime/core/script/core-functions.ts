// Core keyword commands (MODULES.md §0, LANGUAGE.md §8) as typed functions the generated code calls:
// `(ctx, ...params) => number`, following the return-code convention (>0 ok, <0 failure).
import type { ScriptContext } from './context.js';
import { CORE_LOG_DEFAULT_LEVEL, LOG_LEVELS } from './logger.js';
import { replaceUriParts, tryUri } from './uri-util.js';
import { isMyselfUriOrHost } from './keywords.js';

const MAX_FLAG = 31;
/** Kamailio's default `max_branches`. */
const MAX_BRANCHES = 12;

function validFlag(ctx: ScriptContext, flag: number): boolean {
  if (Number.isInteger(flag) && flag >= 0 && flag <= MAX_FLAG) return true;
  ctx.logger.log(LOG_LEVELS.L_ERR, `flag ${flag} out of range 0..${MAX_FLAG}\n`);
  return false;
}

const bit = (f: number) => (1 << f) >>> 0;

export function setflag(ctx: ScriptContext, flag: number): number {
  if (!validFlag(ctx, flag)) return -1;
  ctx.flags = (ctx.flags | bit(flag)) >>> 0;
  return 1;
}

export function resetflag(ctx: ScriptContext, flag: number): number {
  if (!validFlag(ctx, flag)) return -1;
  ctx.flags = (ctx.flags & ~bit(flag)) >>> 0;
  return 1;
}

export function isflagset(ctx: ScriptContext, flag: number): number {
  if (!validFlag(ctx, flag)) return -1;
  return ctx.flags & bit(flag) ? 1 : -1;
}

export function setbflag(ctx: ScriptContext, flag: number, branch = 0): number {
  if (!validFlag(ctx, flag)) return -1;
  const cur = ctx.getBranchFlags(branch);
  if (cur === undefined) return -1;
  ctx.setBranchFlags(branch, cur | bit(flag));
  return 1;
}

export function resetbflag(ctx: ScriptContext, flag: number, branch = 0): number {
  if (!validFlag(ctx, flag)) return -1;
  const cur = ctx.getBranchFlags(branch);
  if (cur === undefined) return -1;
  ctx.setBranchFlags(branch, cur & ~bit(flag));
  return 1;
}

export function isbflagset(ctx: ScriptContext, flag: number, branch = 0): number {
  if (!validFlag(ctx, flag)) return -1;
  const cur = ctx.getBranchFlags(branch);
  return cur !== undefined && cur & bit(flag) ? 1 : -1;
}

export function setsflag(ctx: ScriptContext, flag: number): number {
  if (!validFlag(ctx, flag)) return -1;
  ctx.scriptFlags = (ctx.scriptFlags | bit(flag)) >>> 0;
  return 1;
}

export function resetsflag(ctx: ScriptContext, flag: number): number {
  if (!validFlag(ctx, flag)) return -1;
  ctx.scriptFlags = (ctx.scriptFlags & ~bit(flag)) >>> 0;
  return 1;
}

export function issflagset(ctx: ScriptContext, flag: number): number {
  if (!validFlag(ctx, flag)) return -1;
  return ctx.scriptFlags & bit(flag) ? 1 : -1;
}

function editUser(ctx: ScriptContext, edit: (user: string) => string | undefined): number {
  const uri = tryUri(ctx.ruri);
  if (!uri || !uri.isSip || uri.user === undefined) return -1;
  const user = edit(uri.user);
  if (user === undefined) return -1;
  const next = replaceUriParts(ctx.ruri, { user: user === '' ? undefined : user });
  if (next === undefined) return -1;
  ctx.ruri = next;
  return 1;
}

/** strip(n): drop the first n characters of the R-URI user. */
export function strip(ctx: ScriptContext, n: number): number {
  return editUser(ctx, (u) => (n > u.length ? undefined : u.slice(n)));
}

/** strip_tail(n): drop the last n characters of the R-URI user. */
export function strip_tail(ctx: ScriptContext, n: number): number {
  return editUser(ctx, (u) => (n > u.length ? undefined : u.slice(0, u.length - n)));
}

/** prefix("s"): prepend to the R-URI user (a user-less URI gets one). */
export function prefix(ctx: ScriptContext, text: string): number {
  const uri = tryUri(ctx.ruri);
  if (!uri || !uri.isSip) return -1;
  const next = replaceUriParts(ctx.ruri, { user: text + (uri.user ?? '') });
  if (next === undefined) return -1;
  ctx.ruri = next;
  return 1;
}

function rewriteParts(ctx: ScriptContext, changes: Parameters<typeof replaceUriParts>[1]): number {
  const next = replaceUriParts(ctx.ruri, changes);
  if (next === undefined) return -1;
  ctx.ruri = next;
  return 1;
}

function splitHostPort(text: string): { host: string; port: number | undefined } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  return { host: m[1] as string, port: m[2] === undefined ? undefined : Number(m[2]) };
}

export function rewritehost(ctx: ScriptContext, host: string): number {
  return rewriteParts(ctx, { host });
}

export function rewritehostport(ctx: ScriptContext, hostport: string): number {
  const hp = splitHostPort(hostport);
  return hp ? rewriteParts(ctx, { host: hp.host, port: hp.port }) : -1;
}

export function rewriteuser(ctx: ScriptContext, user: string): number {
  return rewriteParts(ctx, { user: user === '' ? undefined : user });
}

export function rewriteuserpass(ctx: ScriptContext, userpass: string): number {
  const colon = userpass.indexOf(':');
  const user = colon < 0 ? userpass : userpass.slice(0, colon);
  const password = colon < 0 ? undefined : userpass.slice(colon + 1);
  return rewriteParts(ctx, { user, password });
}

export function rewriteport(ctx: ScriptContext, port: string): number {
  if (port === '') return rewriteParts(ctx, { port: undefined });
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return -1;
  return rewriteParts(ctx, { port: Number(port) });
}

export function rewriteuri(ctx: ScriptContext, uri: string): number {
  if (tryUri(uri) === undefined) return -1;
  ctx.ruri = uri;
  return 1;
}

export function revert_uri(ctx: ScriptContext): number {
  ctx.revertRuri();
  return 1;
}

/** append_branch([uri[, q]]): default branch = current R-URI and $du, with branch-0 flags. */
export function append_branch(ctx: ScriptContext, uri?: string, q?: string): number {
  if (ctx.branches.length + 1 >= MAX_BRANCHES) return -1;
  const target = uri === undefined || uri === '' ? ctx.ruri : uri;
  if (tryUri(target) === undefined) return -1;
  if (q !== undefined && q !== '' && !/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q)) return -1;
  const useCurrent = uri === undefined || uri === '';
  ctx.branches.push({
    uri: target,
    dstUri: useCurrent ? ctx.dstUri : null,
    q: q === undefined || q === '' ? null : q,
    flags: useCurrent ? ctx.ruriBranchFlags : 0,
  });
  return 1;
}

/** force_rport(): replies to this request go to its source port (rport added to the top Via). */
export function force_rport(ctx: ScriptContext): number {
  ctx.forceRport = true;
  if (ctx.msg.isRequest) ctx.msg.setTopViaParams({ rport: ctx.rcv.srcPort, received: ctx.rcv.srcIp });
  return 1;
}

export function is_myself(ctx: ScriptContext, uriOrHost: string): number {
  return isMyselfUriOrHost(ctx, uriOrHost) ? 1 : -1;
}

/** log(text) or log(level, text); always 1. */
export function log(ctx: ScriptContext, levelOrText: number | string, text?: string): number {
  if (text === undefined) ctx.logger.log(CORE_LOG_DEFAULT_LEVEL, String(levelOrText));
  else ctx.logger.log(typeof levelOrText === 'number' ? levelOrText : Number(levelOrText), text);
  return 1;
}

export function error(ctx: ScriptContext, a: string, b: string): number {
  ctx.logger.log(LOG_LEVELS.L_ERR, `${a}${b}`);
  return 1;
}

/** S08 len_gt(n): true when the message is longer than n bytes. */
export function len_gt(ctx: ScriptContext, n: number): number {
  return ctx.msg.raw.length > n ? 1 : -1;
}

// Aliases of the rewrite family share one implementation.
export {
  rewritehost as sethost,
  rewritehost as seth,
  rewritehostport as sethostport,
  rewritehostport as sethp,
  rewriteuser as setuser,
  rewriteuser as setu,
  rewriteuserpass as setuserpass,
  rewriteuserpass as setup,
  rewriteport as setport,
  rewriteport as setp,
  rewriteuri as seturi,
  force_rport as add_rport,
};

/** userphone(): add `;user=phone` to the R-URI. */
export function userphone(ctx: ScriptContext): number {
  const uri = tryUri(ctx.ruri);
  if (!uri || !uri.isSip) return -1;
  if (uri.params.get('user') === 'phone') return 1;
  try {
    ctx.ruri = uri
      .with({
        params: [
          ...uri.params.entries().filter(([n]) => n.toLowerCase() !== 'user'),
          ['user', 'phone'] as const,
        ],
      })
      .toString();
  } catch {
    return -1;
  }
  return 1;
}

/** remove_branch([index]): removes one appended branch (default the last). */
export function remove_branch(ctx: ScriptContext, index?: number): number {
  if (ctx.branches.length === 0) return -1;
  const i = index === undefined ? ctx.branches.length - 1 : index;
  if (i < 0 || i >= ctx.branches.length) return -1;
  ctx.branches.splice(i, 1);
  return 1;
}

export function clear_branches(ctx: ScriptContext): number {
  ctx.branches.length = 0;
  return 1;
}
