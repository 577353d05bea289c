// sed-like substitution expressions `/re/replacement/flags` (textops subst*, Kamailio re.c): any
// delimiter, POSIX ERE, flags i (REG_ICASE), g (all matches), s (REG_NEWLINE); the replacement may
// hold back-references \0–\9 and, in Kamailio/OpenSIPS, pseudo-variables.
import type { Dialect } from '../../modules/types.js';
import type { ScriptContext } from './context.js';
import { compileFormat, FormatError, formatStyle, type Format } from './format.js';
import { compilePosixRegex, PosixRegexError } from './regex.js';

export class SubstError extends Error {}

type ReplPart = string | number | Format;

export interface SubstExpr {
  readonly source: string;
  readonly regex: RegExp;
  readonly global: boolean;
  readonly replacement: readonly ReplPart[];
}

/** Splits on the unescaped delimiter; `\<delim>` becomes the delimiter itself. */
function splitFields(text: string, delim: string): string[] {
  const fields: string[] = [];
  let cur = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && text[i + 1] === delim) {
      cur += delim;
      i++;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += c + (text[i + 1] as string);
      i++;
    } else if (c === delim) {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  return fields;
}

function parseReplacement(repl: string, dialect: Dialect): ReplPart[] {
  const parts: ReplPart[] = [];
  let lit = '';
  const flush = () => {
    if (lit === '') return;
    const text = lit;
    lit = '';
    if (formatStyle(dialect, 'spve') === 'dollar' && text.includes('$')) {
      try {
        parts.push(compileFormat(text, dialect));
      } catch (e) {
        throw new SubstError(
          `bad pseudo-variable in replacement: ${e instanceof FormatError ? e.message : String(e)}`,
        );
      }
    } else parts.push(text);
  };
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i] as string;
    if (c !== '\\' || i + 1 >= repl.length) {
      lit += c;
      continue;
    }
    const n = repl[++i] as string;
    if (/[0-9]/.test(n)) {
      flush();
      parts.push(Number(n));
    } else if (n === 'n') lit += '\n';
    else if (n === 'r') lit += '\r';
    else if (n === 't') lit += '\t';
    else lit += n;
  }
  flush();
  return parts;
}

/** Parses a subst expression once; throws SubstError with a diagnostic-friendly message. */
export function parseSubst(text: string, dialect: Dialect = 'K3'): SubstExpr {
  if (text.length < 4) throw new SubstError(`subst expression too short: ${JSON.stringify(text)}`);
  const delim = text[0] as string;
  if (delim === '\\' || /[A-Za-z0-9\s]/.test(delim))
    throw new SubstError(`bad subst delimiter ${JSON.stringify(delim)}`);
  const fields = splitFields(text, delim);
  if (fields.length !== 3)
    throw new SubstError(`subst expression must be ${delim}re${delim}replacement${delim}flags`);
  const [re, repl, flagText] = fields as [string, string, string];
  let icase = false;
  let newline = false;
  let global = false;
  for (const f of flagText) {
    if (f === 'i') icase = true;
    else if (f === 's') newline = true;
    else if (f === 'g') global = true;
    else throw new SubstError(`unknown subst flag ${JSON.stringify(f)} (allowed: i, g, s)`);
  }
  let regex: RegExp;
  try {
    regex = compilePosixRegex(re, { icase, newline }, true);
  } catch (e) {
    throw new SubstError(e instanceof PosixRegexError ? `bad regex in subst: ${e.message}` : String(e));
  }
  const replacement = parseReplacement(repl, dialect);
  const maxRef = Math.max(-1, ...replacement.filter((p): p is number => typeof p === 'number'));
  const groups = new RegExp(regex.source + '|').exec('')?.length ?? 1;
  if (maxRef >= groups)
    throw new SubstError(`replacement refers to \\${maxRef} but the regex has ${groups - 1} group(s)`);
  return { source: text, regex, global, replacement };
}

/** Applies the expression; undefined when nothing matched. */
export function applySubst(ctx: ScriptContext, s: SubstExpr, input: string): string | undefined {
  s.regex.lastIndex = 0;
  let out = '';
  let last = 0;
  let matched = false;
  for (;;) {
    const m = s.regex.exec(input);
    if (!m) break;
    matched = true;
    out += input.slice(last, m.index);
    for (const p of s.replacement) {
      if (typeof p === 'string') out += p;
      else if (typeof p === 'number') out += m[p] ?? '';
      else out += p(ctx);
    }
    last = m.index + m[0].length;
    if (m[0].length === 0) s.regex.lastIndex++;
    if (!s.global) break;
  }
  if (!matched) return undefined;
  return out + input.slice(last);
}
