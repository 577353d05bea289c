// Transformations `{s.len}`, `{uri.user}`, … applied to PV values. Only the implemented ones compile;
// the others are rejected at compile time (the registry marks them `implemented: false`).
import { findTransformation } from '../../modules/registry.js';
import { createHash } from 'node:crypto';
import { SipUri, parseNameAddr, type NameAddr } from '../sip/index.js';
import type { ScriptContext } from './context.js';
import { ipMatches } from './keywords.js';
import { toInt, toStr, type ScriptValue } from './values.js';
import { uriOfNameAddr } from './uri-util.js';

export interface TransformSpec {
  /** `s.substr` */
  readonly name: string;
  /** Raw parameters as written (`1`, `2`). */
  readonly params: readonly string[];
}

export class TransformError extends Error {}

export type TransformFn = (v: ScriptValue, ctx: ScriptContext) => ScriptValue;

/** Compiles a PV given as a transformation parameter (`{s.substr,0,$var(n)}`). */
export type ParamPvCompiler = (text: string) => { get(ctx: ScriptContext): ScriptValue };

/** Splits on commas outside (), {} and [] so PV parameters may carry their own transformations. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of body) {
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Parses `{name,p1,p2}` (text without the braces). */
export function parseTransform(body: string): TransformSpec {
  const parts = splitTopLevel(body);
  const name = (parts.shift() ?? '').trim();
  return { name, params: parts.map((p) => p.trim()) };
}

type IntArg = (ctx: ScriptContext) => number;

function intParam(spec: TransformSpec, i: number, pv: ParamPvCompiler | undefined): IntArg {
  const p = spec.params[i] ?? '';
  if (/^[+-]?\d+$/.test(p)) {
    const n = Number(p);
    return () => n;
  }
  if (p.startsWith('$') && pv) {
    const ref = pv(p);
    return (ctx) => toInt(ref.get(ctx));
  }
  throw new TransformError(
    `{${spec.name}} parameter ${i + 1} must be an integer or a pseudo-variable, got ${JSON.stringify(p)}`,
  );
}

function strParam(
  spec: TransformSpec,
  i: number,
  pv: ParamPvCompiler | undefined,
): (ctx: ScriptContext) => string {
  const p = spec.params[i] ?? '';
  if (p.startsWith('$') && pv) {
    const ref = pv(p);
    return (ctx) => toStr(ref.get(ctx));
  }
  return () => p;
}

function substr(s: string, offset: number, len: number): string {
  const start = offset < 0 ? Math.max(0, s.length + offset) : offset;
  if (start > s.length) return '';
  return len === 0 ? s.slice(start) : s.slice(start, start + len);
}

function uriPart(v: ScriptValue, pick: (u: SipUri) => string | undefined): ScriptValue {
  const u = SipUri.tryParse(toStr(v).trim());
  return u ? (pick(u) ?? '') : '';
}

function nameAddr(v: ScriptValue): NameAddr | undefined {
  try {
    return parseNameAddr(toStr(v));
  } catch {
    return undefined;
  }
}

/** `a=1;b;c=3` → [[a,1],[b,''],[c,3]] (values unquoted). */
function paramList(text: string, sep: string): Array<[string, string]> {
  return text
    .split(sep)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p): [string, string] => {
      const eq = p.indexOf('=');
      if (eq < 0) return [p, ''];
      return [
        p.slice(0, eq).trim(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      ];
    });
}

// RFC 1918 / RFC 6598 / loopback / link-local / ULA ranges ({ip.isprivate}).
const PRIVATE_NETS = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
];

