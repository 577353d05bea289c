// POSIX extended regular expressions (regcomp with REG_EXTENDED, as SER/Kamailio/OpenSIPS use them)
// translated to JavaScript RegExp. Bracket classes like [[:digit:]] are expanded, backslashes inside
// brackets are literal (POSIX), and Perl-only syntax (\d, lazy quantifiers, (?…) groups) is rejected
// with an error that points at the offending offset, so the checker can report it at compile time.

export interface PosixFlags {
  /** REG_ICASE: case-insensitive (the default of `=~` and most module regexes). */
  icase?: boolean;
  /** REG_NEWLINE: `.` and `[^…]` do not match a newline; `^`/`$` match at line breaks. */
  newline?: boolean;
}

export class PosixRegexError extends Error {
  constructor(
    message: string,
    /** Offset in the source where the problem starts. */
    readonly offset: number,
  ) {
    super(message);
  }
}

const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  word: '0-9a-zA-Z_',
};

// GNU extensions accepted by glibc's regcomp, which is what the servers use.
const GNU_ESCAPES: Readonly<Record<string, string>> = {
  w: '\\w',
  W: '\\W',
  s: '\\s',
  S: '\\S',
  b: '\\b',
  B: '\\B',
  '<': '\\b(?=\\w)',
  '>': '\\b(?<=\\w)',
  '`': '^',
  "'": '$',
};

const PERL_ONLY = new Set([
  'd',
  'D',
  'A',
  'z',
  'Z',
  'h',
  'H',
  'v',
  'V',
  'R',
  'K',
  'p',
  'P',
  'Q',
  'E',
  'x',
  'u',
  'c',
  'k',
  'g',
  'G',
  'N',
]);

function escapeClassChar(c: string): string {
  return /[\\\][^-]/.test(c) ? '\\' + c : c;
}

/** Translates a bracket expression starting at src[i] === '['; returns [jsClass, indexAfter]. */
function translateBracket(src: string, start: number, newline: boolean): [string, number] {
  let i = start + 1;
  let negate = false;
  if (src[i] === '^') {
    negate = true;
    i++;
  }
  let out = '';
  let first = true;
  for (;;) {
    if (i >= src.length) throw new PosixRegexError('unterminated bracket expression [', start);
    const c = src[i] as string;
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (c === '[' && (src[i + 1] === ':' || src[i + 1] === '=' || src[i + 1] === '.')) {
      const kind = src[i + 1] as string;
      const close = src.indexOf(kind + ']', i + 2);
      if (close < 0) throw new PosixRegexError(`unterminated [${kind} in bracket expression`, i);
      const name = src.slice(i + 2, close);
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new PosixRegexError(`unknown character class [:${name}:]`, i);
        out += cls;
      } else if (name.length === 1) {
        out += escapeClassChar(name); // [=a=] / [.a.] of a single character: the character itself
      } else {
        throw new PosixRegexError(`collating element [${kind}${name}${kind}] is not supported`, i);
      }
      i = close + 2;
      continue;
    }
    if (c === '-' && src[i + 1] !== ']' && out.length > 0) {
      out += '-';
      i++;
      continue;
    }
    out += escapeClassChar(c); // includes '\': literal inside POSIX brackets
    i++;
  }
  if (negate && newline) out += '\\n';
  if (out.length === 0 && !negate) throw new PosixRegexError('empty bracket expression', start);
  return [(negate ? '[^' : '[') + out + ']', i];
}

