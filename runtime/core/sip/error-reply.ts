// Best-effort answer to a request that failed to parse: the sender still deserves its 400/505/501/513
// when we can address it (Via, From, To, Call-ID and CSeq found as raw lines). Drops (status 0) get nothing.

import type { SipParseError } from './errors.js';
import { normalizeHeaderName } from './header-names.js';

const MAX_SCAN = 65536;
const MAX_LINE = 8192;
const MAX_VIAS = 64;
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** Header lines of buf (unfolded), up to the blank line; stops at anything unreasonable. */
function rawFields(buf: Buffer): [string, string][] {
  const text = buf.toString('utf8', 0, Math.min(buf.length, MAX_SCAN));
  const lines = text.split('\n');
  const out: [string, string][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.length === 0) break;
    if (line.length > MAX_LINE || line.includes('\r')) break;
    const first = line.charCodeAt(0);
    const last = out[out.length - 1];
    if ((first === 32 || first === 9) && last) {
      last[1] = (last[1] + ' ' + line.trim()).trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push([normalizeHeaderName(line.slice(0, colon).trim()), line.slice(colon + 1).trim()]);
  }
  return out;
}

/**
 * The response bytes for a request rejected by parseMessage, or undefined when the error is a silent
 * drop, the message is a response or an ACK, or the headers needed to address a reply are missing.
 */
export function buildErrorReply(buf: Buffer, error: SipParseError, toTag?: string): Buffer | undefined {
  if (error.status < 300 || error.status > 699) return undefined;
  let start = 0;
  while (start < buf.length && (buf[start] === 13 || buf[start] === 10)) start++;
  if (buf.toString('latin1', start, start + 4).toUpperCase() === 'SIP/') return undefined;
  // ACK is never answered (RFC 3261 §17.2.1).
  if (buf.toString('latin1', start, start + 4) === 'ACK ') return undefined;
  const fields = rawFields(buf.subarray(start));
  const vias = fields.filter(([n]) => n === 'via').map(([, v]) => v);
  const one = (name: string): string | undefined => fields.find(([n]) => n === name)?.[1];
  const from = one('from');
  let to = one('to');
  const callId = one('call-id');
  const cseq = one('cseq');
  if (vias.length === 0 || vias.length > MAX_VIAS || !from || !to || !callId || !cseq) return undefined;
  // Control characters would be echoed into our reply (and could split it): do not answer then.
  if ([...vias, from, to, callId, cseq].some((v) => CONTROL.test(v))) return undefined;
  if (toTag !== undefined && !/;\s*tag\s*=/i.test(to)) to += ';tag=' + toTag;
  const reason = error.reason.replace(/[\r\n]/g, ' ') || 'Bad Request';
  let text = `SIP/2.0 ${error.status} ${reason}\r\n`;
  for (const via of vias) text += `Via: ${via}\r\n`;
  text += `From: ${from}\r\nTo: ${to}\r\nCall-ID: ${callId}\r\nCSeq: ${cseq}\r\nContent-Length: 0\r\n\r\n`;
  return Buffer.from(text, 'utf8');
}
