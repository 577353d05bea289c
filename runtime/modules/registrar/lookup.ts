// lookup(): route a request to the registered bindings of its AoR (Kamailio lookup.c).
// 1 found (R-URI = best binding, others appended as branches), -1 none, -2 method not allowed
// by any live binding (method_filtering), -3 internal error.
import { isValidContact, methodAllowed, type UContact, type UDomain } from '../usrloc/index.js';
import type { RegistrarConfig } from './config.js';
import { extractAor } from './aor.js';
import type { LookupTarget } from './ports.js';
import { parseNameAddr, splitTopLevel } from './sip-text.js';

export interface LookupCall {
  domain: UDomain;
  config: RegistrarConfig;
  now: number;
  target: LookupTarget;
  /** AoR URI to look up; the R-URI otherwise. */
  uri?: string;
  /** OpenSIPS flag `b`: do not add branches. */
  noBranches?: boolean;
  /** OpenSIPS flag `m`: filter by method even when method_filtering is off. */
  methodFiltering?: boolean;
}

export async function lookup(call: LookupCall): Promise<number> {
  const { config, target } = call;
  let aor: string;
  try {
    aor = extractAor(call.uri ?? target.ruri, {
      useDomain: call.domain.useDomain,
      caseSensitive: config.caseSensitive,
      realmPrefix: config.realmPrefix,
    });
  } catch {
    return -3;
  }
  let contacts: UContact[];
  try {
    contacts = await call.domain.contacts(aor);
  } catch {
    return -3;
  }
  const live = contacts.filter((c) => isValidContact(c, call.now));
  if (live.length === 0) return -1;
  const filtering = config.methodFiltering || call.methodFiltering === true;
  const usable = filtering ? live.filter((c) => methodAllowed(c.methods, target.method)) : live;
  if (usable.length === 0) return -2;

  const [best, ...rest] = usable as [UContact, ...UContact[]];
  target.setRuri(best.contact);
  target.setPath(best.path);
  const du = nextHop(best);
  if (du !== undefined) target.setDstUri(du);
  target.setBranchFlags(best.cflags);
  target.setForceSocket?.(best.socket);

  if (config.appendBranches && !call.noBranches) {
    for (const c of rest) {
      const dst = nextHop(c);
      target.appendBranch({
        uri: c.contact,
        ...(dst !== undefined ? { dstUri: dst } : {}),
        ...(c.path ? { path: c.path } : {}),
        q: c.q,
        flags: c.cflags,
        ...(c.socket ? { socket: c.socket } : {}),
      });
    }
  }
  return 1;
}

/** Where to send first: the first Path hop, else the NAT `received` address. */
function nextHop(c: UContact): string | undefined {
  if (c.path) {
    const first = splitTopLevel(c.path, ',')[0] ?? '';
    const hop = parseNameAddr(first);
    if (hop) return hop.uri;
  }
  return c.received || undefined;
}
