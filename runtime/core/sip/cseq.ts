// CSeq: sequence number (32-bit, overflow is an error) and method.

import { SipSyntaxError } from './errors.js';
import { isToken, isWsCode, parseBoundedUint, skipWs } from './text.js';

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

export const MAX_CSEQ = 0xffffffff;

export function parseCSeq(s: string): CSeq {
  let i = skipWs(s, 0);
  const start = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  const seq = parseBoundedUint(s.slice(start, i), MAX_CSEQ, 'CSeq number');
  if (i >= s.length || !isWsCode(s.charCodeAt(i)))
    throw new SipSyntaxError('CSeq: expected space after the number');
  const method = s.slice(skipWs(s, i)).trimEnd();
  if (!isToken(method)) throw new SipSyntaxError(`CSeq: invalid method ${JSON.stringify(method)}`);
  return { seq, method };
}
