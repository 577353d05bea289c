// Header names: case-insensitive, with the compact forms of RFC 3261 and its extensions expanded.

/** Compact form → full lower-case name (RFC 3261 §7.3.3, 3265, 3515, 3841, 3892, 4028, 4474). */
const COMPACT_FORMS: ReadonlyMap<string, string> = new Map([
  ['a', 'accept-contact'], // RFC 3841
  ['b', 'referred-by'], // RFC 3892
  ['c', 'content-type'],
  ['d', 'request-disposition'], // RFC 3841
  ['e', 'content-encoding'],
  ['f', 'from'],
  ['i', 'call-id'],
  ['j', 'reject-contact'], // RFC 3841
  ['k', 'supported'],
  ['l', 'content-length'],
  ['m', 'contact'],
  ['n', 'identity-info'], // RFC 4474
  ['o', 'event'], // RFC 3265
  ['r', 'refer-to'], // RFC 3515
  ['s', 'subject'],
  ['t', 'to'],
  ['u', 'allow-events'], // RFC 3265
  ['v', 'via'],
  ['x', 'session-expires'], // RFC 4028
  ['y', 'identity'], // RFC 4474
]);

/** Canonical spelling used when we write a header name ourselves. */
const DISPLAY_NAMES: ReadonlyMap<string, string> = new Map([
  ['call-id', 'Call-ID'],
  ['cseq', 'CSeq'],
  ['www-authenticate', 'WWW-Authenticate'],
  ['mime-version', 'MIME-Version'],
  ['rack', 'RAck'],
  ['rseq', 'RSeq'],
  ['sip-etag', 'SIP-ETag'],
  ['sip-if-match', 'SIP-If-Match'],
]);

/** Headers whose value is a comma-separated list (RFC 3261 §7.3.1); others (Date, auth headers…) are never split. */
const LIST_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-contact',
  'accept-encoding',
  'accept-language',
  'alert-info',
  'allow',
  'allow-events',
  'call-info',
  'contact',
  'content-encoding',
  'content-language',
  'error-info',
  'in-reply-to',
  'p-asserted-identity',
  'p-preferred-identity',
  'path',
  'proxy-require',
  'reason',
  'record-route',
  'reject-contact',
  'request-disposition',
  'require',
  'route',
  'security-client',
  'security-server',
  'security-verify',
  'service-route',
  'supported',
  'unsupported',
  'via',
  'warning',
]);

/** Normalises a header name as written on the wire: lower case, compact form expanded. */
export function normalizeHeaderName(name: string): string {
  const lower = name.toLowerCase();
  if (lower.length === 1) return COMPACT_FORMS.get(lower) ?? lower;
  return lower;
}

/** Whether the header's values may be split on top-level commas. */
export function isListHeader(normalizedName: string): boolean {
  return LIST_HEADERS.has(normalizedName);
}

/** Pretty spelling of a normalised name: "call-id" → "Call-ID", "max-forwards" → "Max-Forwards". */
export function displayHeaderName(normalizedName: string): string {
  const known = DISPLAY_NAMES.get(normalizedName);
  if (known) return known;
  return normalizedName.replace(/(^|-)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Names common enough to be matched on the raw bytes without allocating a string per field. */
const INTERNED = [
  'via',
  'from',
  'to',
  'call-id',
  'cseq',
  'contact',
  'max-forwards',
  'content-length',
  'content-type',
  'route',
  'record-route',
  'expires',
  'user-agent',
  'server',
  'allow',
  'supported',
  'require',
  'proxy-require',
  'authorization',
  'proxy-authorization',
  'www-authenticate',
  'proxy-authenticate',
  'accept',
  'date',
  'subject',
  'event',
  'path',
  'timestamp',
  'organization',
  'min-expires',
  'retry-after',
  'unsupported',
  'warning',
  'session-expires',
  'min-se',
  'p-asserted-identity',
  'privacy',
  'reason',
  'allow-events',
  'content-encoding',
  'content-disposition',
  'mime-version',
];
const BUCKETS = new Map<number, string[]>();
for (const name of INTERNED) {
  const key = name.length * 128 + name.charCodeAt(0);
  const list = BUCKETS.get(key);
  if (list) list.push(name);
  else BUCKETS.set(key, [name]);
}

function lowerByte(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}

/** normalizeHeaderName for a name still in the receive buffer; common names cost no allocation. */
export function normalizeHeaderNameAt(buf: Buffer, start: number, end: number): string {
  const len = end - start;
  if (len === 1) {
    const letter = String.fromCharCode(lowerByte(buf[start] ?? 0));
    return COMPACT_FORMS.get(letter) ?? letter;
  }
  const list = BUCKETS.get(len * 128 + lowerByte(buf[start] ?? 0));
  if (list) {
    outer: for (const candidate of list) {
      for (let k = 1; k < len; k++) {
        if (lowerByte(buf[start + k] ?? 0) !== candidate.charCodeAt(k)) continue outer;
      }
      return candidate;
    }
  }
  return buf.toString('latin1', start, end).toLowerCase();
}
