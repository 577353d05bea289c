// Parsing pseudo-variable references: `$ru`, `$hdr(Via)`, `$(avp(x)[*])`, `$(ru{uri.user})`, and
// SER attributes (`$f.did`, `$name[]`). Pure text → spec; compile.ts turns specs into accessors.
import { parseTransform, type TransformSpec } from './transform.js';

export class PvSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export type PvIndex = number | '*' | PvSpec;

export interface PvSpec {
  /** Source text of the reference. */
  readonly text: string;
  /** Class name (`ru`, `hdr`, `avp`), or the attribute name for SER attributes. */
  readonly cls: string;
  /** Inner name (`Via` of `$hdr(Via)`); a nested PV when dynamic (`$avp($var(n))`). */
  readonly inner?: string | PvSpec;
  readonly index?: PvIndex;
  readonly transforms: readonly TransformSpec[];
  /** SER attribute (`$f.did`, `$x[]`): an AVP with SER replace-on-assign semantics. */
  readonly attr?: boolean;
}

const NAME_CHAR = /[A-Za-z0-9_.?]/;
const CLASS_CHAR = /[A-Za-z0-9_]/;

/** Index of the `)` closing the `(` at `open`, honouring nesting. */
function closeParen(src: string, open: number, o = '(', c = ')'): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === o) depth++;
    else if (src[i] === c) {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new PvSyntaxError(`unbalanced ${o} in pseudo-variable`, open);
}

function parseIndex(body: string, offset: number): PvIndex {
  const t = body.trim();
  if (t === '*') return '*';
  if (/^-?\d+$/.test(t)) return Number(t);
  if (t.startsWith('$')) {
    const { spec, end } = scanPv(t, 0);
    if (end !== t.length) throw new PvSyntaxError(`bad index [${body}]`, offset);
    return spec;
  }
  throw new PvSyntaxError(`bad index [${body}]: expected an integer, * or a pseudo-variable`, offset);
}

function innerName(body: string): string | PvSpec {
  const t = body.trim();
  if (t.startsWith('$')) {
    try {
      const { spec, end } = scanPv(t, 0);
      if (end === t.length) return spec;
    } catch {
      // not a lone PV: keep it as text ($sht(t=>$ci) is handled by the class itself)
    }
  }
  return body;
}

/** The `name(inner)[idx]{tr}…` body of a `$( … )` reference. */
function parseFull(src: string, body: string, bodyStart: number): Omit<PvSpec, 'text'> {
  let i = 0;
  // Dotted class names exist in OpenSIPS 3 ($(msg.branch.uri[*])).
  while (i < body.length && (CLASS_CHAR.test(body[i] as string) || (body[i] === '.' && i > 0))) i++;
  const cls = body.slice(0, i);
  if (cls === '') throw new PvSyntaxError('missing pseudo-variable name after $(', bodyStart);
  let inner: string | PvSpec | undefined;
  let index: PvIndex | undefined;
  const transforms: TransformSpec[] = [];
  if (body[i] === '(') {
    const close = closeParen(body, i);
    inner = innerName(body.slice(i + 1, close));
    i = close + 1;
  }
  if (body[i] === '[') {
    const close = body.indexOf(']', i);
    if (close < 0) throw new PvSyntaxError('unterminated [ in pseudo-variable', bodyStart + i);
    index = parseIndex(body.slice(i + 1, close), bodyStart + i);
    i = close + 1;
  }
  for (;;) {
    while (body[i] === ' ' || body[i] === '\t') i++;
    if (body[i] !== '{') break;
    const close = closeParen(body, i, '{', '}');
    transforms.push(parseTransform(body.slice(i + 1, close)));
    i = close + 1;
  }
  if (i !== body.length)
    throw new PvSyntaxError(`unexpected ${JSON.stringify(body.slice(i))} in ${src}`, bodyStart + i);
  return {
    cls,
    ...(inner !== undefined ? { inner } : {}),
    ...(index !== undefined ? { index } : {}),
    transforms,
  };
}

/** SER attribute name: `$f.did`, `$tu.x`, `$g.y`, `$name`, with `[n]` / `[]`. */
const ATTR_RE = /^\$((?:[ft][rud]?|g)\.[A-Za-z_][A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*)(\[(-?\d*)\])?/;

/**
 * Scans one PV starting at src[start] === '$'. `attributes` selects SER attribute syntax for
 * `$name` (S2, and `#!SER` mode). Returns the spec and the index after it.
 */
export function scanPv(src: string, start: number, attributes = false): { spec: PvSpec; end: number } {
  if (src[start] !== '$') throw new PvSyntaxError('pseudo-variable must start with $', start);
  const next = src[start + 1];
  if (next === '(') {
    const close = closeParen(src, start + 1);
    const body = src.slice(start + 2, close);
    const spec = { text: src.slice(start, close + 1), ...parseFull(src, body, start + 2) };
    return { spec, end: close + 1 };
  }
  if (attributes) {
    const m = ATTR_RE.exec(src.slice(start));
    if (m && m[1] !== 'retcode') {
      const idx = m[3];
      const index: PvIndex | undefined = m[2] === undefined ? undefined : idx === '' ? '*' : Number(idx);
      const spec: PvSpec = {
        text: m[0],
        cls: m[1] as string,
        transforms: [],
        attr: true,
        ...(index !== undefined ? { index } : {}),
      };
      return { spec, end: start + m[0].length };
    }
  }
  if (next === '$') return { spec: { text: '$$', cls: '$', transforms: [] }, end: start + 2 };
  if (next === '?') return { spec: { text: '$?', cls: '?', transforms: [] }, end: start + 2 };
  let i = start + 1;
  while (i < src.length && NAME_CHAR.test(src[i] as string)) {
    if (src[i] === '?') break;
    i++;
  }
  const cls = src.slice(start + 1, i);
  if (cls === '') throw new PvSyntaxError('missing pseudo-variable name after $', start);
  if (src[i] === '(') {
    const close = closeParen(src, i);
    const inner = innerName(src.slice(i + 1, close));
    return { spec: { text: src.slice(start, close + 1), cls, inner, transforms: [] }, end: close + 1 };
  }
  return { spec: { text: src.slice(start, i), cls, transforms: [] }, end: i };
}

/** Parses a whole string that must be exactly one PV. */
export function parsePv(text: string, attributes = false): PvSpec {
  const { spec, end } = scanPv(text, 0, attributes);
  if (end !== text.length)
    throw new PvSyntaxError(`unexpected ${JSON.stringify(text.slice(end))} after ${spec.text}`, end);
  return spec;
}
