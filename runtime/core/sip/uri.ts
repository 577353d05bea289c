// URIs: sip/sips fully parsed (user, password, host incl. IPv6, port, params, headers), tel parsed into
// number + params, any other scheme kept opaque. toString() returns the text as received.

import { SipSyntaxError } from './errors.js';
import { SipParams } from './params.js';
import { escapePercent, parseBoundedUint, unescapePercent } from './text.js';

const UNRESERVED_MARKS = "-_.!~*'()";
const USER_ALLOWED = UNRESERVED_MARKS + '&=+$,;?/';
const PASSWORD_ALLOWED = UNRESERVED_MARKS + '&=+$,';
const PARAM_ALLOWED = UNRESERVED_MARKS + '[]/:&+$';
const HEADER_ALLOWED = UNRESERVED_MARKS + '[]/?:+$';

export interface SipUriParts {
  scheme?: 'sip' | 'sips';
  user?: string;
  password?: string;
  /** Host name, IPv4 address, or IPv6 address with or without brackets. */
  host: string;
  port?: number;
  params?: Iterable<readonly [string, string | null]>;
  headers?: Iterable<readonly [string, string]>;
}

export class SipUri {
  /** Use SipUri.parse or SipUri.from. */
  constructor(
    /** Lower-case scheme: "sip", "sips", "tel", or any other. */
    readonly scheme: string,
    /** User part with %HH decoded once (for tel: the number). */
    readonly user: string | undefined,
    readonly password: string | undefined,
    /** Host as written; IPv6 references keep their brackets. Empty for tel and opaque URIs. */
    readonly host: string,
    readonly port: number | undefined,
    /** URI parameters, names and values decoded once. Treat as read-only; use with() to change. */
    readonly params: SipParams,
    /** URI headers (after '?'), decoded once. Treat as read-only. */
    readonly headers: SipParams,
    /** For schemes other than sip/sips/tel: everything after "scheme:". */
    readonly opaque: string | undefined,
    private readonly text: string,
  ) {}

  /** Parses a URI; throws SipSyntaxError when malformed. */
  static parse(text: string): SipUri {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c <= 32 || c === 127 || c === 60 /* < */ || c === 62 /* > */ || c === 34 /* " */) {
        throw new SipSyntaxError(`URI contains an illegal character: ${JSON.stringify(text)}`);
      }
    }
    const colon = text.indexOf(':');
    if (colon <= 0) throw new SipSyntaxError(`URI has no scheme: ${JSON.stringify(text)}`);
    const scheme = text.slice(0, colon).toLowerCase();
    if (!isScheme(scheme)) throw new SipSyntaxError(`invalid URI scheme ${JSON.stringify(scheme)}`);
    const rest = text.slice(colon + 1);
    if (rest.length === 0) throw new SipSyntaxError('URI is empty after the scheme');
    if (scheme === 'sip' || scheme === 'sips') return parseSipRest(scheme, rest, text);
    if (scheme === 'tel') return parseTelRest(rest, text);
    return new SipUri(
      scheme,
      undefined,
      undefined,
      '',
      undefined,
      new SipParams(),
      new SipParams(),
      rest,
      text,
    );
  }

  /** Like parse, but undefined instead of an exception. */
  static tryParse(text: string): SipUri | undefined {
    try {
      return SipUri.parse(text);
    } catch {
      return undefined;
    }
  }

  /** Builds a sip/sips URI from decoded parts, escaping what needs escaping. */
  static from(parts: SipUriParts): SipUri {
    let s = (parts.scheme ?? 'sip') + ':';
    if (parts.user !== undefined) {
      s += escapePercent(parts.user, USER_ALLOWED);
      if (parts.password !== undefined) s += ':' + escapePercent(parts.password, PASSWORD_ALLOWED);
      s += '@';
    }
    s += parts.host.includes(':') && !parts.host.startsWith('[') ? `[${parts.host}]` : parts.host;
    if (parts.port !== undefined) s += ':' + String(parts.port);
    for (const [name, value] of parts.params ?? []) {
      s +=
        ';' +
        escapePercent(name, PARAM_ALLOWED) +
        (value === null ? '' : '=' + escapePercent(value, PARAM_ALLOWED));
    }
    let sep = '?';
    for (const [name, value] of parts.headers ?? []) {
      s += sep + escapePercent(name, HEADER_ALLOWED) + '=' + escapePercent(value, HEADER_ALLOWED);
      sep = '&';
    }
    return SipUri.parse(s);
  }

  /** A copy with some parts replaced (sip/sips only). */
  with(changes: Partial<SipUriParts>): SipUri {
    if (!this.isSip) throw new SipSyntaxError(`cannot rebuild a ${this.scheme}: URI`);
    return SipUri.from({
      scheme: this.scheme === 'sips' ? 'sips' : 'sip',
      user: this.user,
      password: this.password,
      host: this.host,
      port: this.port,
      params: this.params.entries(),
      headers: this.headers.entries().map(([n, v]): [string, string] => [n, v ?? '']),
      ...changes,
    });
  }

  get isSip(): boolean {
    return this.scheme === 'sip' || this.scheme === 'sips';
  }

  get isIPv6(): boolean {
    return this.host.startsWith('[');
  }

  /** Host without IPv6 brackets, as a socket API wants it. */
  get hostname(): string {
    return this.isIPv6 ? this.host.slice(1, -1) : this.host;
  }

  /** The transport parameter, lower case, if any. */
  get transport(): string | undefined {
    const t = this.params.get('transport');
    return t ? t.toLowerCase() : undefined;
  }

  /** Loose-routing flag (";lr"). */
  get lr(): boolean {
    return this.params.has('lr');
  }

  toString(): string {
    return this.text;
  }
}

