// db_url parsing: the scheme picks the driver, as in Kamailio (`sqlite:///path`, `mysql://u:p@host/db`).
import { isAbsolute, resolve } from 'node:path';
import { DatabaseConfigError } from './errors.js';

export interface SqliteLocation {
  readonly driver: 'sqlite';
  /** Absolute file path, or `:memory:`. */
  readonly path: string;
}

export interface MysqlLocation {
  readonly driver: 'mysql';
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export type DbLocation = SqliteLocation | MysqlLocation;
export type DbDriver = DbLocation['driver'];

const MYSQL_DEFAULT_PORT = 3306;

/** The database used when a script configures none: a SQLite file in the working directory. */
export function defaultDbUrl(cwd: string = process.cwd()): string {
  return `sqlite://${resolve(cwd, 'serc.db')}`;
}

/**
 * `sqlite:///abs/path` is absolute; `sqlite://rel/path` is relative to `cwd` (as Kamailio's db_sqlite
 * reads it); `sqlite://:memory:` is a private in-memory database.
 */
function parseSqlite(rest: string, cwd: string): SqliteLocation {
  const path = rest.split('?')[0] ?? '';
  if (path === '' || path === '/')
    throw new DatabaseConfigError('sqlite db_url names no file: sqlite:///path/to/file.db');
  if (path === ':memory:') return { driver: 'sqlite', path };
  return { driver: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

function parseMysql(url: string): MysqlLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(
      `malformed mysql db_url ${redactDbUrl(url)}: expected mysql://user:pass@host[:port]/db`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!parsed.hostname || !database || database.includes('/')) {
    throw new DatabaseConfigError(
      `mysql db_url ${redactDbUrl(url)} needs a host and a database: mysql://user:pass@host[:port]/db`,
    );
  }
  return {
    driver: 'mysql',
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : MYSQL_DEFAULT_PORT,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

export function parseDbUrl(url: string, cwd: string = process.cwd()): DbLocation {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  const scheme = match?.[1]?.toLowerCase();
  if (scheme === 'sqlite') return parseSqlite(url.slice(match?.[0].length ?? 0), cwd);
  if (scheme === 'mysql') return parseMysql(url);
  throw new DatabaseConfigError(
    `unsupported db_url ${redactDbUrl(url)}: serc stores data in sqlite:///path/to/file.db or mysql://user:pass@host[:port]/db`,
  );
}

/** The URL with its password hidden, for messages and logs. */
export function redactDbUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
