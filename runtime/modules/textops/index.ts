// textops: regex search/substitution and header edits (MODULES.md §7). Reads see the message as
// received; edits are deferred (applied when the message is sent), as in Kamailio.
import type { ScriptContext } from '../../core/script/context.js';
import { displayHeaderName } from '../../core/sip/index.js';
import { LOG_LEVELS } from '../../core/script/logger.js';
import { applySubst, type SubstExpr } from '../../core/script/subst.js';
import { replaceUriParts, tryUri } from '../../core/script/uri-util.js';
import { keywordEquals } from '../../core/script/values.js';

/** search(re): over the whole message (start line, headers, body). */
export function search(ctx: ScriptContext, re: RegExp): number {
  re.lastIndex = 0;
  return re.test(ctx.msg.raw.toString('latin1')) ? 1 : -1;
}

export function search_body(ctx: ScriptContext, re: RegExp): number {
  if (ctx.msg.body.length === 0) return -1;
  re.lastIndex = 0;
  return re.test(ctx.msg.body.toString('latin1')) ? 1 : -1;
}

/** is_method("INVITE|REGISTER"): case-insensitive method list; replies use the CSeq method. */
export function is_method(ctx: ScriptContext, methods: string): number {
  return methods.split('|').some((m) => keywordEquals(m.trim(), ctx.msg.method)) ? 1 : -1;
}

/** Splits `Name: value\r\n…` text into header fields; undefined when a line has no name. */
function headerFields(text: string): Array<[string, string]> | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const out: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[!-9;-~]+$/.test(line.slice(0, colon).trim())) return undefined;
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * append_hf(txt[, after]): the text must end with CRLF (Kamailio inserts it verbatim). The message
 * layer appends new fields after the last header, so `after` only checks that the header exists.
 */
export function append_hf(ctx: ScriptContext, text: string, after?: string): number {
  if (!text.endsWith('\r\n') && !text.endsWith('\n')) {
    ctx.logger.log(
      LOG_LEVELS.L_WARN,
      `append_hf: header text does not end with CRLF: ${JSON.stringify(text)}\n`,
    );
  }
  if (after !== undefined && !ctx.msg.has(after)) return -1;
  const fields = headerFields(text);
  if (!fields) return -1;
  for (const [name, value] of fields) ctx.msg.addHeader(name, value);
  return 1;
}

/** remove_hf(name): removes every field of that name (compact forms too); -1 when there is none. */
export function remove_hf(ctx: ScriptContext, name: string): number {
  if (!ctx.msg.has(name)) return -1;
  ctx.msg.removeHeader(name);
  return 1;
}

export function is_present_hf(ctx: ScriptContext, name: string): number {
  return ctx.msg.has(name) ? 1 : -1;
}

/** has_body([mime]): a non-empty body, optionally of the given type/subtype. */
export function has_body(ctx: ScriptContext, mime?: string): number {
  if (ctx.msg.body.length === 0) return -1;
  if (mime === undefined || mime === '') return 1;
  const ct = (ctx.msg.contentType ?? 'application/sdp').split(';')[0]?.trim() ?? '';
  return keywordEquals(ct, mime.trim()) ? 1 : -1;
}

/** append_to_reply(txt): header line(s) for the next locally generated reply. */
export function append_to_reply(ctx: ScriptContext, text: string): number {
  if (text === '') return -1;
  ctx.replyHeaders.push(text.endsWith('\n') ? text : text + '\r\n');
  return 1;
}

// Headers whose position matters to routing: a rewrite would reorder them, so subst leaves them.
const ORDERED = new Set(['via', 'route', 'record-route']);

/**
 * subst('/re/repl/flags') over header fields (each as `Name: value`) and the body. Changed header
 * fields are re-added after the others; Via/Route/Record-Route are not rewritten.
 */
export function subst(ctx: ScriptContext, s: SubstExpr): number {
  return editMessage(ctx, s, 'message');
}

function editMessage(ctx: ScriptContext, s: SubstExpr, scope: 'message' | 'body'): number {
  let changed = false;
  const fields = ctx.msg.headerFields();
  const byName = new Map<string, string[]>();
  for (const f of fields) {
    const list = byName.get(f.name) ?? [];
    list.push(f.value);
    byName.set(f.name, list);
  }
  for (const [name, values] of scope === 'body' ? [] : byName) {
    if (ORDERED.has(name)) continue;
    const display = displayName(ctx, name);
    const rewritten = values.map((v) => applySubst(ctx, s, `${display}: ${v}`));
    if (rewritten.every((r) => r === undefined)) continue;
    changed = true;
    ctx.msg.removeHeader(name);
    rewritten.forEach((r, i) => {
      const line = r ?? `${display}: ${values[i] ?? ''}`;
      const parsed = headerFields(line);
      for (const [n, v] of parsed ?? []) ctx.msg.addHeader(n, v);
    });
    if (!s.global) return 1;
  }
  if (ctx.msg.body.length > 0) {
    const body = applySubst(ctx, s, ctx.msg.body.toString('latin1'));
    if (body !== undefined) {
      ctx.msg.setBody(Buffer.from(body, 'latin1'));
      changed = true;
    }
  }
  return changed ? 1 : -1;
}

/** Header name as written in the message (first field of that name), without the colon. */
function displayName(ctx: ScriptContext, normalized: string): string {
  const i = ctx.msg.headers.names.indexOf(normalized);
  if (i < 0) return displayHeaderName(normalized);
  const line = ctx.msg.raw.toString('latin1', ctx.msg.headers.lineStart(i), ctx.msg.headers.valueStart(i));
  const colon = line.indexOf(':');
  return colon > 0 ? line.slice(0, colon).trim() : displayHeaderName(normalized);
}

