// Name resolution only when needed: IP literals are used as they are, names go through dns.lookup.
import { lookup } from 'node:dns';
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
