// Address-of-Record extraction (Kamailio registrar common.c extract_aor): the usrloc key is the
// unescaped user, plus `@host` with use_domain (or the host alone when there is no user).
import { RegistrarFailure, R } from './errors.js';
import { parseUri, unescapeUser } from './sip-text.js';

const USERNAME_MAX = 64;
const DOMAIN_MAX = 64;

export interface AorOptions {
  useDomain: boolean;
  caseSensitive: boolean;
  realmPrefix: string;
}

export function extractAor(uri: string, o: AorOptions): string {
  const parts = parseUri(uri);
  if (!parts) throw new RegistrarFailure(R.AOR_PARSE);
  const rawUser = parts.user ?? '';
  if (rawUser.length > USERNAME_MAX || parts.host.length > DOMAIN_MAX) throw new RegistrarFailure(R.AOR_LEN);
  const unescaped = unescapeUser(rawUser);
  if (unescaped === undefined) throw new RegistrarFailure(R.UNESCAPE);
  let host = parts.host.toLowerCase();
  if (o.realmPrefix && host.startsWith(o.realmPrefix.toLowerCase()) && host.length > o.realmPrefix.length) {
    host = host.slice(o.realmPrefix.length);
  }
  const user = o.caseSensitive ? unescaped : unescaped.toLowerCase();
  if (user === '') return host;
  return o.useDomain ? `${user}@${host}` : user;
}
