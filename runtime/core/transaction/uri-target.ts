// Next-hop address of a SIP URI (no NAPTR/SRV: host, port or 5060, transport parameter, maddr).
import type { SipUri } from '../sip/index.js';
import type { SendTarget } from '../transport/types.js';

export function uriTarget(uri: SipUri): SendTarget | undefined {
  if (!uri.isSip || uri.host === '') return undefined;
  const proto =
    uri.transport === 'tcp'
      ? 'tcp'
      : uri.transport === undefined || uri.transport === 'udp'
        ? 'udp'
        : undefined;
  if (proto === undefined) return undefined;
  const maddr = uri.params.get('maddr');
  const host = maddr ? maddr.replace(/^\[|\]$/g, '') : uri.hostname;
  return { proto, host, port: uri.port ?? 5060 };
}
