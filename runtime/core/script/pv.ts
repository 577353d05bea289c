// Pseudo-variable accessors: a PV reference is compiled once into a PvRef whose get/set run per
// message. Unknown, unimplemented and read-only PVs are reported when compiling, not at run time.
import { findCatalogPv, findPv } from '../../modules/registry.js';
import type { Dialect } from '../../modules/types.js';
import type { ScriptContext } from './context.js';
import { parsePv, type PvIndex, type PvSpec } from './pv-parse.js';
import { selectAsPv } from './select.js';
import { isTimeField, strftime, timeField } from './time.js';
import { compileTransform, type TransformFn } from './transform.js';
import { replaceUriParts, tryUri, uriOfNameAddr } from './uri-util.js';
import { LOG_LEVELS } from './logger.js';
import { toInt, toStr, type ScriptValue } from './values.js';

export class PvError extends Error {}

export interface PvRef {
  readonly text: string;
  readonly writable: boolean;
  get(ctx: ScriptContext): ScriptValue;
  /** Assignment (`=`); throws PvError for read-only PVs. */
  set(ctx: ScriptContext, value: ScriptValue): void;
  /** Whether the PV currently has a value (pv_isset, `defined`). */
  isSet(ctx: ScriptContext): boolean;
  /** pv_unset. */
  unset(ctx: ScriptContext): void;
}

type Getter = (ctx: ScriptContext, inner: string) => ScriptValue;
type Setter = (ctx: ScriptContext, value: ScriptValue, inner: string) => void;

interface PvClass {
  get: Getter;
  set?: Setter;
}

const nul = (v: string | number | undefined): ScriptValue => (v === undefined ? null : v);

function ruriPart(pick: (u: NonNullable<ReturnType<typeof tryUri>>) => string | number | undefined): Getter {
  return (ctx) => {
    const u = tryUri(ctx.ruri);
    return u ? nul(pick(u)) : null;
  };
}

function setRuriPart(ctx: ScriptContext, changes: Parameters<typeof replaceUriParts>[1], what: string): void {
  const next = replaceUriParts(ctx.ruri, changes);
  if (next === undefined) ctx.logger.log(LOG_LEVELS.L_ERR, `cannot set ${what} of R-URI ${ctx.ruri}\n`);
  else ctx.ruri = next;
}

function headerUri(ctx: ScriptContext, which: 'from' | 'to'): ReturnType<typeof tryUri> {
  return which === 'from' ? ctx.msg.from.uri : ctx.msg.to.uri;
}

/** From/To writes: recorded for the outgoing message; reads keep giving the received header. */
function setAddr(which: 'from' | 'to', part: 'uri' | 'user' | 'host' | 'display'): Setter {
  return (ctx, value) => {
    const cur = ctx.headerRewrites[which] ?? {};
    const base = cur.uri ?? headerUri(ctx, which)?.toString() ?? '';
    if (part === 'display') cur.display = toStr(value);
    else if (part === 'uri') cur.uri = toStr(value);
    else {
      const next = replaceUriParts(base, part === 'user' ? { user: toStr(value) } : { host: toStr(value) });
      if (next === undefined) return;
      cur.uri = next;
    }
    ctx.headerRewrites[which] = cur;
  };
}

const DIGEST_PARAM_RES = new Map<string, RegExp>();

