// Transaction matching keys. RFC 3261 §17.2.3: branch + sent-by + method (ACK matches INVITE);
// RFC 2543 fallback when the branch lacks the magic cookie: Call-ID, CSeq number, From tag,
// top Via and Request-URI. Client side (§17.1.3): our branch + CSeq method.
import type { SipMessage } from '../sip/index.js';

function methodForMatch(method: string): string {
  return method === 'ACK' ? 'INVITE' : method;
}

/** Key of the server transaction a request belongs to (an ACK maps to its INVITE). */
export function serverKey(request: SipMessage, method: string = request.method): string {
  const via = request.via;
  const m = methodForMatch(method);
  if (via.hasMagicCookie) return `3261\x00${via.branch ?? ''}\x00${via.host}:${via.port ?? ''}\x00${m}`;
  // RFC 2543: the ACK for a non-2xx carries the To tag of our reply, which the INVITE lacked;
  // the To tag is therefore left out and checked separately (see ServerTransaction.matchesAck).
  return (
    `2543\x00${request.callId}\x00${request.cseq.seq}\x00${request.fromTag ?? ''}\x00` +
    `${via.host}:${via.port ?? ''};${via.branch ?? ''}\x00${request.requestUri?.toString() ?? ''}\x00${m}`
  );
}

/** Key of the client transaction a response belongs to. */
export function clientKey(branch: string, cseqMethod: string): string {
  return `${branch}\x00${methodForMatch(cseqMethod)}`;
}

export function clientKeyOfResponse(response: SipMessage): string | undefined {
  const branch = response.via.branch;
  return branch === undefined ? undefined : clientKey(branch, response.cseq.method);
}
