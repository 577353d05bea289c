// Whose inbox a message goes to (m_store) or is read from (m_dump), per dialect form.
import { isIpHost, parseNameAddr, parseUri } from '../registrar/sip-text.js';
import type { MsiloRequest } from './ports.js';

export interface Owner {
  username: string;
  domain: string;
}

/** How m_store was called: Kamailio/OpenSIPS `m_store([owner])` or SER/OpenSER `m_store("0"|"1"|"2")`. */
export type StoreOwnerSpec = { kind: 'uri'; uri?: string } | { kind: 'ser-mode'; mode: string };

/** The To URI of the request, or undefined when the To header is missing or malformed. */
export function toUriOf(req: MsiloRequest): string | undefined {
  const to = req.headers('to')[0];
  return to === undefined ? undefined : parseNameAddr(to)?.uri;
}

export function fromUriOf(req: MsiloRequest): string | undefined {
  const from = req.headers('from')[0];
  return from === undefined ? undefined : parseNameAddr(from)?.uri;
}

/** m_store owner; undefined means "no usable owner" (the call returns -1). */
export function storeOwner(req: MsiloRequest, spec: StoreOwnerSpec): Owner | undefined {
  if (spec.kind === 'ser-mode') return serStoreOwner(req, spec.mode);
  // Kamailio/OpenSIPS: the parameter, else the new R-URI, else the original one; a user is required.
  const uri = spec.uri ?? req.newRuri ?? req.originalRuri;
  const parts = parseUri(uri);
  if (!parts?.user) return undefined;
  return { username: parts.user, domain: parts.host };
}

/**
 * SER modes: "0" tries the new R-URI, "1" starts at the original R-URI, "2" uses the To URI only.
 * A candidate counts only with a user and a host that is not an IP address; the To URI is the
 * last resort and must have user and host.
 */
function serStoreOwner(req: MsiloRequest, mode: string): Owner | undefined {
  const candidates: (string | undefined)[] = [];
  if (mode.startsWith('0')) candidates.push(req.newRuri);
  if (mode <= '1') candidates.push(req.originalRuri);
  for (const uri of candidates) {
    if (uri === undefined) continue;
    const parts = parseUri(uri);
    if (!parts) return undefined;
    if (parts.user && parts.host && !isIpHost(parts.host))
      return { username: parts.user, domain: parts.host };
  }
  const to = toUriOf(req);
  const parts = to === undefined ? undefined : parseUri(to);
  if (!parts?.user || !parts.host) return undefined;
  return { username: parts.user, domain: parts.host };
}

/** m_dump owner: the parameter, else the To URI; user and host both required. */
export function dumpOwner(req: MsiloRequest, uri: string | undefined): Owner | undefined {
  const source = uri ?? toUriOf(req);
  const parts = source === undefined ? undefined : parseUri(source);
  if (!parts?.user || !parts.host) return undefined;
  return { username: parts.user, domain: parts.host };
}
