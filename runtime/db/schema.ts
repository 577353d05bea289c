// Kamailio's `silo` (version 8) and `location` (version 9) tables and its `version` table, as
// CREATE … IF NOT EXISTS statements: MySQL types exactly as kamctl's mysql scripts, SQLite the nearest
// equivalents as kamctl's db_sqlite scripts use. Names come from the (overridable) column maps.
import {
  DEFAULT_LOCATION_COLUMNS,
  DEFAULT_LOCATION_TABLE,
  DEFAULT_SILO_COLUMNS,
  DEFAULT_SILO_TABLE,
  checkIdentifier,
  quoteIdentifier,
  type LocationColumns,
  type SiloColumns,
} from './columns.js';
import type { DbDriver } from './url.js';

export type SchemaTableKind = 'silo' | 'location';
export const SCHEMA_TABLE_KINDS: readonly SchemaTableKind[] = ['silo', 'location'];

/** The `version` table rows Kamailio's modules check at startup. */
export const TABLE_VERSIONS: Readonly<Record<SchemaTableKind | 'version', number>> = Object.freeze({
  version: 1,
  silo: 8,
  location: 9,
});

export type TableSpec =
  | { readonly kind: 'silo'; readonly table: string; readonly columns: SiloColumns }
  | { readonly kind: 'location'; readonly table: string; readonly columns: LocationColumns };

export function defaultTableSpec(kind: SchemaTableKind): TableSpec {
  return kind === 'silo'
    ? { kind, table: DEFAULT_SILO_TABLE, columns: DEFAULT_SILO_COLUMNS }
    : { kind, table: DEFAULT_LOCATION_TABLE, columns: DEFAULT_LOCATION_COLUMNS };
}

