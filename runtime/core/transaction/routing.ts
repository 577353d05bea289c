// Record-Route insertion and loose routing (RFC 3261 §16.4, §16.6, §16.12; Kamailio rr module).
import type { NameAddr, SipMessage, SipUri } from '../sip/index.js';
import type { Proto } from '../transport/types.js';
import type { LocalAddresses } from './local-addresses.js';
import { replaceRoutes } from './message-edits.js';

/** Adds our Record-Route (`<sip:host:port;lr>`) as the topmost one. */
export function recordRoute(
  request: SipMessage,
  local: LocalAddresses,
  proto: Proto,
  family: 4 | 6 = 4,
): void {
  request.addHeader('Record-Route', `<${local.recordRouteUri(proto, family)}>`, 'prepend');
}

export interface LooseRouteResult {
  /** 1: Route headers were processed (forward as routed); -1: no Route headers (or malformed). */
  code: 1 | -1;
  /** Next hop to use as the destination URI ($du) when the next Route is a loose router. */
  destination?: string;
  /** The Request-URI was changed (strict router fix-up or strict next hop). */
  requestUriChanged: boolean;
}

export function looseRoute(request: SipMessage, isMyself: (uri: SipUri) => boolean): LooseRouteResult {
  const parsed = request.routes();
  if (!parsed || parsed.length === 0) return { code: -1, requestUriChanged: false };
  let routes: NameAddr[] = [...parsed];
  let requestUri = request.requestUri;
  let requestUriChanged = false;
  // §16.4: a previous strict router put our Record-Route value in the Request-URI.
  if (requestUri && requestUri.isSip && isMyself(requestUri) && routes.length > 0) {
    const last = routes[routes.length - 1]!;
    requestUri = last.uri;
    routes = routes.slice(0, -1);
    requestUriChanged = true;
  }
  // §16.4: the top Route is us — remove it.
  if (routes.length > 0 && isMyself(routes[0]!.uri)) routes = routes.slice(1);
  let destination: string | undefined;
  let out: (NameAddr | string)[] = routes;
  const top = routes[0];
  if (top && !top.uri.lr && requestUri) {
    // §16.6 step 6: the next hop is a strict router — it gets the Request-URI, the old one goes last.
    out = [...routes.slice(1), `<${requestUri.toString()}>`];
    requestUri = top.uri;
    requestUriChanged = true;
  } else if (top) {
    destination = top.uri.toString();
  }
  replaceRoutes(request, out);
  if (requestUriChanged && requestUri) request.setRequestUri(requestUri);
  return destination === undefined
    ? { code: 1, requestUriChanged }
    : { code: 1, destination, requestUriChanged };
}
