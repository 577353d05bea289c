// The storage interface the msilo and usrloc modules program against; one implementation per driver.
import type { LocationColumns, SiloColumns } from './columns.js';
import type { SchemaTableKind } from './schema.js';
import type { DbDriver } from './url.js';

/** A stored offline message: one `silo` row. Times are unix seconds. */
export interface SiloMessage {
  readonly id: number;
  readonly srcAddr: string;
  readonly dstAddr: string;
  readonly username: string;
  readonly domain: string;
  readonly incTime: number;
  readonly expTime: number;
  /** Reminder time; 0 for a plain offline message. */
  readonly sndTime: number;
  readonly ctype: string;
  readonly body: Buffer;
  readonly extraHdrs: string;
  readonly callid: string;
  readonly status: number;
}

/** What m_store writes. Omitted fields take the table defaults (snd_time 0, ctype text/plain, …). */
export interface NewSiloMessage {
  readonly srcAddr: string;
  readonly dstAddr: string;
  readonly username: string;
  readonly domain: string;
  readonly incTime: number;
  readonly expTime: number;
  readonly sndTime?: number;
  readonly ctype?: string;
  readonly body: string | Uint8Array;
  readonly extraHdrs?: string;
  readonly callid?: string;
  readonly status?: number;
}

/** msilo's queries. Every method rejects with DatabaseUnavailableError when the database fails. */
export interface SiloStore {
  readonly table: string;
  /** INSERT; resolves to the new id only once the row is committed. */
  insert(message: NewSiloMessage): Promise<number>;
  /** Rows stored for an owner (for max_messages). */
  countByOwner(username: string, domain: string): Promise<number>;
  /** m_dump: the owner's offline messages (snd_time = 0), oldest first. */
  pendingByOwner(username: string, domain: string): Promise<SiloMessage[]>;
  /** Delete delivered messages; resolves to the number of rows deleted. */
  deleteByIds(ids: readonly number[]): Promise<number>;
  /** Purge rows with exp_time <= now; resolves to the number of rows deleted. */
  deleteExpired(now: number): Promise<number>;
  /** Reminders due: snd_time != 0 AND snd_time <= now, oldest first. */
  dueReminders(now: number): Promise<SiloMessage[]>;
  /** Failed reminders become ordinary offline messages: snd_time = 0. */
  resetSendTime(ids: readonly number[]): Promise<number>;
}

/** One `location` row: a registered contact. Times are unix seconds; expires 0 = permanent. */
export interface StoredContact {
  readonly ruid: string;
  readonly username: string;
  /** NULL when usrloc runs with use_domain = 0. */
  readonly domain: string | null;
  readonly contact: string;
  readonly received: string | null;
  readonly path: string | null;
  readonly expires: number;
  readonly q: number;
  readonly callid: string;
  readonly cseq: number;
  readonly lastModified: number;
  readonly flags: number;
  readonly cflags: number;
  readonly userAgent: string;
  /** `proto:ip:port` of the receiving socket. */
  readonly socket: string | null;
  /** Bitmask of methods from Allow; null when unknown. */
  readonly methods: number | null;
  readonly instance: string | null;
  readonly regId: number;
  readonly serverId: number;
  readonly connectionId: number;
  readonly keepalive: number;
  readonly partition: number;
}

/** How upsert finds an existing row: by ruid (db_ops_ruid=1, the default) or by AoR + contact URI. */
export type ContactMatch = 'ruid' | 'contact';

/** usrloc's queries for db_mode 1–3. Every method rejects with DatabaseUnavailableError on failure. */
export interface LocationStore {
  readonly table: string;
  /** Insert the contact, or update the row that matches it; resolves after commit. */
  upsert(contact: StoredContact, match?: ContactMatch): Promise<void>;
  /** Upsert by ruid many contacts in few statements (db_mode 2 write-back flush). */
  upsertMany(contacts: readonly StoredContact[]): Promise<void>;
  deleteByRuid(ruid: string): Promise<number>;
  deleteContact(username: string, domain: string | null, contact: string): Promise<number>;
  deleteByAor(username: string, domain: string | null): Promise<number>;
  /** Contacts of an AoR still valid at `now` (expires > now, or permanent), in insertion order. */
  byAor(username: string, domain: string | null, now: number): Promise<StoredContact[]>;
  byRuid(ruid: string): Promise<StoredContact | undefined>;
  /** Every row, for preloading the in-memory cache (db_mode 1/2). */
  all(): Promise<StoredContact[]>;
  /** Delete contacts with expires <= now (permanent ones stay); resolves to the count. */
  deleteExpired(now: number): Promise<number>;
}

export interface SiloStoreOptions {
  /** msilo `db_table`. */
  readonly table?: string;
  /** msilo `sc_*` overrides. */
  readonly columns?: Partial<SiloColumns>;
}

export interface LocationStoreOptions {
  /** The table name given to save()/lookup(), "location" by default. */
  readonly table?: string;
  /** usrloc `*_column` overrides. */
  readonly columns?: Partial<LocationColumns>;
}

export interface Database {
  readonly driver: DbDriver;
  /** The db_url with its password hidden. */
  readonly url: string;
  /** A silo store; creates its table when absent (unless the database was opened with createSchema: false). */
  silo(options?: SiloStoreOptions): Promise<SiloStore>;
  location(options?: LocationStoreOptions): Promise<LocationStore>;
  /** Create the `version` table and the given tables (Kamailio's default names) when absent. */
  createSchema(kinds?: readonly SchemaTableKind[]): Promise<void>;
  /** The version Kamailio's `version` table records for a table, or undefined when absent. */
  tableVersion(table: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Base for `sqlite://relative/path` URLs; process.cwd() by default. */
  readonly cwd?: string;
  /** Create tables when absent (default true). */
  readonly createSchema?: boolean;
  /** MySQL: give up connecting after this long (default 2000 ms). */
  readonly connectTimeoutMs?: number;
  /** MySQL: reject an operation that has no answer after this long (default 5000 ms). */
  readonly operationTimeoutMs?: number;
  /** MySQL pool size (default 8). */
  readonly poolSize?: number;
  /** SQLite: wait this long for a lock held by another process (default 5000 ms). */
  readonly busyTimeoutMs?: number;
}
