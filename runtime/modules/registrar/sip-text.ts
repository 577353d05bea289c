// Small, tolerant readers for the header values registrar and msilo look at (name-addr with
// parameters, comma lists, SIP URI parts). They work on raw header text so these modules only
// need `headers(name)` from the message layer.

export interface NameAddr {
  displayName?: string;
  uri: string;
  /** Header parameters (after the URI), names lower-cased; a value-less param maps to undefined. */
  params: Map<string, string | undefined>;
}

/** Splits at `sep` outside double quotes and angle brackets. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let angle = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') angle++;
    else if (ch === '>') angle = Math.max(0, angle - 1);
    else if (ch === sep && angle === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseParams(text: string): Map<string, string | undefined> | undefined {
  const params = new Map<string, string | undefined>();
  for (const raw of splitTopLevel(text, ';')) {
    const p = raw.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    const name = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
    if (!/^[a-z0-9.!%*_+`'~-]+$/.test(name)) return undefined;
    params.set(name, eq < 0 ? undefined : p.slice(eq + 1).trim());
  }
  return params;
}

/** Parses one name-addr or addr-spec (To, From, one Contact entry); undefined when malformed. */
export function parseNameAddr(text: string): NameAddr | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const lt = findUnquoted(s, '<');
  if (lt >= 0) {
    const gt = s.indexOf('>', lt);
    if (gt < 0) return undefined;
    const uri = s.slice(lt + 1, gt).trim();
    if (uri === '') return undefined;
    let display = s.slice(0, lt).trim();
    if (display.startsWith('"') && display.endsWith('"') && display.length >= 2)
      display = display.slice(1, -1);
    const rest = s.slice(gt + 1).trim();
    if (rest !== '' && !rest.startsWith(';')) return undefined;
    const params = parseParams(rest);
    if (!params) return undefined;
    return { ...(display ? { displayName: display } : {}), uri, params };
  }
  // addr-spec: everything after the first ';' is a header parameter (RFC 3261 §20).
  const semi = s.indexOf(';');
  const uri = (semi < 0 ? s : s.slice(0, semi)).trim();
  if (uri === '' || /\s/.test(uri) || !uri.includes(':')) return undefined;
  const params = parseParams(semi < 0 ? '' : s.slice(semi));
  if (!params) return undefined;
  return { uri, params };
}

function findUnquoted(s: string, ch: string): number {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ch) return i;
  }
  return -1;
}

export interface UriParts {
  scheme: string;
  user?: string;
  host: string;
  port?: number;
  /** URI parameters, names lower-cased. */
  params: Map<string, string | undefined>;
}

/** Splits a sip:/sips:/tel: URI; undefined when it does not parse. */
export function parseUri(uri: string): UriParts | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(uri.trim());
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  let rest = m[2]!;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (scheme === 'tel') {
    const semi = rest.indexOf(';');
    const number = semi < 0 ? rest : rest.slice(0, semi);
    const params = parseParams(semi < 0 ? '' : rest.slice(semi));
    if (!number || !params) return undefined;
    return { scheme, user: number, host: '', params };
  }
  if (scheme !== 'sip' && scheme !== 'sips') return undefined;
  const at = rest.lastIndexOf('@', rest.indexOf(';') < 0 ? rest.length : rest.indexOf(';'));
  let user: string | undefined;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    rest = rest.slice(at + 1);
  }
  const semi = rest.indexOf(';');
  const hostport = semi < 0 ? rest : rest.slice(0, semi);
  const params = parseParams(semi < 0 ? '' : rest.slice(semi));
  if (!params) return undefined;
  let host: string;
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) return undefined;
    host = hostport.slice(0, close + 1);
    const after = hostport.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return undefined;
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = hostport.indexOf(':');
    host = colon < 0 ? hostport : hostport.slice(0, colon);
    portText = colon < 0 ? undefined : hostport.slice(colon + 1);
  }
  if (!/^[A-Za-z0-9.\-_[\]:]+$/.test(host)) return undefined;
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return undefined;
    port = Number(portText);
  }
  return {
    scheme,
    ...(user !== undefined && user !== '' ? { user } : {}),
    host,
    ...(port !== undefined ? { port } : {}),
    params,
  };
}

/** True when the host is an IPv4 or bracketed IPv6 literal. */
export function isIpHost(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

/** Undoes %XX escapes in a URI user part; undefined on a malformed escape. */
export function unescapeUser(user: string): string | undefined {
  if (!user.includes('%')) return user;
  if (/%(?![0-9a-fA-F]{2})/.test(user)) return undefined;
  return user.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Unquotes a parameter value given as a quoted-string. */
export function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
