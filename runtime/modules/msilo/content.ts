// What m_store keeps of a MESSAGE and how m_dump presents it again (Kamailio msilo.c/msfuncs.c).
import { ctime } from './time-format.js';
import type { MsiloFlavor } from './config.js';

/** Headers Kamailio's parser knows by type; everything else (HDR_OTHER) is kept as extra header. */
const KNOWN_HEADERS = new Set([
  'via',
  'to',
  'from',
  'cseq',
  'call-id',
  'contact',
  'max-forwards',
  'route',
  'record-route',
  'content-type',
  'content-length',
  'authorization',
  'expires',
  'proxy-authorization',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'allow',
  'event',
  'accept',
  'accept-language',
  'organization',
  'priority',
  'subject',
  'user-agent',
  'server',
  'content-disposition',
  'diversion',
  'remote-party-id',
  'refer-to',
  'session-expires',
  'min-se',
  'subscription-state',
  'accept-contact',
  'allow-events',
  'content-encoding',
  'referred-by',
  'reject-contact',
  'request-disposition',
  'www-authenticate',
  'proxy-authenticate',
  'date',
  'identity',
  'identity-info',
  'retry-after',
  'path',
  'reason',
  'min-expires',
  'call-info',
  'sip-if-match',
]);
/** Known to the parser, but kept anyway: the caller's asserted identity and privacy wishes. */
const KEPT_KNOWN = new Set(['p-asserted-identity', 'p-preferred-identity', 'privacy']);

const COMPACT: Readonly<Record<string, string>> = {
  v: 'via',
  t: 'to',
  f: 'from',
  i: 'call-id',
  m: 'contact',
  c: 'content-type',
  l: 'content-length',
  k: 'supported',
  o: 'event',
  s: 'subject',
  r: 'refer-to',
  x: 'session-expires',
  a: 'accept-contact',
  u: 'allow-events',
  e: 'content-encoding',
  b: 'referred-by',
  j: 'reject-contact',
  d: 'request-disposition',
  y: 'identity',
  n: 'identity-info',
};

/** Size of Kamailio's buffers for stored headers and for a composed body. */
export const MSILO_BUFFER = 1024;

/** Stored content type: "text/plain" for text/plain and message/cpim, else bare type/subtype. */
export function storedContentType(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const bare = header.split(';')[0]!.trim();
  if (!/^[^\s/]+\/[^\s/]+$/.test(bare)) return undefined;
  const lower = bare.toLowerCase();
  return lower === 'text/plain' || lower === 'message/cpim' ? 'text/plain' : bare;
}

/** Lifetime: expire_time, or a shorter positive Expires header. */
export function storedLifetime(expiresHeader: string | undefined, expireTime: number): number {
  if (expiresHeader === undefined) return expireTime;
  const n = parseInt(expiresHeader.trim(), 10);
  return n > 0 ? Math.min(n, expireTime) : expireTime;
}

function prettyName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/**
 * Extra headers to store: every header Kamailio does not know plus P-Asserted-Identity,
 * P-Preferred-Identity and Privacy, as `Name: value\r\n` lines. Undefined when they do not fit.
 */
export function extraHeaders(
  fields: readonly { readonly name: string; readonly value: string }[],
): string | undefined {
  let out = '';
  for (const f of fields) {
    const lower = f.name.toLowerCase();
    const name = COMPACT[lower] ?? lower;
    if (KNOWN_HEADERS.has(name) && !KEPT_KNOWN.has(name)) continue;
    const display = f.name.length > 1 && f.name !== lower ? f.name : prettyName(name);
    out += `${display}: ${f.value}\r\n`;
  }
  return Buffer.byteLength(out) < MSILO_BUFFER ? out : undefined;
}

/**
 * Body of a dumped message: `[Offline message - <ctime>] ` + body when add_date is on, the
 * stored type is exactly text/plain (SER: any type) and the result fits the 1024-byte buffer;
 * the stored body unchanged otherwise.
 */
export function offlineBody(
  body: Buffer,
  ctype: string,
  incTime: number,
  addDate: boolean,
  flavor: MsiloFlavor,
  label = 'Offline',
): Buffer {
  const textual = flavor === 'ser' || ctype === 'text/plain';
  const prefix = `[${label} message - ${ctime(incTime)}] `;
  if (!addDate || !textual || body.length === 0 || body.length + Buffer.byteLength(prefix) > MSILO_BUFFER)
    return body;
  return Buffer.concat([Buffer.from(prefix), body]);
}

/** Splits a modparam holding full header lines ("Contact: <…>\r\n") into lines without CRLF. */
export function headerLines(block: string): string[] {
  return block
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
}
