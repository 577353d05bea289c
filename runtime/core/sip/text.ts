// Character classes and small scanners shared by the component parsers. All are linear, no regex backtracking.

import { SipSyntaxError } from './errors.js';

const TOKEN_CHARS = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~") {
  TOKEN_CHARS[ch.charCodeAt(0)] = 1;
}

/** RFC 3261 token character. */
export function isTokenCode(code: number): boolean {
  return code < 128 && TOKEN_CHARS[code] === 1;
}

/** Whether the whole string is a non-empty RFC 3261 token. */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTokenCode(s.charCodeAt(i))) return false;
  return true;
}

/** Space or tab (header values are unfolded before component parsing, so LWS is just these). */
export function isWsCode(code: number): boolean {
  return code === 32 || code === 9;
}

export function skipWs(s: string, i: number): number {
  while (i < s.length && isWsCode(s.charCodeAt(i))) i++;
  return i;
}

/** Index just past a run of token characters starting at i. */
export function scanToken(s: string, i: number): number {
  while (i < s.length && isTokenCode(s.charCodeAt(i))) i++;
  return i;
}

/** Index just past the quoted-string starting at s[i] === '"', or -1 when it is not terminated. */
function quotedEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 92 /* \ */) {
      j += 2;
      continue;
    }
    if (c === 34 /* " */) return j + 1;
    j++;
  }
  return -1;
}

/** Index just past the quoted-string starting at s[i] === '"', honouring quoted-pairs. */
export function scanQuoted(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 92 /* \ */) {
      j += 2;
      continue;
    }
    if (c === 34 /* " */) return j + 1;
    j++;
  }
  throw new SipSyntaxError('unterminated quoted string');
}

/** Content of a quoted-string (with its quotes) with quoted-pairs resolved. */
export function unquote(quoted: string): string {
  let out = '';
  for (let i = 1; i < quoted.length - 1; i++) {
    const ch = quoted[i];
    if (ch === '\\' && i + 1 < quoted.length - 1) {
      out += quoted[i + 1];
      i++;
    } else out += ch;
  }
  return out;
}

/** Quotes a display name or parameter value, escaping '"' and '\'. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
  return out + '"';
}

/**
 * Splits a header value on commas that are not inside a quoted string or <…>.
 * Items are trimmed; empty items are kept so callers can reject them. Never throws.
 */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  let angle = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */ && !angle) {
      // An unterminated quote swallows the rest: reads of malformed headers never throw.
      const end = quotedEnd(s, i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === 60 /* < */) {
      angle = true;
    } else if (c === 62 /* > */) {
      angle = false;
    } else if (c === 44 /* , */ && !angle) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Decodes %HH escapes exactly once (invalid escapes stay literal); the bytes are read as UTF-8. */
export function unescapePercent(s: string): string {
  if (s.indexOf('%') < 0) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    if (c < 128) bytes.push(c);
    else for (const b of Buffer.from(s[i] ?? '', 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Escapes every byte of s that is not in `allowed` (a set of ASCII characters besides alphanumerics). */
export function escapePercent(s: string, allowed: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(b);
    const alnum = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
    if (alnum || (b < 128 && allowed.includes(ch))) out += ch;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Parses an unsigned decimal that must not exceed max; leading zeros are allowed, overflow is an error. */
export function parseBoundedUint(s: string, max: number, what: string): number {
  if (s.length === 0) throw new SipSyntaxError(`${what}: empty number`);
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) throw new SipSyntaxError(`${what}: not a number: ${JSON.stringify(s)}`);
    value = value * 10 + (c - 48);
    if (value > max)
      throw new SipSyntaxError(`${what}: ${s.length > 24 ? s.slice(0, 24) + '…' : s} exceeds ${max}`);
  }
  return value;
}
