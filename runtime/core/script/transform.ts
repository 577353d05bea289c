// Transformations `{s.len}`, `{uri.user}`, … applied to PV values. Only the implemented ones compile;
// the others are rejected at compile time (the registry marks them `implemented: false`).
import { findTransformation } from '../../modules/registry.js';
import { SipUri } from '../sip/index.js';
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
    default:
      throw new TransformError(`transformation {${spec.name}} is not implemented by serc`);
  }
}