export interface SchemaStatement {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/** One column: its name and its type-and-default clause per dialect. */
type ColumnDef = readonly [name: string, mysql: string, sqlite: string];
interface IndexDef {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

const MYSQL_ID = 'INT(10) UNSIGNED AUTO_INCREMENT PRIMARY KEY NOT NULL';
// AUTOINCREMENT keeps ids from being reused after deletes, as MySQL's AUTO_INCREMENT does.
const SQLITE_ID = 'INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL';

function varchar(length: number, tail: string): readonly [string, string] {
  return [`VARCHAR(${length}) ${tail}`, `VARCHAR(${length}) ${tail}`];
}

function int(tail: string, width = ''): readonly [string, string] {
  return [`INT${width} ${tail}`, `INTEGER ${tail}`];
}

function siloColumns(c: SiloColumns): ColumnDef[] {
  return [
    [c.id, MYSQL_ID, SQLITE_ID],
    [c.srcAddr, ...varchar(255, "DEFAULT '' NOT NULL")],
    [c.dstAddr, ...varchar(255, "DEFAULT '' NOT NULL")],
    [c.username, ...varchar(64, "DEFAULT '' NOT NULL")],
    [c.domain, ...varchar(64, "DEFAULT '' NOT NULL")],
    [c.incTime, ...int('DEFAULT 0 NOT NULL')],
    [c.expTime, ...int('DEFAULT 0 NOT NULL')],
    [c.sndTime, ...int('DEFAULT 0 NOT NULL')],
    [c.ctype, ...varchar(32, "DEFAULT 'text/plain' NOT NULL")],
    [c.body, 'BLOB', 'BLOB'],
    [c.extraHdrs, 'TEXT', 'TEXT'],
    [c.callid, ...varchar(128, "DEFAULT '' NOT NULL")],
    [c.status, ...int('DEFAULT 0 NOT NULL')],
  ];
}

function siloIndexes(c: SiloColumns): IndexDef[] {
  return [{ name: 'account_idx', columns: [c.username, c.domain] }];
}

const DATETIME = (value: string): readonly [string, string] => [
  `DATETIME DEFAULT '${value}' NOT NULL`,
  `TIMESTAMP WITHOUT TIME ZONE DEFAULT '${value}' NOT NULL`,
];

function locationColumns(c: LocationColumns): ColumnDef[] {
  return [
    [c.id, MYSQL_ID, SQLITE_ID],
    [c.ruid, ...varchar(64, "DEFAULT '' NOT NULL")],
    [c.username, ...varchar(64, "DEFAULT '' NOT NULL")],
    [c.domain, ...varchar(64, 'DEFAULT NULL')],
    [c.contact, ...varchar(512, "DEFAULT '' NOT NULL")],
    [c.received, ...varchar(128, 'DEFAULT NULL')],
    [c.path, ...varchar(512, 'DEFAULT NULL')],
    [c.expires, ...DATETIME('2030-05-28 21:32:15')],
    [c.q, 'FLOAT(10,2) DEFAULT 1.0 NOT NULL', 'REAL DEFAULT 1.0 NOT NULL'],
    [c.callid, ...varchar(255, "DEFAULT 'Default-Call-ID' NOT NULL")],
    [c.cseq, ...int('DEFAULT 1 NOT NULL', '(11)')],
    [c.lastModified, ...DATETIME('2000-01-01 00:00:01')],
    [c.flags, ...int('DEFAULT 0 NOT NULL', '(11)')],
    [c.cflags, ...int('DEFAULT 0 NOT NULL', '(11)')],
    [c.userAgent, ...varchar(255, "DEFAULT '' NOT NULL")],
    [c.socket, ...varchar(64, 'DEFAULT NULL')],
    [c.methods, ...int('DEFAULT NULL', '(11)')],
    [c.instance, ...varchar(255, 'DEFAULT NULL')],
    [c.regId, ...int('DEFAULT 0 NOT NULL', '(11)')],
    [c.serverId, ...int('DEFAULT 0 NOT NULL', '(11)')],
    [c.connectionId, ...int('DEFAULT 0 NOT NULL', '(11)')],
    [c.keepalive, ...int('DEFAULT 0 NOT NULL', '(11)')],
    [c.partition, ...int('DEFAULT 0 NOT NULL', '(11)')],
  ];
}

function locationIndexes(c: LocationColumns): IndexDef[] {
  return [
    { name: 'ruid_idx', columns: [c.ruid], unique: true },
    { name: 'account_contact_idx', columns: [c.username, c.domain, c.contact] },
    { name: 'expires_idx', columns: [c.expires] },
    { name: 'tcpcon_idx', columns: [c.connectionId] },
    { name: 'connection_idx', columns: [c.serverId, c.connectionId] },
  ];
}

function versionTable(driver: DbDriver): string {
  const q = (name: string): string => quoteIdentifier(driver, name);
  return driver === 'mysql'
    ? `CREATE TABLE IF NOT EXISTS ${q('version')} (\n` +
        `    ${q('id')} ${MYSQL_ID},\n` +
        `    ${q('table_name')} VARCHAR(32) NOT NULL,\n` +
        `    ${q('table_version')} INT UNSIGNED DEFAULT 0 NOT NULL,\n` +
        `    CONSTRAINT table_name_idx UNIQUE (${q('table_name')})\n)`
    : `CREATE TABLE IF NOT EXISTS ${q('version')} (\n` +
        `    ${q('id')} ${SQLITE_ID},\n` +
        `    ${q('table_name')} VARCHAR(32) NOT NULL,\n` +
        `    ${q('table_version')} INTEGER DEFAULT 0 NOT NULL,\n` +
        `    CONSTRAINT version_table_name_idx UNIQUE (${q('table_name')})\n)`;
}

function versionRow(driver: DbDriver, table: string, version: number): SchemaStatement {
  const verb = driver === 'mysql' ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
  return {
    sql: `${verb} ${quoteIdentifier(driver, 'version')} (table_name, table_version) VALUES (?, ?)`,
    params: [table, version],
  };
}

function createTable(driver: DbDriver, spec: TableSpec): SchemaStatement[] {
  const table = checkIdentifier(spec.table, `${spec.kind} table name`);
  const q = (name: string): string => quoteIdentifier(driver, name);
  const [columns, indexes] =
    spec.kind === 'silo'
      ? [siloColumns(spec.columns), siloIndexes(spec.columns)]
      : [locationColumns(spec.columns), locationIndexes(spec.columns)];
  const lines = columns.map(
    ([name, mysql, sqlite]) => `    ${q(name)} ${driver === 'mysql' ? mysql : sqlite}`,
  );
  const statements: SchemaStatement[] = [];
  const list = (index: IndexDef): string => index.columns.map(q).join(', ');
  if (driver === 'mysql') {
    // Inline keys: MySQL has no CREATE INDEX IF NOT EXISTS, and this keeps the table one statement.
    for (const index of indexes) {
      lines.push(
        index.unique
          ? `    CONSTRAINT ${index.name} UNIQUE (${list(index)})`
          : `    INDEX ${index.name} (${list(index)})`,
      );
    }
    statements.push({ sql: `CREATE TABLE IF NOT EXISTS ${q(table)} (\n${lines.join(',\n')}\n)`, params: [] });
  } else {
    // SQLite index names are per database, so they carry the table name as kamctl's sqlite scripts do.
    for (const index of indexes.filter((i) => i.unique)) {
      lines.push(`    CONSTRAINT ${table}_${index.name} UNIQUE (${list(index)})`);
    }
    statements.push({ sql: `CREATE TABLE IF NOT EXISTS ${q(table)} (\n${lines.join(',\n')}\n)`, params: [] });
    for (const index of indexes.filter((i) => !i.unique)) {
      statements.push({
        sql: `CREATE INDEX IF NOT EXISTS ${q(`${table}_${index.name}`)} ON ${q(table)} (${list(index)})`,
        params: [],
      });
    }
  }
  statements.push(versionRow(driver, table, TABLE_VERSIONS[spec.kind]));
  return statements;
}

/** Every statement that creates the `version` table and the given tables when absent, in order. */
export function schemaStatements(driver: DbDriver, specs: readonly TableSpec[]): SchemaStatement[] {
  return [
    { sql: versionTable(driver), params: [] },
    versionRow(driver, 'version', TABLE_VERSIONS.version),
    ...specs.flatMap((spec) => createTable(driver, spec)),
  ];
}

function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

/** The statements as a script a DBA can read or pipe into `mysql` / `sqlite3` (`serc db init --print`). */
export function renderSchemaSql(statements: readonly SchemaStatement[]): string {
  let index = 0;
  return statements
    .map((statement) => {
      index = 0;
      return `${statement.sql.replace(/\?/g, () => literal(statement.params[index++] ?? ''))};\n`;
    })
    .join('\n');
}