function isScheme(s: string): boolean {
  const first = s.charCodeAt(0);
  if (!(first >= 97 && first <= 122)) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
    if (!ok) return false;
  }
  return true;
}

function isHostnameCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95
  );
}

function isIPv6Code(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 46;
}

/** Reads ";name=value" URI parameters (no LWS allowed), decoding once. */
function parseUriParams(s: string, out: SipParams): void {
  if (s.length === 0) return;
  for (const part of s.split(';')) {
    if (part.length === 0) throw new SipSyntaxError('empty URI parameter');
    const eq = part.indexOf('=');
    if (eq === 0) throw new SipSyntaxError('URI parameter without a name');
    if (eq < 0) out.append(unescapePercent(part), null);
    else out.append(unescapePercent(part.slice(0, eq)), unescapePercent(part.slice(eq + 1)));
  }
}

function parseUriHeaders(s: string, out: SipParams): void {
  for (const part of s.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new SipSyntaxError(`malformed URI header ${JSON.stringify(part)}`);
    out.append(unescapePercent(part.slice(0, eq)), unescapePercent(part.slice(eq + 1)));
  }
}

function parseSipRest(scheme: string, rest: string, text: string): SipUri {
  let user: string | undefined;
  let password: string | undefined;
  let i = 0;
  // '@' cannot appear unescaped after the userinfo, so the first one ends it (the user may hold ';' and '?').
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (at === 0) throw new SipSyntaxError('empty user part before @');
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) {
      user = unescapePercent(userinfo.slice(0, colon));
      password = unescapePercent(userinfo.slice(colon + 1));
    } else user = unescapePercent(userinfo);
    i = at + 1;
  }
  let host: string;
  if (rest.charCodeAt(i) === 91 /* [ */) {
    const close = rest.indexOf(']', i);
    if (close < 0) throw new SipSyntaxError('unterminated IPv6 reference');
    for (let j = i + 1; j < close; j++) {
      if (!isIPv6Code(rest.charCodeAt(j))) throw new SipSyntaxError('invalid IPv6 reference');
    }
    if (close === i + 1) throw new SipSyntaxError('empty IPv6 reference');
    host = rest.slice(i, close + 1);
    i = close + 1;
  } else {
    const start = i;
    while (i < rest.length && isHostnameCode(rest.charCodeAt(i))) i++;
    host = rest.slice(start, i);
    if (host.length === 0) throw new SipSyntaxError(`URI has no host: ${JSON.stringify(text)}`);
  }
  let port: number | undefined;
  if (rest.charCodeAt(i) === 58 /* : */) {
    const start = ++i;
    while (i < rest.length && rest.charCodeAt(i) >= 48 && rest.charCodeAt(i) <= 57) i++;
    port = parseBoundedUint(rest.slice(start, i), 65535, 'URI port');
  }
  if (i < rest.length && rest.charCodeAt(i) !== 59 /* ; */ && rest.charCodeAt(i) !== 63 /* ? */) {
    throw new SipSyntaxError(
      `unexpected ${JSON.stringify(rest[i])} in URI host part: ${JSON.stringify(text)}`,
    );
  }
  const params = new SipParams();
  const headers = new SipParams();
  const q = rest.indexOf('?', i);
  const paramText = q < 0 ? rest.slice(i) : rest.slice(i, q);
  if (paramText.length > 0) parseUriParams(paramText.slice(1), params);
  if (q >= 0) parseUriHeaders(rest.slice(q + 1), headers);
  return new SipUri(scheme, user, password, host, port, params, headers, undefined, text);
}

function parseTelRest(rest: string, text: string): SipUri {
  const semi = rest.indexOf(';');
  const number = semi < 0 ? rest : rest.slice(0, semi);
  if (number.length === 0) throw new SipSyntaxError('tel: URI without a number');
  const params = new SipParams();
  if (semi >= 0) parseUriParams(rest.slice(semi + 1), params);
  return new SipUri(
    'tel',
    unescapePercent(number),
    undefined,
    '',
    undefined,
    params,
    new SipParams(),
    undefined,
    text,
  );
}
