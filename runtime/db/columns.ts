// Table and column names, with Kamailio's defaults. msilo's `sc_*` and usrloc's `*_column` modparams
// override single names, so every query is built from one of these maps rather than from literals.
import { DatabaseConfigError } from './errors.js';
import type { DbDriver } from './url.js';

/** msilo `silo` columns; keys follow the `sc_*` modparams (sc_mid → id, sc_from → srcAddr, …). */
export interface SiloColumns {
  readonly id: string;
  readonly srcAddr: string;
  readonly dstAddr: string;
  readonly username: string;
  readonly domain: string;
  readonly incTime: string;
  readonly expTime: string;
  readonly sndTime: string;
  readonly ctype: string;
  readonly body: string;
  readonly extraHdrs: string;
  readonly callid: string;
  readonly status: string;
}

export const DEFAULT_SILO_TABLE = 'silo';

/** Kamailio 3+ names (SER and OpenSIPS 1.x called the id column `mid`: pass { id: 'mid' }). */
export const DEFAULT_SILO_COLUMNS: SiloColumns = Object.freeze({
  id: 'id',
  srcAddr: 'src_addr',
  dstAddr: 'dst_addr',
  username: 'username',
  domain: 'domain',
  incTime: 'inc_time',
  expTime: 'exp_time',
  sndTime: 'snd_time',
  ctype: 'ctype',
  body: 'body',
  extraHdrs: 'extra_hdrs',
  callid: 'callid',
  status: 'status',
});

/** usrloc `location` columns; keys follow the `*_column` modparams. */
export interface LocationColumns {
  readonly id: string;
  readonly ruid: string;
  readonly username: string;
  readonly domain: string;
  readonly contact: string;
  readonly received: string;
  readonly path: string;
  readonly expires: string;
  readonly q: string;
  readonly callid: string;
  readonly cseq: string;
  readonly lastModified: string;
  readonly flags: string;
  readonly cflags: string;
  readonly userAgent: string;
  readonly socket: string;
  readonly methods: string;
  readonly instance: string;
  readonly regId: string;
  readonly serverId: string;
  readonly connectionId: string;
  readonly keepalive: string;
  readonly partition: string;
}

export const DEFAULT_LOCATION_TABLE = 'location';

export const DEFAULT_LOCATION_COLUMNS: LocationColumns = Object.freeze({
  id: 'id',
  ruid: 'ruid',
  username: 'username',
  domain: 'domain',
  contact: 'contact',
  received: 'received',
  path: 'path',
  expires: 'expires',
  q: 'q',
  callid: 'callid',
  cseq: 'cseq',
  lastModified: 'last_modified',
  flags: 'flags',
  cflags: 'cflags',
  userAgent: 'user_agent',
  socket: 'socket',
  methods: 'methods',
  instance: 'instance',
  regId: 'reg_id',
  serverId: 'server_id',
  connectionId: 'connection_id',
  keepalive: 'keepalive',
  partition: 'partition',
});

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Names come from modparams; only plain identifiers may reach SQL text. */
export function checkIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new DatabaseConfigError(`${what} "${name}" is not a plain SQL identifier (letters, digits, _)`);
  }
  return name;
}

/** Kamailio's defaults overridden by `overrides`, every name checked. */
export function resolveColumns<T extends object>(
  defaults: T,
  overrides: Partial<T> | undefined,
  what: string,
): T {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...defaults, ...overrides })) {
    if (typeof value !== 'string') throw new DatabaseConfigError(`${what} column ${key} must be a name`);
    merged[key] = checkIdentifier(value, `${what} column ${key}`);
  }
  return Object.freeze(merged) as T;
}

/** Quote a checked identifier the way the dialect does (`partition` is a reserved word in MySQL). */
export function quoteIdentifier(driver: DbDriver, name: string): string {
  return driver === 'mysql' ? `\`${name}\`` : `"${name}"`;
}
