// Name resolution only when needed: IP literals are used as they are, names go through dns.lookup.
import { lookup, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';

export type ResolveCallback = (error: Error | null, ip: string, family: 4 | 6) => void;

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Calls back synchronously for IP literals (hot path), asynchronously for names. */
export function resolveHost(host: string, callback: ResolveCallback): void {
  const bare = stripBrackets(host);
  const family = isIP(bare);
  if (family !== 0) {
    callback(null, bare, family as 4 | 6);
    return;
  }
  lookup(bare, (error, address, fam) => {
    if (error) callback(error, '', 4);
    else callback(null, address, fam === 6 ? 6 : 4);
  });
}

type DgramLookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;

/**
 * The `lookup` of our dgram sockets. dgram resolves the target of every send(), even an IP literal
 * (dns.lookup then defers the send by a tick); serc's targets are almost always literals already, so
 * they are handed back at once and only names reach dns.lookup. dgram passes the socket's family as a
 * number where the types say options.
 */
export function literalFirstLookup(
  host: string,
  options: LookupOneOptions | number,
  callback: DgramLookupCallback,
): void {
  const bare = stripBrackets(host);
  const family = isIP(bare);
  if (family !== 0) {
    callback(null, bare, family);
    return;
  }
  lookup(bare, typeof options === 'number' ? { family: options } : options, callback);
}
