// Stateless forwarding (core forward()): RFC 3261 §16.11 — the branch is derived from the request so
// that retransmissions (and the CANCEL of an INVITE) get the same one; responses go back along Via.
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { MAGIC_COOKIE, type SipMessage } from '../sip/index.js';
import { responseTarget } from '../transport/reply-routing.js';
import type { SipTransport } from '../transport/sip-transport.js';
import type { SendTarget } from '../transport/types.js';
import type { LocalAddresses } from './local-addresses.js';
import { decrementMaxForwards, popTopVia } from './message-edits.js';
import { nextHopTarget, type RelayErrorCode } from './relay.js';

export interface StatelessForwardOptions {
  /** New Request-URI. */
  uri?: string;
  /** Next hop ($du) as a URI or a target; default: top Route, else the Request-URI. */
  destination?: string | SendTarget;
}

/** Branch for a stateless forward: the same for retransmissions of the request and for its CANCEL. */
export function statelessBranch(request: SipMessage): string {
  const via = request.via;
  const hash = createHash('sha1');
  hash.update(
    `${via.branch ?? ''}\x00${via.host}:${via.port ?? ''}\x00${request.callId}\x00${request.cseq.seq}`,
  );
  if (!via.hasMagicCookie)
    hash.update(`\x00${request.fromTag ?? ''}\x00${request.requestUri?.toString() ?? ''}`);
  return MAGIC_COOKIE + 'sl' + hash.digest('base64url').slice(0, 20);
}

/** Forwards a request without a transaction; returns 'ok' or why it was not sent. */
export function forwardRequestStateless(
  transport: SipTransport,
  local: LocalAddresses,
  request: SipMessage,
  options: StatelessForwardOptions = {},
): 'ok' | RelayErrorCode {
  if (request.method !== 'ACK' && !decrementMaxForwards(request)) return 'too-many-hops';
  if (request.method === 'ACK' && request.maxForwards === 0) return 'too-many-hops';
  if (options.uri !== undefined) request.setRequestUri(options.uri);
  const uri = options.uri ?? request.requestUri?.toString() ?? '';
  const target =
    typeof options.destination === 'object'
      ? options.destination
      : nextHopTarget(request, uri, options.destination);
  if (!target) return 'bad-destination';
  const sentBy = local.sentBy(target.proto, isIPv6(target.host) ? 6 : 4);
  request.prependVia(`SIP/2.0/${target.proto.toUpperCase()} ${sentBy};branch=${statelessBranch(request)}`);
  transport.send(request, target);
  return 'ok';
}

/**
 * Forwards a response that matched no transaction: our Via must be on top and another below it.
 * Returns false when it is not ours to forward (dropped).
 */
export function forwardResponseStateless(
  transport: SipTransport,
  local: LocalAddresses,
  response: SipMessage,
): boolean {
  const [top, next] = response.vias;
  if (!top || !next || !local.isMyself(top.host, top.port)) return false;
  popTopVia(response);
  transport.sendBytes(responseTarget(next), response.serialize());
  return true;
}