/** A parameter of the first Authorization / Proxy-Authorization header (digest credentials). */
function digestParam(ctx: ScriptContext, name: string): string | null {
  const h = ctx.msg.header('authorization') ?? ctx.msg.header('proxy-authorization');
  if (h === undefined) return null;
  let re = DIGEST_PARAM_RES.get(name);
  if (!re) {
    re = new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))`, 'i');
    DIGEST_PARAM_RES.set(name, re);
  }
  const m = re.exec(h.replace(/^\s*digest\s+/i, ' '));
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? null);
}

/** URI of the first value of a name-addr header ($pu, $re, $di). */
function headerUri2(ctx: ScriptContext, name: string): ScriptValue {
  const h = ctx.msg.header(name);
  return h === undefined ? null : nul(uriOfNameAddr(h.split(',')[0] ?? '')?.toString());
}

function digestUsername(ctx: ScriptContext): ScriptValue {
  return digestParam(ctx, 'username');
}

/** $aU: user part of the credentials' username (before a `@`). */
function digestUser(ctx: ScriptContext): ScriptValue {
  const u = digestParam(ctx, 'username');
  return u === null ? null : (u.split('@')[0] ?? '');
}

/** $ad: domain of the credentials' username, else the realm. */
function digestDomain(ctx: ScriptContext): ScriptValue {
  const u = digestParam(ctx, 'username');
  const at = u?.indexOf('@') ?? -1;
  return u !== null && at >= 0 ? u.slice(at + 1) : digestParam(ctx, 'realm');
}

function flagSetter(apply: (ctx: ScriptContext, v: number) => void): Setter {
  return (ctx, value) => apply(ctx, toInt(value) >>> 0);
}

const CLASSES: Readonly<Record<string, PvClass>> = {
  ru: { get: (ctx) => (ctx.ruri === '' ? null : ctx.ruri), set: (ctx, v) => setRuri(ctx, toStr(v)) },
  rU: {
    get: ruriPart((u) => u.user),
    set: (ctx, v) => setRuriPart(ctx, { user: v === null ? undefined : toStr(v) }, 'user'),
  },
  rd: { get: ruriPart((u) => u.host), set: (ctx, v) => setRuriPart(ctx, { host: toStr(v) }, 'host') },
  rp: {
    get: ruriPart((u) => u.port ?? 5060),
    set: (ctx, v) => setRuriPart(ctx, { port: v === null || toStr(v) === '' ? undefined : toInt(v) }, 'port'),
  },
  rz: { get: ruriPart((u) => u.scheme) },
  rP: { get: ruriPart((u) => u.transport ?? 'udp') },
  rv: { get: (ctx) => (ctx.msg.isRequest ? ctx.msg.version : null) },
  ou: { get: (ctx) => (ctx.originalRuri === '' ? null : ctx.originalRuri) },
  oU: { get: (ctx) => nul(tryUri(ctx.originalRuri)?.user) },
  od: { get: (ctx) => nul(tryUri(ctx.originalRuri)?.host) },
  op: {
    get: (ctx) => {
      const u = tryUri(ctx.originalRuri);
      return u ? (u.port ?? 5060) : null;
    },
  },
  du: {
    get: (ctx) => ctx.dstUri,
    set: (ctx, v) => {
      ctx.dstUri = v === null || v === '' ? null : toStr(v);
    },
  },
  dd: { get: (ctx) => (ctx.dstUri === null ? null : nul(tryUri(ctx.dstUri)?.host)) },
  dp: {
    get: (ctx) => {
      const u = ctx.dstUri === null ? undefined : tryUri(ctx.dstUri);
      return u ? (u.port ?? 5060) : null;
    },
  },
  dP: {
    get: (ctx) => {
      const u = ctx.dstUri === null ? undefined : tryUri(ctx.dstUri);
      return u ? (u.transport ?? 'udp') : null;
    },
  },
  fu: { get: (ctx) => ctx.msg.from.uri.toString(), set: setAddr('from', 'uri') },
  fU: { get: (ctx) => nul(ctx.msg.from.uri.user), set: setAddr('from', 'user') },
  fd: { get: (ctx) => ctx.msg.from.uri.host, set: setAddr('from', 'host') },
  fn: { get: (ctx) => nul(ctx.msg.from.displayName), set: setAddr('from', 'display') },
  ft: { get: (ctx) => nul(ctx.msg.from.tag) },
  tu: { get: (ctx) => ctx.msg.to.uri.toString(), set: setAddr('to', 'uri') },
  tU: { get: (ctx) => nul(ctx.msg.to.uri.user), set: setAddr('to', 'user') },
  td: { get: (ctx) => ctx.msg.to.uri.host, set: setAddr('to', 'host') },
  tn: { get: (ctx) => nul(ctx.msg.to.displayName), set: setAddr('to', 'display') },
  tt: { get: (ctx) => nul(ctx.msg.to.tag) },
  rm: { get: (ctx) => ctx.msg.method },
  rs: { get: (ctx) => (ctx.msg.isRequest ? null : ctx.msg.status) },
  rr: { get: (ctx) => (ctx.msg.isRequest ? null : ctx.msg.reason) },
  ci: { get: (ctx) => ctx.msg.callId },
  cs: { get: (ctx) => ctx.msg.cseq.seq },
  csb: { get: (ctx) => `${ctx.msg.cseq.seq} ${ctx.msg.cseq.method}` },
  ct: { get: (ctx) => nul(ctx.msg.header('contact')) },
  cl: { get: (ctx) => nul(ctx.msg.contentLength ?? ctx.msg.body.length) },
  cT: { get: (ctx) => nul(ctx.msg.contentType) },
  bs: { get: (ctx) => ctx.msg.body.length },
  rb: { get: (ctx) => ctx.msg.body.toString('utf8') },
  ua: { get: (ctx) => nul(ctx.msg.header('user-agent')) },
  ai: {
    get: (ctx) => {
      const h = ctx.msg.header('p-asserted-identity');
      return h === undefined ? null : nul(uriOfNameAddr(h)?.toString());
    },
  },
  pu: { get: (ctx) => headerUri2(ctx, 'p-preferred-identity') },
  re: { get: (ctx) => headerUri2(ctx, 'remote-party-id') },
  di: { get: (ctx) => headerUri2(ctx, 'diversion') },
  ctu: { get: (ctx) => nul(ctx.msg.contacts[0]?.uri.toString()) },
  rt: {
    get: (ctx) => {
      const h = ctx.msg.header('refer-to');
      return h === undefined ? null : nul(uriOfNameAddr(h)?.toString());
    },
  },
  au: { get: digestUsername },
  aU: { get: digestUser },
  ad: { get: digestDomain },
  ar: { get: (ctx) => digestParam(ctx, 'realm') },
  si: { get: (ctx) => ctx.rcv.srcIp },
  sp: { get: (ctx) => ctx.rcv.srcPort },
  su: {
    get: (ctx) =>
      `sip:${ctx.rcv.srcIp.includes(':') ? `[${ctx.rcv.srcIp}]` : ctx.rcv.srcIp}:${ctx.rcv.srcPort};transport=${ctx.rcv.proto}`,
  },
  Ri: { get: (ctx) => ctx.rcv.localIp },
  Rp: { get: (ctx) => ctx.rcv.localPort },
  Ru: {
    get: (ctx) =>
      `sip:${ctx.rcv.localIp.includes(':') ? `[${ctx.rcv.localIp}]` : ctx.rcv.localIp}:${ctx.rcv.localPort};transport=${ctx.rcv.proto}`,
  },
  pr: { get: (ctx) => ctx.rcv.proto },
  proto: { get: (ctx) => ctx.rcv.proto },
  mb: { get: (ctx) => ctx.msg.raw.toString('utf8') },
  ml: { get: (ctx) => ctx.msg.raw.length },
  mt: { get: (ctx) => (ctx.msg.isRequest ? 1 : 2) },
  mi: { get: (ctx) => ctx.msgId },
  mf: {
    get: (ctx) => ctx.flags,
    set: flagSetter((ctx, v) => {
      ctx.flags = v;
    }),
  },
  mF: {
    get: (ctx) => ctx.flags.toString(16),
    set: flagSetter((ctx, v) => {
      ctx.flags = v;
    }),
  },
  sf: {
    get: (ctx) => ctx.scriptFlags,
    set: flagSetter((ctx, v) => {
      ctx.scriptFlags = v;
    }),
  },
  sF: {
    get: (ctx) => ctx.scriptFlags.toString(16),
    set: flagSetter((ctx, v) => {
      ctx.scriptFlags = v;
    }),
  },
  bf: {
    get: (ctx) => ctx.ruriBranchFlags,
    set: flagSetter((ctx, v) => {
      ctx.ruriBranchFlags = v;
    }),
  },
  bF: {
    get: (ctx) => ctx.ruriBranchFlags.toString(16),
    set: flagSetter((ctx, v) => {
      ctx.ruriBranchFlags = v;
    }),
  },
  br: {
    get: (ctx) => nul(ctx.branches[0]?.uri),
    set: (ctx, v) => {
      if (v !== null) ctx.branches.push({ uri: toStr(v), dstUri: null, q: null, flags: 0 });
    },
  },
  bR: { get: (ctx) => (ctx.branches.length === 0 ? null : ctx.branches.map((b) => b.uri).join(',')) },
  ds: { get: (ctx) => [ctx.ruri, ...ctx.branches.map((b) => b.uri)].join(',') },
  rc: { get: (ctx) => ctx.rc },
  retcode: { get: (ctx) => ctx.rc },
  '?': { get: (ctx) => ctx.rc },
  T_reply_code: {
    get: (ctx) => {
      if (ctx.tx) return ctx.tx.replyCode();
      return ctx.msg.isRequest ? 0 : ctx.msg.status;
    },
  },
  T_branch_idx: { get: (ctx) => ctx.tx?.branchIndex?.() ?? 0 },
  Ts: { get: (ctx) => ctx.receivedAt },
  Tsm: { get: () => Date.now() % 1000 },
  TS: { get: () => Math.floor(Date.now() / 1000) },
  Tf: { get: (ctx) => new Date(ctx.receivedAt * 1000).toString() },
  TF: { get: () => new Date().toString() },
  // Kamailio $time(field) / $utime(field); OpenSIPS $time(strftime-format).
  time: {
    get: (_ctx, inner) =>
      isTimeField(inner) ? timeField(inner, new Date(), false) : strftime(inner, new Date()),
  },
  utime: { get: (_ctx, inner) => timeField(inner, new Date(), true) },
  timef: { get: (_ctx, inner) => strftime(inner, new Date()) },
  pp: { get: () => process.pid },
  null: { get: () => null },
  $: { get: () => '$' },
  env: { get: (_ctx, inner) => nul(process.env[inner]) },
  hdr: { get: (ctx, inner) => nul(ctx.msg.header(inner)) },
  hdrc: { get: (ctx, inner) => ctx.msg.headerAll(inner).length },
};

function setRuri(ctx: ScriptContext, text: string): void {
  if (tryUri(text) === undefined) {
    ctx.logger.log(LOG_LEVELS.L_ERR, `invalid R-URI ${JSON.stringify(text)} not set\n`);
    return;
  }
  ctx.ruri = text;
}

/** How `$name` is read: S2 (SER) makes every `$name` an attribute; K3 max-compat falls back to one. */
export type AttributeMode = 'always' | 'fallback' | 'never';

export function defaultAttributeMode(dialect: Dialect): AttributeMode {
  if (dialect === 'S2') return 'always';
  if (dialect === 'K3') return 'fallback';
  return 'never';
}

export interface PvCompileOptions {
  dialect?: Dialect;
  attributes?: AttributeMode;
}

function readOnly(text: string): never {
  throw new PvError(`${text} is read-only`);
}

function compileIndex(
  index: PvIndex | undefined,
  opts: PvCompileOptions,
): ((ctx: ScriptContext) => number | '*') | undefined {
  if (index === undefined) return undefined;
  if (index === '*' || typeof index === 'number') return () => index;
  const ref = compilePvSpec(index, opts);
  return (ctx) => toInt(ref.get(ctx));
}

function compileInner(
  inner: string | PvSpec | undefined,
  opts: PvCompileOptions,
): (ctx: ScriptContext) => string {
  if (inner === undefined) return () => '';
  if (typeof inner === 'string') return () => inner;
  const ref = compilePvSpec(inner, opts);
  return (ctx) => toStr(ref.get(ctx));
}

function applyTransforms(fns: readonly TransformFn[], v: ScriptValue, ctx: ScriptContext): ScriptValue {
  let out = v;
  for (const f of fns) out = f(out, ctx);
  return out;
}

/** AVP-backed refs: `$avp(x)`, SER attributes `$f.did` / `$x[]`. */
function avpRef(
  text: string,
  nameOf: (ctx: ScriptContext) => string,
  idx: ((ctx: ScriptContext) => number | '*') | undefined,
  serAttr: boolean,
  tr: readonly TransformFn[],
): PvRef {
  return {
    text,
    writable: tr.length === 0,
    get(ctx) {
      const name = nameOf(ctx);
      const i = idx?.(ctx);
      if (i === '*') {
        const all = ctx.avps.getAll(name);
        return applyTransforms(tr, all.length === 0 ? null : all.map(toStr).join(','), ctx);
      }
      return applyTransforms(tr, ctx.avps.get(name, i ?? 0), ctx);
    },
    set(ctx, value) {
      if (tr.length > 0) readOnly(text);
      const name = nameOf(ctx);
      const i = idx?.(ctx);
      if (i === '*' || (serAttr && i === undefined)) ctx.avps.replaceAll(name, value);
      else if (i === undefined) ctx.avps.assign(name, value);
      else ctx.avps.setAt(name, i, value);
    },
    isSet(ctx) {
      const i = idx?.(ctx);
      return typeof i === 'number' ? ctx.avps.get(nameOf(ctx), i) !== null : ctx.avps.has(nameOf(ctx));
    },
    unset(ctx) {
      const i = idx?.(ctx);
      if (i === '*' || i === undefined) ctx.avps.deleteAll(nameOf(ctx));
      else ctx.avps.setAt(nameOf(ctx), i, null);
    },
  };
}

/** Compiles a parsed PV; throws PvError/TransformError for unknown, unimplemented or bad references. */
export function compilePvSpec(spec: PvSpec, opts: PvCompileOptions = {}): PvRef {
  const dialect = opts.dialect ?? 'K3';
  const tr = spec.transforms.map((t) => compileTransform(t, (text) => compilePv(text, opts)));
  const idx = compileIndex(spec.index, opts);
  const inner = compileInner(spec.inner, opts);
  const text = spec.text;

  if (spec.attr) return avpRef(text, () => spec.cls, idx, true, tr);
  if (spec.cls === 'sel' && typeof spec.inner === 'string' && spec.transforms.length === 0) {
    return compileSelect(text, spec.inner, opts);
  }
  if (spec.cls === 'avp') {
    if (spec.inner === undefined) throw new PvError('$avp needs a name: $avp(name)');
    return avpRef(text, inner, idx, false, tr);
  }
  if (spec.cls === 'var' || spec.cls === 'vz' || spec.cls === 'shv') {
    if (spec.inner === undefined) throw new PvError(`$${spec.cls} needs a name: $${spec.cls}(name)`);
    if (spec.index !== undefined) throw new PvError(`$${spec.cls} has no index`);
    const store = (ctx: ScriptContext) => (spec.cls === 'shv' ? ctx.shv : ctx.vars);
    return {
      text,
      writable: tr.length === 0,
      get: (ctx) => applyTransforms(tr, store(ctx).get(inner(ctx)), ctx),
      set(ctx, value) {
        if (tr.length > 0) readOnly(text);
        store(ctx).set(inner(ctx), value);
      },
      isSet: () => true,
      unset: (ctx) => store(ctx).unset(inner(ctx)),
    };
  }

  const known = findPv(spec.cls);
  if (!known) {
    const mode = opts.attributes ?? defaultAttributeMode(dialect);
    const homes = findCatalogPv(spec.cls);
    // A PV of a module serc lacks is reported as such, except in SER mode where `$name` is an attribute.
    if (homes.length > 0 && mode !== 'always') {
      throw new PvError(
        `pseudo-variable ${text} belongs to module ${homes.join('/')}, which serc does not implement`,
      );
    }
    if (mode !== 'never' && spec.inner === undefined && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(spec.cls)) {
      return avpRef(text, () => spec.cls, idx, true, tr);
    }
    throw new PvError(`unknown pseudo-variable ${text}`);
  }
  const cls = CLASSES[spec.cls];
  if (!known.pv.implemented || !cls) throw new PvError(`pseudo-variable ${text} is not implemented by serc`);
  if (known.pv.inner === 'required' && spec.inner === undefined)
    throw new PvError(`${text} needs a name: $${spec.cls}(name)`);
  if (known.pv.inner === 'none' && spec.inner !== undefined) throw new PvError(`$${spec.cls} takes no name`);

  if (spec.cls === 'hdr' && idx) {
    return {
      text,
      writable: false,
      get(ctx) {
        const all = ctx.msg.headerAll(inner(ctx));
        const i = idx(ctx);
        if (i === '*') return applyTransforms(tr, all.length === 0 ? null : all.join(','), ctx);
        const v = all[i < 0 ? all.length + i : i];
        return applyTransforms(tr, v ?? null, ctx);
      },
      set: () => readOnly(text),
      isSet: (ctx) => ctx.msg.has(inner(ctx)),
      unset: () => readOnly(text),
    };
  }
  const writable = known.pv.writable && cls.set !== undefined && tr.length === 0;
  return {
    text,
    writable,
    get: (ctx) => applyTransforms(tr, cls.get(ctx, inner(ctx)), ctx),
    set(ctx, value) {
      if (!writable || !cls.set) readOnly(text);
      cls.set(ctx, value, inner(ctx));
    },
    isSet: (ctx) => cls.get(ctx, inner(ctx)) !== null,
    unset(ctx) {
      if (!writable || !cls.set) readOnly(text);
      cls.set(ctx, null, inner(ctx));
    },
  };
}

function compileSelect(text: string, path: string, opts: PvCompileOptions): PvRef {
  const pv = selectAsPv(path);
  if (pv === undefined) throw new PvError(`SER select ${text} is not implemented by serc`);
  const ref = compilePv(pv, { ...opts, attributes: 'never' });
  return { ...ref, text, writable: false, set: () => readOnly(text), unset: () => readOnly(text) };
}

/** Parses and compiles a PV reference given as text (`$ru`, `$(avp(x)[*])`). */
export function compilePv(text: string, opts: PvCompileOptions = {}): PvRef {
  if (text.startsWith('@')) return compileSelect(text, text.slice(1), opts);
  const mode = opts.attributes ?? defaultAttributeMode(opts.dialect ?? 'K3');
  return compilePvSpec(parsePv(text, mode === 'always'), opts);
}

/** Checker helper: undefined when the PV compiles (and is writable when `forWrite`), else the message. */
export function validatePv(
  text: string,
  opts: PvCompileOptions & { forWrite?: boolean } = {},
): string | undefined {
  try {
    const ref = compilePv(text, opts);
    if (opts.forWrite && !ref.writable) return `${text} is read-only`;
    return undefined;
  } catch (e) {
    if (e instanceof Error) return e.message;
    throw e;
  }
}
