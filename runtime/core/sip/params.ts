// Ordered parameter lists (";name=value") with case-insensitive names, kept in arrays so that
// attacker-chosen names such as "__proto__" are plain data, never object keys.

import { SipSyntaxError } from './errors.js';
import { isTokenCode, isWsCode, scanQuoted, scanToken, skipWs, unquote } from './text.js';

export class SipParams {
  /** Flat triples [name as written, lower-case name, value]; allocated on first append (most lists stay empty). */
  private items: (string | null)[] | undefined;

  /** Builds a list from [name, value] pairs; a null value is a flag parameter (";lr"). */
  static of(entries: Iterable<readonly [string, string | null]>): SipParams {
    const p = new SipParams();
    for (const [name, value] of entries) p.append(name, value);
    return p;
  }

  get size(): number {
    return this.items ? this.items.length / 3 : 0;
  }

  private indexOf(name: string): number {
    const items = this.items;
    if (!items) return -1;
    const key = name.toLowerCase();
    for (let i = 1; i < items.length; i += 3) if (items[i] === key) return i - 1;
    return -1;
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  /** The value as written (quotes kept), null for a flag, undefined when absent. */
  get(name: string): string | null | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : (this.items?.[i + 2] ?? null);
  }

  /** The value with surrounding quotes removed, null for a flag, undefined when absent. */
  getUnquoted(name: string): string | null | undefined {
    const v = this.get(name);
    if (v && v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34) return unquote(v);
    return v;
  }

  append(name: string, value: string | null): void {
    if (!this.items) this.items = [];
    this.items.push(name, name.toLowerCase(), value);
  }

  /** Replaces the first parameter of that name in place, or appends it. */
  set(name: string, value: string | null): void {
    const i = this.indexOf(name);
    if (i < 0 || !this.items) this.append(name, value);
    else this.items[i + 2] = value;
  }

  delete(name: string): void {
    const items = this.items;
    if (!items) return;
    const key = name.toLowerCase();
    for (let i = items.length - 3; i >= 0; i -= 3) if (items[i + 1] === key) items.splice(i, 3);
  }

  clone(): SipParams {
    const p = new SipParams();
    if (this.items) p.items = this.items.slice();
    return p;
  }

  /** [name as written, value] pairs in order. */
  entries(): [string, string | null][] {
    const out: [string, string | null][] = [];
    const items = this.items ?? [];
    for (let i = 0; i < items.length; i += 3) out.push([items[i] ?? '', items[i + 2] ?? null]);
    return out;
  }

  /** ";a=b;c" form. */
  toString(): string {
    let out = '';
    const items = this.items ?? [];
    for (let i = 0; i < items.length; i += 3) {
      const v = items[i + 2];
      out += ';' + (items[i] ?? '') + (v === null || v === undefined ? '' : '=' + v);
    }
    return out;
  }
}

/** Characters accepted in an unquoted header-parameter value (token plus what hosts and IPv6 need). */
function isParamValueCode(c: number): boolean {
  return isTokenCode(c) || c === 58 /* : */ || c === 91 /* [ */ || c === 93 /* ] */ || c === 47; /* / */
}

/**
 * Reads header parameters (";name[=value]"…, LWS allowed around ';' and '=') starting at i into out.
 * Returns the index of the first character that is not part of the parameters (after trailing LWS).
 * An empty name (";;") is an error.
 */
export function parseHeaderParams(s: string, i: number, out: SipParams): number {
  i = skipWs(s, i);
  while (i < s.length && s.charCodeAt(i) === 59 /* ; */) {
    i = skipWs(s, i + 1);
    const nameEnd = scanToken(s, i);
    if (nameEnd === i)
      throw new SipSyntaxError(`empty or invalid parameter name at ${JSON.stringify(s.slice(i, i + 16))}`);
    const name = s.slice(i, nameEnd);
    i = skipWs(s, nameEnd);
    let value: string | null = null;
    if (i < s.length && s.charCodeAt(i) === 61 /* = */) {
      i = skipWs(s, i + 1);
      if (i < s.length && s.charCodeAt(i) === 34) {
        const end = scanQuoted(s, i);
        value = s.slice(i, end);
        i = end;
      } else {
        let end = i;
        while (end < s.length && isParamValueCode(s.charCodeAt(end))) end++;
        if (end === i) throw new SipSyntaxError(`parameter ${name} has an empty value`);
        value = s.slice(i, end);
        i = end;
      }
    }
    out.append(name, value);
    i = skipWs(s, i);
  }
  return i;
}

/** True when only LWS remains from i. */
export function atEnd(s: string, i: number): boolean {
  while (i < s.length) {
    if (!isWsCode(s.charCodeAt(i))) return false;
    i++;
  }
  return true;
}