/** Translates POSIX ERE source to JavaScript source; throws PosixRegexError. */
export function translatePosixRegex(src: string, newline = false): string {
  let out = '';
  let i = 0;
  // Whether the previous item can take a quantifier (false at start, after '(' or '|').
  let canRepeat = false;
  let lastWasQuantifier = false;
  let depth = 0;
  let groups = 0;
  while (i < src.length) {
    const c = src[i] as string;
    switch (c) {
      case '\\': {
        const n = src[i + 1];
        if (n === undefined) throw new PosixRegexError('trailing backslash', i);
        if (/[1-9]/.test(n)) {
          if (Number(n) > groups) throw new PosixRegexError(`back-reference \\${n} to an undefined group`, i);
          out += '\\' + n;
        } else if (GNU_ESCAPES[n] !== undefined) {
          out += GNU_ESCAPES[n];
        } else if (PERL_ONLY.has(n)) {
          const hint = n === 'd' ? ' (use [0-9] or [[:digit:]])' : n === 'D' ? ' (use [^0-9])' : '';
          throw new PosixRegexError(`\\${n} is not POSIX extended regex syntax${hint}`, i);
        } else if (n === 'n') {
          out += '\\n';
        } else if (n === 't') {
          out += '\\t';
        } else {
          out += /[a-zA-Z0-9]/.test(n) ? n : '\\' + n;
        }
        i += 2;
        canRepeat = true;
        lastWasQuantifier = false;
        continue;
      }
      case '[': {
        const [cls, next] = translateBracket(src, i, newline);
        out += cls;
        i = next;
        canRepeat = true;
        lastWasQuantifier = false;
        continue;
      }
      case '(': {
        if (src[i + 1] === '?')
          throw new PosixRegexError('(?…) groups are not POSIX extended regex syntax', i);
        out += '(';
        depth++;
        groups++;
        i++;
        canRepeat = false;
        lastWasQuantifier = false;
        continue;
      }
      case ')': {
        if (depth === 0) throw new PosixRegexError('unmatched )', i);
        depth--;
        out += ')';
        i++;
        canRepeat = true;
        lastWasQuantifier = false;
        continue;
      }
      case '|':
        out += '|';
        i++;
        canRepeat = false;
        lastWasQuantifier = false;
        continue;
      case '*':
      case '+':
      case '?': {
        if (lastWasQuantifier) {
          throw new PosixRegexError(`repeated quantifier ${c} (lazy quantifiers are Perl syntax)`, i);
        }
        if (!canRepeat) throw new PosixRegexError(`${c} has nothing to repeat`, i);
        out += c;
        i++;
        lastWasQuantifier = true;
        continue;
      }
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (m) {
          if (!canRepeat) throw new PosixRegexError('interval has nothing to repeat', i);
          if (lastWasQuantifier) throw new PosixRegexError('repeated quantifier', i);
          const lo = Number(m[1]);
          if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < lo) {
            throw new PosixRegexError('invalid interval: maximum below minimum', i);
          }
          if (lo > 255 || (m[3] !== undefined && m[3] !== '' && Number(m[3]) > 255)) {
            throw new PosixRegexError('interval bound above RE_DUP_MAX (255)', i);
          }
          out += m[0];
          i += m[0].length;
          lastWasQuantifier = true;
          continue;
        }
        out += '\\{';
        i++;
        canRepeat = true;
        lastWasQuantifier = false;
        continue;
      }
      case '.':
        out += newline ? '.' : '[\\s\\S]';
        i++;
        canRepeat = true;
        lastWasQuantifier = false;
        continue;
      case '^':
      case '$':
        out += c;
        i++;
        canRepeat = false;
        lastWasQuantifier = false;
        continue;
      case '}':
      case ']':
      case '/':
        out += '\\' + c;
        i++;
        canRepeat = true;
        lastWasQuantifier = false;
        continue;
      default:
        out += c;
        i++;
        canRepeat = true;
        lastWasQuantifier = false;
    }
  }
  if (depth > 0) throw new PosixRegexError('unmatched (', src.length);
  return out;
}

/** JS flags for a POSIX flag set. */
export function jsFlags(flags: PosixFlags, global = false): string {
  return (flags.icase ? 'i' : '') + (flags.newline ? 'm' : '') + (global ? 'g' : '');
}

/** Compiles a POSIX ERE; throws PosixRegexError with a diagnostic-friendly message. */
export function compilePosixRegex(src: string, flags: PosixFlags = {}, global = false): RegExp {
  const source = translatePosixRegex(src, flags.newline ?? false);
  try {
    return new RegExp(source, jsFlags(flags, global));
  } catch (e) {
    throw new PosixRegexError(`invalid regular expression: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
}

/** undefined when `src` is a valid POSIX ERE, else the error message (with its offset). */
export function validatePosixRegex(src: string): string | undefined {
  try {
    compilePosixRegex(src);
    return undefined;
  } catch (e) {
    if (e instanceof PosixRegexError) return `${e.message} (at offset ${e.offset})`;
    throw e;
  }
}
