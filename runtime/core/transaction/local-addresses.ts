// Our own addresses: what to put in Via sent-by and Record-Route, and whether a URI points at us.
import { networkInterfaces } from 'node:os';
import type { SipTransport } from '../transport/sip-transport.js';
import type { BoundAddress, Proto } from '../transport/types.js';

export interface AdvertisedAddress {
  /** Host to advertise instead of the bound address (needed when bound to 0.0.0.0 / ::). */
  host?: string;
  port?: number;
}

export interface LocalAddress {
  proto: Proto;
  host: string;
  port: number;
}

export class LocalAddresses {
  constructor(
    private readonly transport: SipTransport,
    private readonly advertised: AdvertisedAddress = {},
    /** Extra names that mean "us" (alias=, domain=). */
    private readonly aliases: readonly string[] = [],
  ) {}

  /** The socket to name in Via / Record-Route for a given transport and address family. */
  forProto(proto: Proto, family: 4 | 6 = 4): LocalAddress {
    const bound = this.transport.addresses();
    const match =
      bound.find((b) => b.proto === proto && b.family === family) ??
      bound.find((b) => b.proto === proto) ??
      bound[0];
    if (!match) throw new Error('no listening socket');
    return {
      proto,
      host: this.advertised.host ?? displayHost(match),
      port: this.advertised.port ?? match.port,
    };
  }

  /** sent-by text for a Via: host[:port] with IPv6 in brackets. */
  sentBy(proto: Proto, family: 4 | 6 = 4): string {
    const local = this.forProto(proto, family);
    return `${bracket(local.host)}:${local.port}`;
  }

  /** `sip:host:port;lr` (+ transport=tcp) for Record-Route. */
  recordRouteUri(proto: Proto, family: 4 | 6 = 4): string {
    const local = this.forProto(proto, family);
    return `sip:${bracket(local.host)}:${local.port}${proto === 'tcp' ? ';transport=tcp' : ''};lr`;
  }

  /** Core `myself` check: host among our addresses/aliases; port must match unless absent. */
  isMyself(host: string, port?: number): boolean {
    const bare = (host.startsWith('[') ? host.slice(1, -1) : host).toLowerCase();
    const bound = this.transport.addresses();
    const ports = new Set(bound.map((b) => b.port));
    if (this.advertised.port !== undefined) ports.add(this.advertised.port);
    if (port !== undefined && !ports.has(port)) return false;
    if (this.aliases.some((a) => a.toLowerCase() === bare)) return true;
    if (this.advertised.host !== undefined && this.advertised.host.toLowerCase() === bare) return true;
    return bound.some(
      (b) => b.host.toLowerCase() === bare || (isWildcard(b) && interfaceAddresses().has(bare)),
    );
  }
}

/** A wildcard socket is named by this host's first external address of that family (else loopback). */
function displayHost(bound: BoundAddress): string {
  if (!isWildcard(bound)) return bound.host;
  const family = bound.family === 6 ? 'IPv6' : 'IPv4';
  for (const list of Object.values(networkInterfaces())) {
    const external = (list ?? []).find((info) => info.family === family && !info.internal);
    if (external) return external.address;
  }
  return bound.family === 6 ? '::1' : '127.0.0.1';
}

function isWildcard(bound: BoundAddress): boolean {
  return bound.host === '0.0.0.0' || bound.host === '::';
}

/** Addresses of this host's interfaces (what a wildcard socket answers on). */
function interfaceAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) out.add(info.address.toLowerCase());
  }
  return out;
}

export function bracket(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