/** subst_uri('/re/repl/'): rewrites the R-URI. */
export function subst_uri(ctx: ScriptContext, s: SubstExpr): number {
  const next = applySubst(ctx, s, ctx.ruri);
  if (next === undefined) return -1;
  if (tryUri(next) === undefined) {
    ctx.logger.log(LOG_LEVELS.L_ERR, `subst_uri: result is not a URI: ${next}\n`);
    return -1;
  }
  ctx.ruri = next;
  return 1;
}

/** subst_user('/re/repl/'): rewrites the R-URI user (an absent user is matched as ""). */
export function subst_user(ctx: ScriptContext, s: SubstExpr): number {
  const uri = tryUri(ctx.ruri);
  if (!uri || !uri.isSip) return -1;
  const user = applySubst(ctx, s, uri.user ?? '');
  if (user === undefined) return -1;
  const next = replaceUriParts(ctx.ruri, { user: user === '' ? undefined : user });
  if (next === undefined) return -1;
  ctx.ruri = next;
  return 1;
}

/** insert_hf(txt[, before]): header placed before the first header. */
export function insert_hf(ctx: ScriptContext, text: string, before?: string): number {
  if (before !== undefined && !ctx.msg.has(before)) return -1;
  const fields = headerFields(text);
  if (!fields) return -1;
  for (const [name, value] of fields) ctx.msg.addHeader(name, value, 'prepend');
  return 1;
}

/** append_time(): `Date:` (RFC 1123, GMT) for the next local reply. */
export function append_time(ctx: ScriptContext): number {
  ctx.replyHeaders.push(`Date: ${new Date().toUTCString()}\r\n`);
  return 1;
}

export function search_str(_ctx: ScriptContext, text: string, re: RegExp): number {
  re.lastIndex = 0;
  return re.test(text) ? 1 : -1;
}

/** remove_hf_re(re): removes every header whose name matches. */
export function remove_hf_re(ctx: ScriptContext, re: RegExp): number {
  const names = new Set(ctx.msg.headerFields().map((f) => f.name));
  let removed = 0;
  for (const n of names) {
    re.lastIndex = 0;
    if (re.test(n)) {
      ctx.msg.removeHeader(n);
      removed++;
    }
  }
  return removed > 0 ? 1 : -1;
}

export function is_present_hf_re(ctx: ScriptContext, re: RegExp): number {
  return ctx.msg.headerFields().some((f) => {
    re.lastIndex = 0;
    return re.test(f.name);
  })
    ? 1
    : -1;
}

/** is_privacy(v): the Privacy header lists the value. */
export function is_privacy(ctx: ScriptContext, value: string): number {
  const want = value.toLowerCase();
  const values = ctx.msg.headerAll('privacy').flatMap((h) => h.split(';'));
  return values.some((v) => v.trim().toLowerCase() === want) ? 1 : -1;
}

export function cmp_str(_ctx: ScriptContext, a: string, b: string): number {
  return a === b ? 1 : -1;
}

export function cmp_istr(_ctx: ScriptContext, a: string, b: string): number {
  return keywordEquals(a, b) ? 1 : -1;
}

export function starts_with(_ctx: ScriptContext, text: string, prefix: string): number {
  return text.startsWith(prefix) ? 1 : -1;
}

/** in_list(subject, list, sep): the subject is one of the separated items (items trimmed). */
export function in_list(_ctx: ScriptContext, subject: string, list: string, sep: string): number {
  if (sep === '') return -1;
  return list.split(sep).some((item) => item.trim() === subject) ? 1 : -1;
}

/** A literal-text edit as a subst expression (the regex gets the g flag the matcher loop needs). */
function literalEdit(re: RegExp, text: string, global: boolean, keepMatch: boolean): SubstExpr {
  const regex = re.flags.includes('g') ? re : new RegExp(re.source, re.flags + 'g');
  return { source: re.source, regex, global, replacement: keepMatch ? [0, text] : [text] };
}

/** replace(re, txt): the first match in the message is replaced by the text. */
export function replace(ctx: ScriptContext, re: RegExp, text: string): number {
  return editMessage(ctx, literalEdit(re, text, false, false), 'message');
}

export function replace_all(ctx: ScriptContext, re: RegExp, text: string): number {
  return editMessage(ctx, literalEdit(re, text, true, false), 'message');
}

export function replace_body(ctx: ScriptContext, re: RegExp, text: string): number {
  return editMessage(ctx, literalEdit(re, text, false, false), 'body');
}

export function replace_body_all(ctx: ScriptContext, re: RegExp, text: string): number {
  return editMessage(ctx, literalEdit(re, text, true, false), 'body');
}

/** search_append(re, txt): the text is inserted after the first match. */
export function search_append(ctx: ScriptContext, re: RegExp, text: string): number {
  return editMessage(ctx, literalEdit(re, text, false, true), 'message');
}

export function search_append_body(ctx: ScriptContext, re: RegExp, text: string): number {
  return editMessage(ctx, literalEdit(re, text, false, true), 'body');
}

/** subst_body('/re/repl/flags'): sed-like substitution of the body. */
export function subst_body(ctx: ScriptContext, s: SubstExpr): number {
  return editMessage(ctx, s, 'body');
}