/** Compiles one transformation; throws TransformError for unknown / unimplemented / bad arity. */
export function compileTransform(spec: TransformSpec, pv?: ParamPvCompiler): TransformFn {
  const desc = findTransformation(spec.name);
  if (!desc) throw new TransformError(`unknown transformation {${spec.name}}`);
  if (!desc.implemented) throw new TransformError(`transformation {${spec.name}} is not implemented by serc`);
  if (!desc.arities.includes(spec.params.length)) {
    throw new TransformError(
      `{${spec.name}} takes ${desc.arities.join(' or ')} parameter(s), got ${spec.params.length}`,
    );
  }
  switch (spec.name) {
    case 's.len':
      return (v) => toStr(v).length;
    case 's.int':
      return (v) => toInt(v);
    case 's.tolower':
      return (v) => toStr(v).toLowerCase();
    case 's.toupper':
      return (v) => toStr(v).toUpperCase();
    case 's.substr': {
      const offset = intParam(spec, 0, pv);
      const len = intParam(spec, 1, pv);
      if (/^-\d+$/.test(spec.params[1] ?? ''))
        throw new TransformError('{s.substr} length must not be negative');
      return (v, ctx) => substr(toStr(v), offset(ctx), Math.max(0, len(ctx)));
    }
    case 'uri.user':
      return (v) => uriPart(v, (u) => u.user);
    case 'uri.host':
    case 'uri.domain':
      return (v) => uriPart(v, (u) => u.host);
    case 'uri.param': {
      const name = strParam(spec, 0, pv);
      return (v, ctx) => uriPart(v, (u) => u.params.get(name(ctx)) ?? undefined);
    }
    case 'nameaddr.uri':
      return (v) => uriOfNameAddr(toStr(v))?.toString() ?? '';
    case 'nameaddr.name':
      return (v) => nameAddr(v)?.displayName ?? '';
    case 's.select': {
      const idx = intParam(spec, 0, pv);
      const sep = spec.params[1] ?? '';
      if (sep.length !== 1) throw new TransformError('{s.select} separator must be one character');
      return (v, ctx) => {
        const items = toStr(v).split(sep);
        const i = idx(ctx);
        return items[i < 0 ? items.length + i : i] ?? '';
      };
    }
    case 's.strip': {
      const n = intParam(spec, 0, pv);
      return (v, ctx) => toStr(v).slice(Math.max(0, n(ctx)));
    }
    case 's.striptail': {
      const n = intParam(spec, 0, pv);
      return (v, ctx) => {
        const t = toStr(v);
        return t.slice(0, Math.max(0, t.length - n(ctx)));
      };
    }
    case 's.md5':
      return (v) => createHash('md5').update(toStr(v), 'utf8').digest('hex');
    case 's.encode.hexa':
      return (v) => Buffer.from(toStr(v), 'utf8').toString('hex');
    case 's.escape.common':
      return (v) =>
        toStr(v)
          .replace(/(['"\\])/g, '\\$1')
          .replace(/\0/g, '\\0');
    case 'uri.port':
      return (v) => uriPart(v, (u) => (u.port === undefined ? '' : String(u.port)));
    case 'uri.transport':
      return (v) => uriPart(v, (u) => u.transport ?? '');
    case 'uri.params':
      return (v) => uriPart(v, (u) => u.params.toString().replace(/^;/, ''));
    case 'param.value': {
      const name = strParam(spec, 0, pv);
      const sep = spec.params[1] ?? ';';
      return (v, ctx) => {
        const want = name(ctx).toLowerCase();
        return paramList(toStr(v), sep).find(([n]) => n.toLowerCase() === want)?.[1] ?? '';
      };
    }
    case 'param.exist': {
      const name = strParam(spec, 0, pv);
      const sep = spec.params[1] ?? ';';
      return (v, ctx) => {
        const want = name(ctx).toLowerCase();
        return paramList(toStr(v), sep).some(([n]) => n.toLowerCase() === want) ? 1 : 0;
      };
    }
    case 'ip.matches': {
      const net = strParam(spec, 0, pv);
      return (v, ctx) => (ipMatches(toStr(v), net(ctx)) ? 1 : 0);
    }
    case 'ip.isprivate':
      return (v) => (PRIVATE_NETS.some((n) => ipMatches(toStr(v), n)) ? 1 : 0);
    case 'param.count': {
      const sep = spec.params[0] ?? ';';
      return (v) => paramList(toStr(v), sep).length;
    }
    case 'tobody.uri':
      return (v) => nameAddr(v)?.uri.toString() ?? '';
    case 'tobody.tag':
      return (v) => nameAddr(v)?.tag ?? '';
    case 'tobody.user':
      return (v) => nameAddr(v)?.uri.user ?? '';
    case 'tobody.host':
      return (v) => nameAddr(v)?.uri.host ?? '';
    case 'line.count':
      return (v) => {
        const t = toStr(v);
        if (t === '') return 0;
        return t.split('\n').length - (t.endsWith('\n') ? 1 : 0);
      };
    default:
      throw new TransformError(`transformation {${spec.name}} is not implemented by serc`);
  }
}
