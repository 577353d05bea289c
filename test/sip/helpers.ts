// Small helpers for the SIP message tests.

import { parseMessage, type SipLimits, type SipMessage } from '../../runtime/core/sip/index.js';

/** Joins lines with CRLF, adds the blank line and the body. */
export function wire(lines: string[], body: string | Buffer = ''): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8'), b]);
}

/** Parses and fails the test with the parser's detail when rejected. */
export function mustParse(buf: Buffer, limits?: Partial<SipLimits>): SipMessage {
  const r = parseMessage(buf, limits);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error.status} ${r.error.detail}`);
  return r.message;
}

export const BASE_HEADERS = [
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKbase1;rport',
  'From: "Alice" <sip:alice@example.com>;tag=fa1',
  'To: <sip:bob@example.com>',
  'Call-ID: base-call@192.0.2.1',
  'CSeq: 7 OPTIONS',
  'Max-Forwards: 70',
];

export function options(extra: string[] = [], body = ''): Buffer {
  return wire(
    [
      'OPTIONS sip:bob@example.com SIP/2.0',
      ...BASE_HEADERS,
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
    ],
    body,
  );
}
