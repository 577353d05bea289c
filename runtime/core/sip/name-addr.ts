// name-addr / addr-spec values (From, To, Contact, Route, Record-Route, …): display name, URI, header params.

import { SipSyntaxError } from './errors.js';
import { SipParams, parseHeaderParams } from './params.js';
import { isToken, isWsCode, quote, scanQuoted, scanToken, skipWs, unquote } from './text.js';
import { SipUri } from './uri.js';

export class NameAddr {
  constructor(
    /** Display name, unquoted; undefined when absent. */
    readonly displayName: string | undefined,
    readonly uri: SipUri,
    /** Header parameters (tag, expires, q, …), outside the <>. Treat as read-only. */
    readonly params: SipParams,
    /** Whether the URI was written in <…> (name-addr) rather than bare (addr-spec). */
    readonly bracketed: boolean = true,
    private readonly text?: string,
  ) {}

  get tag(): string | undefined {
    return this.params.get('tag') ?? undefined;
  }

  /** A copy with ";tag=" set. */
  withTag(tag: string): NameAddr {
    const params = this.params.clone();
    params.set('tag', tag);
    return new NameAddr(this.displayName, this.uri, params, true);
  }

  toString(): string {
    if (this.text !== undefined) return this.text;
    let s = '';
    if (this.displayName !== undefined)
      s += (isToken(this.displayName) ? this.displayName : quote(this.displayName)) + ' ';
    return s + '<' + this.uri.toString() + '>' + this.params.toString();
  }
}

/** Parses one name-addr or addr-spec with its params starting at i; returns it and the index after it. */
function parseAt(s: string, i: number): [NameAddr, number] {
  const start = skipWs(s, i);
  i = start;
  let displayName: string | undefined;
  if (s.charCodeAt(i) === 34 /* " */) {
    const end = scanQuoted(s, i);
    displayName = unquote(s.slice(i, end));
    i = skipWs(s, end);
    if (s.charCodeAt(i) !== 60) throw new SipSyntaxError('quoted display name not followed by <URI>');
  } else if (s.charCodeAt(i) !== 60 /* < */) {
    // Either "token token <uri>" or a bare addr-spec; look ahead over tokens to decide.
    let j = i;
    let lastTokenEnd = i;
    for (;;) {
      const e = scanToken(s, j);
      if (e === j) break;
      lastTokenEnd = e;
      j = skipWs(s, e);
    }
    if (j > i && s.charCodeAt(j) === 60) {
      displayName = s.slice(i, lastTokenEnd);
      i = j;
    } else {
      let end = i;
      while (end < s.length) {
        const c = s.charCodeAt(end);
        if (c === 59 /* ; */ || c === 44 /* , */ || isWsCode(c)) break;
        end++;
      }
      const uriText = s.slice(i, end);
      // RFC 3261 §20: a URI with ',', '?' or ';' must be in <>; here ';' and ',' already end it.
      if (uriText.includes('?'))
        throw new SipSyntaxError(`URI with headers must be enclosed in <>: ${JSON.stringify(uriText)}`);
      const uri = SipUri.parse(uriText);
      const params = new SipParams();
      const next = parseHeaderParams(s, end, params);
      return [new NameAddr(undefined, uri, params, false, s.slice(start, next).trimEnd()), next];
    }
  }
  const close = s.indexOf('>', i);
  if (close < 0) throw new SipSyntaxError('unterminated <URI>');
  const uri = SipUri.parse(s.slice(i + 1, close));
  const params = new SipParams();
  const next = parseHeaderParams(s, close + 1, params);
  return [new NameAddr(displayName, uri, params, true, s.slice(start, next).trimEnd()), next];
}

/** Parses a single name-addr/addr-spec value (From, To, Refer-To …); throws SipSyntaxError. */
export function parseNameAddr(s: string): NameAddr {
  const [value, next] = parseAt(s, 0);
  if (skipWs(s, next) !== s.length)
    throw new SipSyntaxError(`unexpected text after address: ${JSON.stringify(s.slice(next, next + 24))}`);
  return value;
}

/** Parses a comma-separated list of name-addr/addr-spec values (Contact, Route, …); empty elements are errors. */
export function parseNameAddrList(s: string): NameAddr[] {
  const out: NameAddr[] = [];
  let i = 0;
  for (;;) {
    const [value, next] = parseAt(s, i);
    out.push(value);
    i = skipWs(s, next);
    if (i >= s.length) return out;
    if (s.charCodeAt(i) !== 44 /* , */)
      throw new SipSyntaxError(`unexpected text in address list: ${JSON.stringify(s.slice(i, i + 24))}`);
    i++;
  }
}
