// better-sqlite3 driver: synchronous underneath, so each call settles a ready-made promise, and every
// statement is prepared once and cached by its text. INSERTs are group-committed per event-loop turn
// (insert-batch.ts) and resolve after their COMMIT; any other statement first commits the queued INSERTs,
// so statements still take effect in the order they were issued.
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { unavailable } from './errors.js';
import { InsertBatcher } from './insert-batch.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import type { SchemaStatement } from './schema.js';
import type { SqliteLocation } from './url.js';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

export interface SqliteOptions {
  readonly busyTimeoutMs: number;
}

export class SqliteExecutor implements SqlExecutor {
  readonly driver = 'sqlite' as const;
  private readonly writes = new Map<string, Statement>();
  private readonly reads = new Map<string, Statement>();
  readonly batcher = new InsertBatcher({
    runInsert: (sql, params) => Number(this.writeStatement(sql).run(...params).lastInsertRowid),
    inTransaction: (body) => this.db.transaction(body)(),
  });

  constructor(private readonly db: BetterSqlite3.Database) {}

  private writeStatement(sql: string): Statement {
    let statement = this.writes.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.writes.set(sql, statement);
    }
    return statement;
  }

  private readStatement(sql: string): Statement {
    let statement = this.reads.get(sql);
    if (!statement) {
      // raw(): rows as arrays in select-list order, whatever the (overridable) column names are.
      statement = this.db.prepare(sql).raw(true);
      this.reads.set(sql, statement);
    }
    return statement;
  }

  insert(sql: string, params: readonly SqlValue[]): Promise<number> {
    return this.batcher.insert(sql, params);
  }

  write(sql: string, params: readonly SqlValue[]): Promise<number> {
    try {
      this.batcher.flush();
      return Promise.resolve(this.writeStatement(sql).run(...params).changes);
    } catch (error) {
      return Promise.reject(unavailable('sqlite write', error));
    }
  }

  rows<T>(sql: string, params: readonly SqlValue[], map: (row: readonly unknown[]) => T): Promise<T[]> {
    try {
      this.batcher.flush();
      const rows = this.readStatement(sql).all(...params) as unknown[][];
      return Promise.resolve(rows.map(map));
    } catch (error) {
      return Promise.reject(unavailable('sqlite query', error));
    }
  }

  apply(statements: readonly SchemaStatement[]): Promise<void> {
    try {
      this.batcher.flush();
      this.db.transaction(() => {
        for (const statement of statements) this.db.prepare(statement.sql).run(...statement.params);
      })();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(unavailable('sqlite schema', error));
    }
  }

  close(): Promise<void> {
    if (this.db.open) this.batcher.flush();
    this.writes.clear();
    this.reads.clear();
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

export function openSqlite(location: SqliteLocation, options: SqliteOptions): SqliteExecutor {
  try {
    if (location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
    // `timeout` is SQLite's busy_timeout: wait for another process's lock instead of failing at once.
    const db = new BetterSqlite3(location.path, { timeout: options.busyTimeoutMs });
    // WAL: readers never block the writer, and several serc processes can share the file.
    db.pragma('journal_mode = WAL');
    return new SqliteExecutor(db);
  } catch (error) {
    throw unavailable(`cannot open sqlite database ${location.path}`, error);
  }
}
