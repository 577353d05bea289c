// The proxy's edits in its own words (pop our Via, decrement Max-Forwards, replace the Route set,
// per-branch copies), each one call of the message layer's edit API.
import { parseMessage, type NameAddr, type SipMessage } from '../sip/index.js';

/** A fresh, independently editable copy of the message as it would be sent now (edits applied). */
export function copyForBranch(message: SipMessage): SipMessage {
  const result = parseMessage(message.serialize());
  if (!result.ok) throw new Error(`message does not re-parse: ${result.error.detail}`);
  return result.message;
}

/** Removes the top Via (ours) from a response before it goes upstream; the others stay as written. */
export function popTopVia(response: SipMessage): void {
  response.removeTopValue('via');
}

/**
 * Decrements Max-Forwards (adding 70 when absent, RFC 3261 §16.6 step 3). Returns false when it is
 * already 0: the request must not be forwarded (the caller answers 483).
 */
export function decrementMaxForwards(request: SipMessage): boolean {
  const current = request.maxForwards;
  if (current === 0) return false;
  request.replaceHeader('Max-Forwards', String(current === undefined ? 70 : current - 1));
  return true;
}

/** Replaces every Route value with `routes` (top first); an empty list removes Route entirely. */
export function replaceRoutes(request: SipMessage, routes: readonly (NameAddr | string)[]): void {
  request.removeHeader('route');
  // Prepended header lines keep the order in which they are added.
  for (const route of routes) request.addHeader('Route', route.toString(), 'prepend');
}
