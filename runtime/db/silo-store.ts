// msilo's queries on the `silo` table, for either driver.
import { quoteIdentifier, type SiloColumns } from './columns.js';
import type { SqlExecutor } from './executor.js';
import type { NewSiloMessage, SiloMessage, SiloStore } from './types.js';
import { asBuffer, asNumber, asString, ID_CHUNK, placeholders } from './values.js';

function toMessage(row: readonly unknown[]): SiloMessage {
  return {
    id: asNumber(row[0]),
    srcAddr: asString(row[1]),
    dstAddr: asString(row[2]),
    username: asString(row[3]),
    domain: asString(row[4]),
    incTime: asNumber(row[5]),
    expTime: asNumber(row[6]),
    sndTime: asNumber(row[7]),
    ctype: asString(row[8]),
    body: asBuffer(row[9]),
    extraHdrs: asString(row[10]),
    callid: asString(row[11]),
    status: asNumber(row[12]),
  };
}

export class SqlSiloStore implements SiloStore {
  private readonly sql: {
    readonly insert: string;
    readonly count: string;
    readonly pending: string;
    readonly deleteExpired: string;
    readonly reminders: string;
    readonly deleteIn: string;
    readonly resetIn: string;
  };

  constructor(
    private readonly executor: SqlExecutor,
    readonly table: string,
    c: SiloColumns,
  ) {
    const q = (name: string): string => quoteIdentifier(executor.driver, name);
    const t = q(table);
    const select =
      `SELECT ${q(c.id)}, ${q(c.srcAddr)}, ${q(c.dstAddr)}, ${q(c.username)}, ${q(c.domain)}, ` +
      `${q(c.incTime)}, ${q(c.expTime)}, ${q(c.sndTime)}, ${q(c.ctype)}, ${q(c.body)}, ` +
      `${q(c.extraHdrs)}, ${q(c.callid)}, ${q(c.status)} FROM ${t}`;
    this.sql = {
      insert:
        `INSERT INTO ${t} (${q(c.srcAddr)}, ${q(c.dstAddr)}, ${q(c.username)}, ${q(c.domain)}, ` +
        `${q(c.incTime)}, ${q(c.expTime)}, ${q(c.sndTime)}, ${q(c.ctype)}, ${q(c.body)}, ` +
        `${q(c.extraHdrs)}, ${q(c.callid)}, ${q(c.status)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      count: `SELECT COUNT(*) FROM ${t} WHERE ${q(c.username)} = ? AND ${q(c.domain)} = ?`,
      pending: `${select} WHERE ${q(c.username)} = ? AND ${q(c.domain)} = ? AND ${q(c.sndTime)} = 0 ORDER BY ${q(c.id)}`,
      deleteExpired: `DELETE FROM ${t} WHERE ${q(c.expTime)} <= ?`,
      reminders: `${select} WHERE ${q(c.sndTime)} != 0 AND ${q(c.sndTime)} <= ? ORDER BY ${q(c.id)}`,
      deleteIn: `DELETE FROM ${t} WHERE ${q(c.id)} IN `,
      resetIn: `UPDATE ${t} SET ${q(c.sndTime)} = 0 WHERE ${q(c.id)} IN `,
    };
  }

  insert(m: NewSiloMessage): Promise<number> {
    return this.executor.insert(this.sql.insert, [
      m.srcAddr,
      m.dstAddr,
      m.username,
      m.domain,
      m.incTime,
      m.expTime,
      m.sndTime ?? 0,
      m.ctype ?? 'text/plain',
      asBuffer(m.body),
      m.extraHdrs ?? '',
      m.callid ?? '',
      m.status ?? 0,
    ]);
  }

  countByOwner(username: string, domain: string): Promise<number> {
    return this.executor
      .rows(this.sql.count, [username, domain], (row) => asNumber(row[0]))
      .then((counts) => counts[0] ?? 0);
  }

  pendingByOwner(username: string, domain: string): Promise<SiloMessage[]> {
    return this.executor.rows(this.sql.pending, [username, domain], toMessage);
  }

  deleteByIds(ids: readonly number[]): Promise<number> {
    return this.byIdChunks(this.sql.deleteIn, ids);
  }

  deleteExpired(now: number): Promise<number> {
    return this.executor.write(this.sql.deleteExpired, [now]);
  }

  dueReminders(now: number): Promise<SiloMessage[]> {
    return this.executor.rows(this.sql.reminders, [now], toMessage);
  }

  resetSendTime(ids: readonly number[]): Promise<number> {
    return this.byIdChunks(this.sql.resetIn, ids);
  }

  private async byIdChunks(prefix: string, ids: readonly number[]): Promise<number> {
    let total = 0;
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const chunk = ids.slice(start, start + ID_CHUNK);
      total += await this.executor.write(`${prefix}(${placeholders(chunk.length)})`, chunk);
    }
    return total;
  }
}
