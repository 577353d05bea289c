// openDatabase(): the db_url picks the driver; the Database hands out stores whose tables exist.
import {
  DEFAULT_LOCATION_COLUMNS,
  DEFAULT_LOCATION_TABLE,
  DEFAULT_SILO_COLUMNS,
  DEFAULT_SILO_TABLE,
  checkIdentifier,
  quoteIdentifier,
  resolveColumns,
} from './columns.js';
import type { SqlExecutor } from './executor.js';
import { SqlLocationStore } from './location-store.js';
import { openMysql } from './mysql.js';
import {
  SCHEMA_TABLE_KINDS,
  defaultTableSpec,
  schemaStatements,
  type SchemaTableKind,
  type TableSpec,
} from './schema.js';
import { SqlSiloStore } from './silo-store.js';
import { openSqlite } from './sqlite.js';
import type {
  Database,
  LocationStore,
  LocationStoreOptions,
  OpenDatabaseOptions,
  SiloStore,
  SiloStoreOptions,
} from './types.js';
import { parseDbUrl, redactDbUrl, type DbDriver } from './url.js';
import { asNumber } from './values.js';

class SqlDatabase implements Database {
  readonly driver: DbDriver;
  /** Tables already created (or checked) through this object, so each is done once. */
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(
    private readonly executor: SqlExecutor,
    readonly url: string,
    private readonly createTables: boolean,
  ) {
    this.driver = executor.driver;
  }

  private ensure(spec: TableSpec): Promise<void> {
    if (!this.createTables) return Promise.resolve();
    let pending = this.ensured.get(spec.table);
    if (!pending) {
      pending = this.executor.apply(schemaStatements(this.driver, [spec]));
      // A failed attempt (database down) is retried by the next caller.
      pending.catch(() => this.ensured.delete(spec.table));
      this.ensured.set(spec.table, pending);
    }
    return pending;
  }

  async silo(options: SiloStoreOptions = {}): Promise<SiloStore> {
    const table = checkIdentifier(options.table ?? DEFAULT_SILO_TABLE, 'silo table name');
    const columns = resolveColumns(DEFAULT_SILO_COLUMNS, options.columns, 'silo');
    await this.ensure({ kind: 'silo', table, columns });
    return new SqlSiloStore(this.executor, table, columns);
  }

  async location(options: LocationStoreOptions = {}): Promise<LocationStore> {
    const table = checkIdentifier(options.table ?? DEFAULT_LOCATION_TABLE, 'location table name');
    const columns = resolveColumns(DEFAULT_LOCATION_COLUMNS, options.columns, 'location');
    await this.ensure({ kind: 'location', table, columns });
    return new SqlLocationStore(this.executor, table, columns);
  }

  createSchema(kinds: readonly SchemaTableKind[] = SCHEMA_TABLE_KINDS): Promise<void> {
    return this.executor.apply(schemaStatements(this.driver, kinds.map(defaultTableSpec)));
  }

  async tableVersion(table: string): Promise<number | undefined> {
    const q = (name: string): string => quoteIdentifier(this.driver, name);
    const rows = await this.executor.rows(
      `SELECT ${q('table_version')} FROM ${q('version')} WHERE ${q('table_name')} = ?`,
      [table],
      (row) => asNumber(row[0]),
    );
    return rows[0];
  }

  close(): Promise<void> {
    return this.executor.close();
  }
}

/**
 * Open the database a db_url names: `sqlite:///abs/path`, `sqlite://rel/path` (relative to cwd) or
 * `mysql://user:pass@host[:port]/db`. Rejects with DatabaseConfigError for an unusable URL and with
 * DatabaseUnavailableError when the database cannot be reached.
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const location = parseDbUrl(url, options.cwd);
  const label = redactDbUrl(url);
  const executor =
    location.driver === 'sqlite'
      ? openSqlite(location, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 })
      : await openMysql(location, label, {
          connectTimeoutMs: options.connectTimeoutMs ?? 2000,
          operationTimeoutMs: options.operationTimeoutMs ?? 5000,
          poolSize: options.poolSize ?? 8,
        });
  return new SqlDatabase(executor, label, options.createSchema ?? true);
}
