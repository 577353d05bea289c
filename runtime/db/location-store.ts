// usrloc's queries on the `location` table, for either driver (db_mode 1–3).
import { quoteIdentifier, type LocationColumns } from './columns.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import { fromDbDateTime, toDbDateTime } from './time.js';
import type { ContactMatch, LocationStore, StoredContact } from './types.js';
import { asNullableNumber, asNullableString, asNumber, asString } from './values.js';

/** Data columns in the order of every SELECT and INSERT here (id is the database's own). */
const FIELDS = [
  'ruid',
  'username',
  'domain',
  'contact',
  'received',
  'path',
  'expires',
  'q',
  'callid',
  'cseq',
  'lastModified',
  'flags',
  'cflags',
  'userAgent',
  'socket',
  'methods',
  'instance',
  'regId',
  'serverId',
  'connectionId',
  'keepalive',
  'partition',
] as const satisfies readonly (keyof LocationColumns & keyof StoredContact)[];

function toContact(row: readonly unknown[]): StoredContact {
  return {
    ruid: asString(row[0]),
    username: asString(row[1]),
    domain: asNullableString(row[2]),
    contact: asString(row[3]),
    received: asNullableString(row[4]),
    path: asNullableString(row[5]),
    expires: fromDbDateTime(row[6]),
    // FLOAT(10,2): the binary protocol hands back the single-precision value (0.800000011920929).
    q: Math.round(asNumber(row[7]) * 100) / 100,
    callid: asString(row[8]),
    cseq: asNumber(row[9]),
    lastModified: fromDbDateTime(row[10]),
    flags: asNumber(row[11]),
    cflags: asNumber(row[12]),
    userAgent: asString(row[13]),
    socket: asNullableString(row[14]),
    methods: asNullableNumber(row[15]),
    instance: asNullableString(row[16]),
    regId: asNumber(row[17]),
    serverId: asNumber(row[18]),
    connectionId: asNumber(row[19]),
    keepalive: asNumber(row[20]),
    partition: asNumber(row[21]),
  };
}

function toParams(c: StoredContact): SqlValue[] {
  return [
    c.ruid,
    c.username,
    c.domain,
    c.contact,
    c.received,
    c.path,
    toDbDateTime(c.expires),
    c.q,
    c.callid,
    c.cseq,
    toDbDateTime(c.lastModified),
    c.flags,
    c.cflags,
    c.userAgent,
    c.socket,
    c.methods,
    c.instance,
    c.regId,
    c.serverId,
    c.connectionId,
    c.keepalive,
    c.partition,
  ];
}

const UPSERT_CHUNK = 32;

/** `expires` of a permanent contact (expires 0), as Kamailio writes time 0. */
const PERMANENT = toDbDateTime(0);

export class SqlLocationStore implements LocationStore {
  private readonly upsertRows: (rows: number) => string;
  private readonly sql: {
    readonly upsertByRuid: string;
    readonly updateByContact: string;
    readonly deleteByRuid: string;
    readonly deleteContact: string;
    readonly deleteByAor: string;
    readonly byAor: string;
    readonly byRuid: string;
    readonly all: string;
    readonly deleteExpired: string;
  };

  constructor(
    private readonly executor: SqlExecutor,
    readonly table: string,
    c: LocationColumns,
  ) {
    const mysql = executor.driver === 'mysql';
    const q = (name: string): string => quoteIdentifier(executor.driver, name);
    const t = q(table);
    const names = FIELDS.map((field) => q(c[field]));
    const updatable = names.filter((name) => name !== q(c.ruid));
    // Null-safe equality: domain is NULL when usrloc runs with use_domain = 0.
    const aor = `${q(c.username)} = ? AND ${q(c.domain)} ${mysql ? '<=>' : 'IS'} ?`;
    const select = `SELECT ${names.join(', ')} FROM ${t}`;
    const tuple = `(${names.map(() => '?').join(', ')})`;
    const onConflict = mysql
      ? ` ON DUPLICATE KEY UPDATE ${updatable.map((n) => `${n} = VALUES(${n})`).join(', ')}`
      : ` ON CONFLICT (${q(c.ruid)}) DO UPDATE SET ${updatable.map((n) => `${n} = excluded.${n}`).join(', ')}`;
    this.upsertRows = (rows) =>
      `INSERT INTO ${t} (${names.join(', ')}) VALUES ${new Array<string>(rows).fill(tuple).join(', ')}${onConflict}`;
    this.sql = {
      upsertByRuid: this.upsertRows(1),
      updateByContact: `UPDATE ${t} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE ${aor} AND ${q(c.contact)} = ?`,
      deleteByRuid: `DELETE FROM ${t} WHERE ${q(c.ruid)} = ?`,
      deleteContact: `DELETE FROM ${t} WHERE ${aor} AND ${q(c.contact)} = ?`,
      deleteByAor: `DELETE FROM ${t} WHERE ${aor}`,
      byAor: `${select} WHERE ${aor} AND (${q(c.expires)} > ? OR ${q(c.expires)} = ?) ORDER BY ${q(c.id)}`,
      byRuid: `${select} WHERE ${q(c.ruid)} = ?`,
      all: `${select} ORDER BY ${q(c.id)}`,
      deleteExpired: `DELETE FROM ${t} WHERE ${q(c.expires)} <= ? AND ${q(c.expires)} != ?`,
    };
  }

  async upsert(contact: StoredContact, match: ContactMatch = 'ruid'): Promise<void> {
    const params = toParams(contact);
    if (match === 'contact') {
      const matched = await this.executor.write(this.sql.updateByContact, [
        ...params,
        contact.username,
        contact.domain,
        contact.contact,
      ]);
      if (matched > 0) return;
    }
    await this.executor.write(this.sql.upsertByRuid, params);
  }

  async upsertMany(contacts: readonly StoredContact[]): Promise<void> {
    // Chunks keep the number of distinct prepared statements small and under bound-parameter limits.
    for (let start = 0; start < contacts.length; start += UPSERT_CHUNK) {
      const chunk = contacts.slice(start, start + UPSERT_CHUNK);
      await this.executor.write(this.upsertRows(chunk.length), chunk.flatMap(toParams));
    }
  }

  deleteByRuid(ruid: string): Promise<number> {
    return this.executor.write(this.sql.deleteByRuid, [ruid]);
  }

  deleteContact(username: string, domain: string | null, contact: string): Promise<number> {
    return this.executor.write(this.sql.deleteContact, [username, domain, contact]);
  }

  deleteByAor(username: string, domain: string | null): Promise<number> {
    return this.executor.write(this.sql.deleteByAor, [username, domain]);
  }

  byAor(username: string, domain: string | null, now: number): Promise<StoredContact[]> {
    return this.executor.rows(this.sql.byAor, [username, domain, toDbDateTime(now), PERMANENT], toContact);
  }

  byRuid(ruid: string): Promise<StoredContact | undefined> {
    return this.executor.rows(this.sql.byRuid, [ruid], toContact).then((rows) => rows[0]);
  }

  all(): Promise<StoredContact[]> {
    return this.executor.rows(this.sql.all, [], toContact);
  }

  deleteExpired(now: number): Promise<number> {
    return this.executor.write(this.sql.deleteExpired, [toDbDateTime(now), PERMANENT]);
  }
}
