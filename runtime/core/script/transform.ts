// Transformations `{s.len}`, `{uri.user}`, … applied to PV values. Only the implemented ones compile;
// the others are rejected at compile time (the registry marks them `implemented: false`).
import { findTransformation } from '../../modules/registry.js';
import { createHash } from 'node:crypto';
import { SipUri, parseNameAddr, type NameAddr } from '../sip/index.js';
import { toInt, toStr, type ScriptValue } from './values.js';
import { uriOfNameAddr } from './uri-util.js';

export interface TransformSpec {
  /** `s.substr` */
  readonly name: string;
  /** Raw parameters as written (`1`, `2`). */
  readonly params: readonly string[];
}

export class TransformError extends Error {}

export type TransformFn = (v: ScriptValue) => ScriptValue;

/** Parses `{name,p1,p2}` (text without the braces). */
export function parseTransform(body: string): TransformSpec {
  const parts = body.split(',');
  const name = (parts.shift() ?? '').trim();
  return { name, params: parts.map((p) => p.trim()) };
}

function intParam(spec: TransformSpec, i: number): number {
  const p = spec.params[i] ?? '';
  if (!/^[+-]?\d+$/.test(p))
    throw new TransformError(
      `{${spec.name}} parameter ${i + 1} must be an integer, got ${JSON.stringify(p)}`,
    );
  return Number(p);
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

/** Compiles one transformation; throws TransformError for unknown / unimplemented / bad arity. */
export function compileTransform(spec: TransformSpec): TransformFn {
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
      const offset = intParam(spec, 0);
      const len = intParam(spec, 1);
      if (len < 0) throw new TransformError('{s.substr} length must not be negative');
      return (v) => substr(toStr(v), offset, len);
    }
    case 'uri.user':
      return (v) => uriPart(v, (u) => u.user);
    case 'uri.host':
      return (v) => uriPart(v, (u) => u.host);
    case 'uri.param': {
      const name = spec.params[0] ?? '';
      return (v) => uriPart(v, (u) => u.params.get(name) ?? undefined);
    }
    case 'nameaddr.uri':
      return (v) => uriOfNameAddr(toStr(v))?.toString() ?? '';
    case 'nameaddr.name':
      return (v) => nameAddr(v)?.displayName ?? '';
    case 's.select': {
      const idx = intParam(spec, 0);
      const sep = spec.params[1] ?? '';
      if (sep.length !== 1) throw new TransformError('{s.select} separator must be one character');
      return (v) => {
        const items = toStr(v).split(sep);
        return items[idx < 0 ? items.length + idx : idx] ?? '';
      };
    }
    case 's.strip': {
      const n = intParam(spec, 0);
      return (v) => toStr(v).slice(Math.max(0, n));
    }
    case 's.striptail': {
      const n = intParam(spec, 0);
      return (v) => {
        const t = toStr(v);
        return t.slice(0, Math.max(0, t.length - n));
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
      const name = spec.params[0] ?? '';
      const sep = spec.params[1] ?? ';';
      return (v) => paramList(toStr(v), sep).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] ?? '';
    }
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
