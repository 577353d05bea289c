// Via values: "SIP/2.0/UDP host:port;branch=…;received=…;rport".

import { SipSyntaxError } from './errors.js';
import { SipParams, parseHeaderParams } from './params.js';
import { parseBoundedUint, scanToken, skipWs } from './text.js';

/** RFC 3261 branch prefix that marks a transaction id unique per request. */
export const MAGIC_COOKIE = 'z9hG4bK';

export class Via {
  constructor(
    /** Upper-case transport token: UDP, TCP, TLS, SCTP, WS, or anything else received. */
    readonly transport: string,
    /** Sent-by host as written; IPv6 keeps its brackets. */
    readonly host: string,
    readonly port: number | undefined,
    /** Treat as read-only; use withParams() to change. */
    readonly params: SipParams,
    readonly protocol: string = 'SIP',
    readonly version: string = '2.0',
  ) {}

  get branch(): string | undefined {
    return this.params.get('branch') ?? undefined;
  }

  /** Whether the branch carries the RFC 3261 magic cookie (else RFC 2543 matching applies). */
  get hasMagicCookie(): boolean {
    const b = this.branch;
    return b !== undefined && b.startsWith(MAGIC_COOKIE);
  }

  get received(): string | undefined {
    return this.params.get('received') ?? undefined;
  }

  /** rport: true when present as a flag (request asks for it), its number when filled in, undefined when absent. */
  get rport(): number | true | undefined {
    const v = this.params.get('rport');
    if (v === undefined) return undefined;
    if (v === null || v === '') return true;
    const n = Number(v);
    return Number.isInteger(n) && n > 0 && n <= 65535 ? n : true;
  }

  get maddr(): string | undefined {
    return this.params.get('maddr') ?? undefined;
  }

  get ttl(): number | undefined {
    const v = this.params.get('ttl');
    return v ? Number(v) : undefined;
  }

  /** Host without IPv6 brackets. */
  get hostname(): string {
    return this.host.startsWith('[') ? this.host.slice(1, -1) : this.host;
  }

  /** A copy with parameters set (null = flag) or removed (undefined). */
  withParams(changes: Iterable<readonly [string, string | null | undefined]>): Via {
    const params = this.params.clone();
    for (const [name, value] of changes) {
      if (value === undefined) params.delete(name);
      else params.set(name, value);
    }
    return new Via(this.transport, this.host, this.port, params, this.protocol, this.version);
  }

  toString(): string {
    const port = this.port === undefined ? '' : ':' + String(this.port);
    return `${this.protocol}/${this.version}/${this.transport} ${this.host}${port}${this.params.toString()}`;
  }
}

function isHostCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95
  );
}

function expectSlash(s: string, i: number): number {
  i = skipWs(s, i);
  if (s.charCodeAt(i) !== 47 /* / */)
    throw new SipSyntaxError(`Via: expected '/' at ${JSON.stringify(s.slice(i, i + 16))}`);
  return skipWs(s, i + 1);
}

function readToken(s: string, i: number, what: string): [string, number] {
  const end = scanToken(s, i);
  if (end === i) throw new SipSyntaxError(`Via: missing ${what}`);
  return [s.slice(i, end), end];
}

function parseViaAt(s: string, i: number): [Via, number] {
  i = skipWs(s, i);
  const [protocol, a] = readToken(s, i, 'protocol name');
  const [version, b] = readToken(s, expectSlash(s, a), 'protocol version');
  const [transport, c] = readToken(s, expectSlash(s, b), 'transport');
  i = skipWs(s, c);
  if (i === c) throw new SipSyntaxError('Via: no space before sent-by');
  let host: string;
  if (s.charCodeAt(i) === 91 /* [ */) {
    const close = s.indexOf(']', i);
    if (close < 0) throw new SipSyntaxError('Via: unterminated IPv6 reference');
    host = s.slice(i, close + 1);
    i = close + 1;
  } else {
    const start = i;
    while (i < s.length && isHostCode(s.charCodeAt(i))) i++;
    host = s.slice(start, i);
    if (host.length === 0) throw new SipSyntaxError('Via: missing sent-by host');
  }
  i = skipWs(s, i);
  let port: number | undefined;
  if (s.charCodeAt(i) === 58 /* : */) {
    i = skipWs(s, i + 1);
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    port = parseBoundedUint(s.slice(start, i), 65535, 'Via port');
  }
  const params = new SipParams();
  i = parseHeaderParams(s, i, params);
  return [new Via(transport.toUpperCase(), host, port, params, protocol.toUpperCase(), version), i];
}

/** Parses a Via header value (one or more comma-separated via-parms); throws SipSyntaxError. */
export function parseViaList(s: string): Via[] {
  const out: Via[] = [];
  let i = 0;
  for (;;) {
    const [via, next] = parseViaAt(s, i);
    out.push(via);
    i = skipWs(s, next);
    if (i >= s.length) return out;
    if (s.charCodeAt(i) !== 44 /* , */)
      throw new SipSyntaxError(`Via: unexpected ${JSON.stringify(s.slice(i, i + 16))}`);
    i++;
  }
}

/** Parses exactly one via-parm. */
export function parseVia(s: string): Via {
  const list = parseViaList(s);
  if (list.length !== 1) throw new SipSyntaxError('expected a single Via value');
  return list[0] as Via;
}
