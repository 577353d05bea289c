// Format strings ("spve" parameters and xlog formats) compiled once into a function of the context.
// Kamailio 1.2+/3+ and OpenSIPS use `$` pseudo-variables (`$$` is a literal dollar); SER 0.8/2.x and
// OpenSER 1.0–1.1 xlog used `%xx` specifiers (`%ru`, `%{Via[1]}`, `%%`, SER 2 `%$attr`).
// A PV without value prints `<null>`, as Kamailio's pv_printf does.
import type { Dialect } from '../../modules/types.js';
import type { ScriptContext } from './context.js';
import { compilePvSpec, type PvRef } from './pv.js';
import { scanPv, type PvSpec } from './pv-parse.js';
import { selectAsPv } from './select.js';
import { toStr } from './values.js';

export class FormatError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export type Format = (ctx: ScriptContext) => string;
/** Text evaluated only if it is used: a ready string, or a compiled format (xlog skips filtered lines). */
export type LazyText = string | Format;
export type FormatStyle = 'dollar' | 'percent' | 'literal';
export type FormatKind = 'spve' | 'xfmt';

/** Which syntax a string parameter uses in a dialect (`K1` means OpenSER 1.2+ here). */
export function formatStyle(dialect: Dialect, kind: FormatKind): FormatStyle {
  if (dialect === 'S0' || dialect === 'S08' || dialect === 'S2')
    return kind === 'xfmt' ? 'percent' : 'literal';
  return 'dollar';
}

const NULL_TEXT = '<null>';

type Part = string | PvRef;

function pvPart(spec: PvSpec, dialect: Dialect, offset: number): PvRef {
  try {
    return compilePvSpec(spec, { dialect, attributes: 'never' });
  } catch (e) {
    throw new FormatError(e instanceof Error ? e.message : String(e), offset);
  }
}

function parseDollar(text: string, dialect: Dialect): Part[] {
  const parts: Part[] = [];
  let lit = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c !== '$') {
      lit += c;
      i++;
      continue;
    }
    if (text[i + 1] === '$') {
      lit += '$';
      i += 2;
      continue;
    }
    let scanned;
    try {
      scanned = scanPv(text, i);
    } catch (e) {
      throw new FormatError(e instanceof Error ? e.message : String(e), i);
    }
    if (lit) parts.push(lit);
    lit = '';
    parts.push(pvPart(scanned.spec, dialect, i));
    i = scanned.end;
  }
  if (lit) parts.push(lit);
  return parts;
}

// Old xlog specifiers: two letters naming the same value as the modern PV class.
const PERCENT_CODES = new Set([
  'ru',
  'rm',
  'fu',
  'tu',
  'ci',
  'cs',
  'si',
  'sp',
  'ua',
  'ft',
  'tt',
  'rs',
  'rr',
  'Ts',
  'Tf',
  'ct',
  'mb',
  'ml',
  'mi',
  'pp',
  'fd',
  'td',
  'rd',
  'rU',
  'fU',
  'tU',
  'du',
]);

function parsePercent(text: string, dialect: Dialect): Part[] {
  const parts: Part[] = [];
  let lit = '';
  const flush = () => {
    if (lit) parts.push(lit);
    lit = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const n = text[i + 1];
    if (c !== '%' || n === undefined) {
      lit += c;
      i++;
      continue;
    }
    if (n === '%') {
      lit += '%';
      i += 2;
      continue;
    }
    if (n === '{') {
      const close = text.indexOf('}', i);
      if (close < 0) throw new FormatError('unterminated %{ header specifier', i);
      const m = /^([^[\]]+)(?:\[(\*|-?\d+)\])?$/.exec(text.slice(i + 2, close).trim());
      if (!m) throw new FormatError(`bad header specifier ${text.slice(i, close + 1)}`, i);
      const index = m[2] === undefined ? '' : `[${m[2]}]`;
      flush();
      parts.push(
        pvPart(
          {
            text: text.slice(i, close + 1),
            cls: 'hdr',
            inner: m[1] as string,
            ...(index ? { index: m[2] === '*' ? '*' : Number(m[2]) } : {}),
            transforms: [],
          },
          dialect,
          i,
        ),
      );
      i = close + 1;
      continue;
    }
    if (n === '$' && dialect === 'S2') {
      const m = /^%\$((?:[ft][rud]?|g)\.[A-Za-z_]\w*|[A-Za-z_]\w*)/.exec(text.slice(i));
      if (!m) throw new FormatError('bad attribute specifier', i);
      flush();
      parts.push(compilePvSpec({ text: m[0], cls: m[1] as string, attr: true, transforms: [] }, { dialect }));
      i += m[0].length;
      continue;
    }
    if (n === '@') {
      const m = /^%@([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)/.exec(text.slice(i));
      const pv = m ? selectAsPv(m[1] as string) : undefined;
      if (!m || pv === undefined)
        throw new FormatError(`SER select ${m ? '@' + m[1] : '%@'} is not implemented by serc`, i);
      flush();
      parts.push(pvPart({ text: m[0], cls: pv.slice(1), transforms: [] }, dialect, i));
      i += m[0].length;
      continue;
    }
    const code = text.slice(i + 1, i + 3);
    if (/^[A-Za-z]/.test(n)) {
      if (!PERCENT_CODES.has(code)) throw new FormatError(`unknown xlog specifier %${code}`, i);
      flush();
      parts.push(pvPart({ text: '%' + code, cls: code, transforms: [] }, dialect, i));
      i += 3;
      continue;
    }
    lit += c;
    i++;
  }
  flush();
  return parts;
}

function render(parts: readonly Part[], ctx: ScriptContext): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else {
      const v = p.get(ctx);
      out += v === null ? NULL_TEXT : toStr(v);
    }
  }
  return out;
}

/** Compiles a format once; throws FormatError (with an offset) for bad or unknown PVs. */
export function compileFormat(
  text: string,
  dialect: Dialect,
  kind: FormatKind = 'spve',
  style?: FormatStyle,
): Format {
  const s = style ?? formatStyle(dialect, kind);
  if (s === 'literal') return () => text;
  const parts = s === 'dollar' ? parseDollar(text, dialect) : parsePercent(text, dialect);
  if (parts.length === 0) return () => '';
  if (parts.length === 1 && typeof parts[0] === 'string') {
    const only = parts[0];
    return () => only;
  }
  return (ctx) => render(parts, ctx);
}

/** Checker helper: undefined when the format compiles, else "message (at offset N)". */
export function validateFormat(
  text: string,
  dialect: Dialect,
  kind: FormatKind = 'spve',
): string | undefined {
  try {
    compileFormat(text, dialect, kind);
    return undefined;
  } catch (e) {
    if (e instanceof FormatError) return `${e.message} (at offset ${e.offset})`;
    throw e;
  }
}

/** Whether a format has no pseudo-variables (a constant string). */
export function isConstantFormat(text: string, dialect: Dialect, kind: FormatKind = 'spve'): boolean {
  const s = formatStyle(dialect, kind);
  if (s === 'literal') return true;
  return s === 'dollar'
    ? !text.includes('$') || /^(?:[^$]|\$\$)*$/.test(text)
    : !/%[^%]/.test(text.replace(/%%/g, ''));
}
