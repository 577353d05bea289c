// Adapter from runtime/db's LocationStore (SQLite / MySQL `location` table) to usrloc's backend
// port. q is stored as Kamailio stores it (a float, q/1000), so rows are shared with Kamailio.
import type { LocationStore, StoredContact } from '../../db/index.js';
import { Q_UNSPECIFIED } from './contact.js';
import type { Clock, LocationBackend, LocationRow } from './ports.js';

// Kamailio writes an unspecified q as -0.001, which FLOAT(10,2) (and the store's 2-decimal read)
// turns into 0; -1 survives the round trip and still reads as "lowest" to a Kamailio.
const UNSPECIFIED_Q_COLUMN = -1;

function toStored(row: LocationRow): StoredContact {
  return {
    ruid: row.ruid,
    username: row.username,
    domain: row.domain ?? null,
    contact: row.contact,
    received: row.received ?? null,
    path: row.path ?? null,
    expires: row.expires,
    q: row.q === Q_UNSPECIFIED ? UNSPECIFIED_Q_COLUMN : row.q / 1000,
    callid: row.callid,
    cseq: row.cseq,
    lastModified: row.lastModified,
    flags: row.flags,
    cflags: row.cflags,
    userAgent: row.userAgent,
    socket: row.socket ?? null,
    methods: row.methods ?? null,
    instance: row.instance ?? null,
    regId: row.regId,
    serverId: 0,
    connectionId: 0,
    keepalive: 0,
    partition: 0,
  };
}

function fromStored(c: StoredContact): LocationRow {
  return {
    ruid: c.ruid,
    username: c.username,
    ...(c.domain !== null ? { domain: c.domain } : {}),
    contact: c.contact,
    ...(c.received !== null ? { received: c.received } : {}),
    ...(c.path !== null ? { path: c.path } : {}),
    expires: c.expires,
    q: c.q < 0 ? Q_UNSPECIFIED : Math.round(c.q * 1000),
    callid: c.callid,
    cseq: c.cseq,
    flags: c.flags,
    cflags: c.cflags,
    userAgent: c.userAgent,
    ...(c.socket !== null ? { socket: c.socket } : {}),
    ...(c.methods !== null ? { methods: c.methods >>> 0 } : {}),
    ...(c.instance !== null ? { instance: c.instance } : {}),
    regId: c.regId,
    lastModified: c.lastModified,
  };
}

/**
 * A LocationBackend over a store that is opened on first use (and opened again after a failure,
 * so a database that was down at start is picked up when it comes back).
 */
export function locationBackend(open: () => Promise<LocationStore>, clock: Clock): LocationBackend {
  let store: Promise<LocationStore> | undefined;
  const get = (): Promise<LocationStore> => {
    if (!store) {
      store = open();
      store.catch(() => (store = undefined));
    }
    return store;
  };
  return {
    insert: async (row) => (await get()).upsert(toStored(row), 'ruid'),
    update: async (row) => (await get()).upsert(toStored(row), 'ruid'),
    upsertMany: async (rows) => (await get()).upsertMany(rows.map(toStored)),
    deleteByRuid: async (ruid) => void (await (await get()).deleteByRuid(ruid)),
    deleteAor: async (username, domain) => void (await (await get()).deleteByAor(username, domain ?? null)),
    selectAor: async (username, domain) =>
      (await (await get()).byAor(username, domain ?? null, clock.now())).map(fromStored),
    selectAll: async () => (await (await get()).all()).map(fromStored),
    deleteExpired: async (now) => void (await (await get()).deleteExpired(now)),
  };
}
