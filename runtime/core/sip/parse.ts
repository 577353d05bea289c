// parseMessage: bytes → SipMessage or a SipParseError. Never throws. Single pass over the header
// lines on bytes (no regex on attacker input), then the routing headers are parsed and checked.

import { parseCSeq, type CSeq } from './cseq.js';
import { SipSyntaxError, type SipParseError } from './errors.js';
import { HeaderTable, decodeValue } from './header-table.js';
import { normalizeHeaderNameAt } from './header-names.js';
import { resolveLimits, type SipLimits } from './limits.js';
import { SipMessage } from './message.js';
import { parseNameAddr, parseNameAddrList, type NameAddr } from './name-addr.js';
import { isToken, isTokenCode, parseBoundedUint } from './text.js';
import { SipUri } from './uri.js';
import { parseViaList, type Via } from './via.js';

export type ParseResult = { ok: true; message: SipMessage } | { ok: false; error: SipParseError };

/** Methods we know; a CSeq mismatch on an unknown method is answered 501 (RFC 4475 §3.1.2.18). */
export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'OPTIONS',
  'REGISTER',
  'PRACK',
  'SUBSCRIBE',
  'NOTIFY',
  'PUBLISH',
  'INFO',
  'REFER',
  'MESSAGE',
  'UPDATE',
]);

/** Internal control flow: carries the error out of the nested parse steps. */
class Reject {
  constructor(readonly error: SipParseError) {}
}

function reject(status: number, reason: string, detail: string): never {
  throw new Reject({ status, reason, detail });
}

function startsWithSipSlash(buf: Buffer, pos: number): boolean {
  return (
    buf.length >= pos + 4 &&
    (buf[pos] === 0x53 || buf[pos] === 0x73) &&
    (buf[pos + 1] === 0x49 || buf[pos + 1] === 0x69) &&
    (buf[pos + 2] === 0x50 || buf[pos + 2] === 0x70) &&
    buf[pos + 3] === 0x2f
  );
}

/** "SIP/x.y" → [major, minor], or undefined when not a SIP version. */
function parseVersion(v: string): [number, number] | undefined {
  if (v.length < 7 || v.slice(0, 4).toUpperCase() !== 'SIP/') return undefined;
  const dot = v.indexOf('.', 4);
  if (dot < 0) return undefined;
  const major = v.slice(4, dot);
  const minor = v.slice(dot + 1);
  if (!/^\d{1,3}$/.test(major) || !/^\d{1,3}$/.test(minor)) return undefined;
  return [Number(major), Number(minor)];
}

/** Parses one complete SIP message (a datagram, or one framed stream message). */
export function parseMessage(buf: Buffer, limits?: Partial<SipLimits>): ParseResult {
  try {
    return { ok: true, message: parseOrThrow(buf, resolveLimits(limits)) };
  } catch (e) {
    if (e instanceof Reject) return { ok: false, error: e.error };
    // A bug in this layer must not take the server down: report it like a malformed message
    // (400 for what looks like a request, a silent drop for a response).
    const detail = `internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    let status = 400;
    try {
      if (startsWithSipSlash(buf, 0)) status = 0;
    } catch {
      status = 0;
    }
    return { ok: false, error: { status, reason: 'Bad Request', detail } };
  }
}

/** Malformed requests get 400; malformed responses (status 0) are dropped. */
function bad(status: number, detail: string): never {
  return reject(status, 'Bad Request', detail);
}

// Slots of the single-valued routing headers (RFC 4475 §3.3.8/§3.3.9: they must not repeat).
const H_CALL_ID = 0;
const H_CSEQ = 1;
const H_FROM = 2;
const H_TO = 3;
const H_MAX_FORWARDS = 4;
const H_CONTENT_LENGTH = 5;
const SINGLE_NAMES = ['call-id', 'cseq', 'from', 'to', 'max-forwards', 'content-length'];

function singleSlot(name: string): number {
  switch (name) {
    case 'call-id':
      return H_CALL_ID;
    case 'cseq':
      return H_CSEQ;
    case 'from':
      return H_FROM;
    case 'to':
      return H_TO;
    case 'max-forwards':
      return H_MAX_FORWARDS;
    case 'content-length':
      return H_CONTENT_LENGTH;
    default:
      return -1;
  }
}

/** Decodes field i once and remembers it (the message keeps the cache). */
function valueOf(buf: Buffer, headers: HeaderTable, values: (string | undefined)[], i: number): string {
  let v = values[i];
  if (v === undefined) {
    v = decodeValue(buf, headers.valueStart(i), headers.valueEnd(i));
    values[i] = v;
  }
  return v;
}

function parseOrThrow(buf: Buffer, limits: SipLimits): SipMessage {
  let pos = 0;
  // RFC 3261 §7.5: CRLFs before the start line are ignored.
  while (pos < buf.length && (buf[pos] === 13 || buf[pos] === 10)) pos++;
  if (pos >= buf.length) reject(0, '', 'empty message');
  const isResponse = startsWithSipSlash(buf, pos);
  const badStatus = isResponse ? 0 : 400;

  if (buf.length > limits.maxMessageSize) {
    reject(
      isResponse ? 0 : 513,
      'Message Too Large',
      `message of ${buf.length} bytes exceeds ${limits.maxMessageSize}`,
    );
  }

  // ---- start line ----
  const lf = buf.indexOf(10, pos);
  if (lf < 0) bad(badStatus, 'no line break after the start line');
  const startLineEnd = lf + 1;
  const lineEnd = lf > pos && buf[lf - 1] === 13 ? lf - 1 : lf;
  if (lineEnd - pos > limits.maxHeaderLength) {
    bad(badStatus, `start line longer than ${limits.maxHeaderLength} bytes`);
  }
  const line = buf.toString('utf8', pos, lineEnd);
  if (line.includes('\r')) bad(badStatus, 'bare CR in the start line');

  let method = '';
  let requestUri: SipUri | undefined;
  let status = 0;
  let reason = '';
  let version: string;
  if (isResponse) {
    const sp1 = line.indexOf(' ');
    if (sp1 < 0) bad(0, 'status line without status code');
    version = line.slice(0, sp1);
    const sp2 = line.indexOf(' ', sp1 + 1);
    const code = sp2 < 0 ? line.slice(sp1 + 1) : line.slice(sp1 + 1, sp2);
    if (!/^\d{3}$/.test(code)) bad(0, `invalid status code ${JSON.stringify(code.slice(0, 16))}`);
    status = Number(code);
    if (status < 100 || status > 699) bad(0, `status code ${status} out of range`);
    reason = sp2 < 0 ? '' : line.slice(sp2 + 1);
    const v = parseVersion(version);
    if (!v || v[0] !== 2 || v[1] !== 0) bad(0, `unsupported version ${JSON.stringify(version)}`);
  } else {
    const sp1 = line.indexOf(' ');
    if (sp1 <= 0) bad(400, 'request line without method');
    method = line.slice(0, sp1);
    if (!isToken(method)) bad(400, `invalid method ${JSON.stringify(method.slice(0, 32))}`);
    const sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 < 0) bad(400, 'request line without SIP version');
    version = line.slice(sp2 + 1);
    const v = parseVersion(version);
    if (!v) {
      const why = version.includes(' ')
        ? 'extra whitespace in the request line or Request-URI'
        : 'invalid SIP version';
      bad(400, `${why}: ${JSON.stringify(version.slice(0, 32))}`);
    }
    if (v[0] !== 2 || v[1] !== 0) {
      reject(505, 'Version Not Supported', `SIP version ${version} is not supported`);
    }
    const uriText = line.slice(sp1 + 1, sp2);
    if (uriText.length === 0) bad(400, 'empty Request-URI (extra space in the request line?)');
    if (uriText.charCodeAt(0) === 60) bad(400, 'Request-URI must not be enclosed in <>');
    try {
      requestUri = SipUri.parse(uriText);
    } catch (e) {
      if (e instanceof SipSyntaxError) bad(400, `Request-URI: ${e.message}`);
      throw e;
    }
    if (requestUri.headers.size > 0) bad(400, 'Request-URI must not carry headers (?…)');
  }

  // ---- header lines ----
  const headers = new HeaderTable();
  const single = [-1, -1, -1, -1, -1, -1];
  let viaCount = 0;
  let contactCount = 0;
  let p = startLineEnd;
  let bodyStart = buf.length;
  let fieldStart = -1;
  for (;;) {
    if (p >= buf.length) break; // headers end with the datagram (no blank line)
    const nl = buf.indexOf(10, p);
    const next = nl < 0 ? buf.length : nl + 1;
    let contentEnd = nl < 0 ? buf.length : nl;
    if (contentEnd > p && buf[contentEnd - 1] === 13) contentEnd--;
    if (contentEnd === p) {
      bodyStart = next;
      break;
    }
    // A bare CR inside a line would become a line break for the next hop.
    const cr = buf.indexOf(13, p);
    if (cr >= 0 && cr < contentEnd) bad(badStatus, 'bare CR inside a header line');
    const first = buf[p] ?? 0;
    if (first === 32 || first === 9) {
      // Continuation of the previous field (folding).
      const last = headers.count - 1;
      if (last < 0) bad(badStatus, 'header continuation before the first header');
      let s = p;
      while (s < contentEnd && (buf[s] === 32 || buf[s] === 9)) s++;
      let e = contentEnd;
      while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
      if (e > s) {
        if (headers.valueStart(last) === headers.valueEnd(last)) headers.setValueStart(last, s);
        headers.setValueEnd(last, e);
      }
      headers.setLineEnd(last, nl < 0 ? contentEnd : next);
    } else {
      if (headers.count >= limits.maxHeaders) {
        bad(badStatus, `more than ${limits.maxHeaders} header fields`);
      }
      let j = p;
      while (j < contentEnd && isTokenCode(buf[j] ?? 0)) j++;
      const nameEnd = j;
      while (j < contentEnd && (buf[j] === 32 || buf[j] === 9)) j++;
      if (nameEnd === p || buf[j] !== 58 /* : */) {
        const shown = buf.toString('latin1', p, Math.min(contentEnd, p + 40));
        bad(badStatus, `malformed header line ${JSON.stringify(shown)}`);
      }
      let vs = j + 1;
      while (vs < contentEnd && (buf[vs] === 32 || buf[vs] === 9)) vs++;
      let ve = contentEnd;
      while (ve > vs && (buf[ve - 1] === 32 || buf[ve - 1] === 9)) ve--;
      const name = normalizeHeaderNameAt(buf, p, nameEnd);
      if (name === 'via') viaCount++;
      else if (name === 'contact') contactCount++;
      else {
        const slot = singleSlot(name);
        if (slot >= 0) {
          if ((single[slot] ?? -1) >= 0) bad(badStatus, `repeated ${name} header`);
          single[slot] = headers.count;
        }
      }
      // Without a final LF the line ends at its content (a stray CR is left out); the renderer adds CRLF.
      headers.push(name, p, vs, ve, nl < 0 ? contentEnd : next);
      fieldStart = p;
    }
    if (next - fieldStart > limits.maxHeaderLength) {
      bad(badStatus, `header field longer than ${limits.maxHeaderLength} bytes`);
    }
    p = next;
  }

  // ---- routing headers ----
  for (let k = 0; k < H_MAX_FORWARDS; k++) {
    if ((single[k] ?? -1) < 0) bad(badStatus, `missing ${SINGLE_NAMES[k]} header`);
  }
  if (viaCount === 0) bad(badStatus, 'missing via header');
  const values = new Array<string | undefined>(headers.count);

  let what = 'Content-Length';
  try {
    let contentLength: number | undefined;
    let bodyEnd = buf.length;
    const clIndex = single[H_CONTENT_LENGTH] ?? -1;
    if (clIndex >= 0) {
      const clText = valueOf(buf, headers, values, clIndex);
      contentLength = parseBoundedUint(clText, limits.maxMessageSize, 'Content-Length');
      if (bodyStart + contentLength > buf.length) {
        const present = buf.length - bodyStart;
        bad(badStatus, `Content-Length ${contentLength} exceeds the ${present} body bytes present`);
      }
      bodyEnd = bodyStart + contentLength;
    }

    let vias: Via[] = [];
    let contacts: NameAddr[] = [];
    let contactStar = false;
    for (let i = 0; i < headers.count && viaCount + contactCount > 0; i++) {
      const name = headers.names[i];
      if (name === 'via') {
        what = 'Via';
        const list = parseViaList(valueOf(buf, headers, values, i));
        vias = vias.length === 0 ? list : vias.concat(list);
        viaCount--;
      } else if (name === 'contact') {
        what = 'Contact';
        const v = valueOf(buf, headers, values, i);
        if (v === '*') contactStar = true;
        else {
          const list = parseNameAddrList(v);
          contacts = contacts.length === 0 ? list : contacts.concat(list);
        }
        contactCount--;
      }
    }
    if (contactStar && contacts.length > 0) bad(badStatus, 'Contact: * mixed with other contacts');

    const callId = valueOf(buf, headers, values, single[H_CALL_ID] ?? 0);
    if (callId.length === 0 || /\s/.test(callId)) bad(badStatus, 'invalid Call-ID');
    what = 'From';
    const from = parseNameAddr(valueOf(buf, headers, values, single[H_FROM] ?? 0));
    what = 'To';
    const to = parseNameAddr(valueOf(buf, headers, values, single[H_TO] ?? 0));
    what = 'CSeq';
    const cseq: CSeq = parseCSeq(valueOf(buf, headers, values, single[H_CSEQ] ?? 0));
    if (isResponse) method = cseq.method;
    else if (cseq.method !== method) {
      if (KNOWN_METHODS.has(method)) {
        bad(badStatus, `CSeq method ${cseq.method} does not match request method ${method}`);
      }
      const detail = `unknown method ${method} (and CSeq method ${cseq.method} does not match)`;
      reject(501, 'Not Implemented', detail);
    }
    what = 'Max-Forwards';
    const mfIndex = single[H_MAX_FORWARDS] ?? -1;
    const maxForwards =
      mfIndex < 0 ? undefined : parseBoundedUint(valueOf(buf, headers, values, mfIndex), 255, 'Max-Forwards');

    return new SipMessage({
      raw: buf,
      isRequest: !isResponse,
      method,
      requestUri,
      status,
      reason,
      version,
      startLineStart: pos,
      startLineEnd,
      headers,
      values,
      body: buf.subarray(bodyStart, bodyEnd),
      bodyEnd,
      callId,
      cseq,
      from,
      to,
      vias,
      maxForwards,
      contentLength,
      contacts,
      contactStar,
    });
  } catch (e) {
    if (e instanceof SipSyntaxError) {
      bad(badStatus, e.message.startsWith(what) ? e.message : `${what}: ${e.message}`);
    }
    throw e;
  }
}

/** The message as it would be sent: its serialized form parsed again. */
export function editedView(message: SipMessage, limits?: Partial<SipLimits>): SipMessage {
  if (!message.hasEdits) return message;
  const result = parseMessage(message.serialize(), limits);
  if (!result.ok) throw new Error(`edited message does not parse: ${result.error.detail}`);
  return result.message;
}
