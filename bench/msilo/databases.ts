// The storage behind each server side: a SQLite file or a database on a private MariaDB server,
// one per side, created with `serc db init` (Kamailio's silo schema and version table, which
// Kamailio's msilo checks at startup). The harness reads and writes `silo` only between trials.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { startMariaDb, type MariaDbServer } from '../../test/support/mariadb.js';
import type { ServerKind } from './servers.js';

export type BackendName = 'sqlite' | 'mariadb';

/** One row of Kamailio's silo table, as m_store writes it. */
export interface SiloRow {
  readonly username: string;
  readonly domain: string;
  readonly srcAddr: string;
  readonly dstAddr: string;
  readonly body: string;
}

export interface SideDatabase {
  /** db_url for the server (Kamailio's modparam and serc's -m msilo.db_url). */
  readonly url: string;
  countRows(): Promise<number>;
  clear(): Promise<void>;
  insert(rows: readonly SiloRow[]): Promise<void>;
}

export interface Backend {
  readonly name: BackendName;
  readonly version: string;
  side(server: ServerKind): Promise<SideDatabase>;
  dispose(): Promise<void>;
}

const INSERT_SQL =
  'INSERT INTO silo (src_addr, dst_addr, username, domain, inc_time, exp_time, snd_time, ctype, body) ' +
  "VALUES (?, ?, ?, ?, ?, ?, 0, 'text/plain', ?)";

function rowValues(row: SiloRow): (string | number)[] {
  const now = Math.floor(Date.now() / 1000);
  return [row.srcAddr, row.dstAddr, row.username, row.domain, now, now + 3600, row.body];
}

function dbInit(root: string, url: string): void {
  execFileSync(process.execPath, [join(root, 'bin/serc.mjs'), 'db', 'init', '--url', url], { stdio: 'pipe' });
}

function sqliteSide(root: string, dir: string, server: ServerKind): SideDatabase {
  const path = join(dir, `${server}.db`);
  const url = `sqlite://${path}`;
  dbInit(root, url);
  // Open per operation: a connection left open could hold a lock the server trips over.
  const withDb = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(path, { timeout: 10_000 });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    url,
    countRows: () =>
      Promise.resolve(
        withDb((db) => (db.prepare('SELECT COUNT(*) AS n FROM silo').get() as { n: number }).n),
      ),
    clear: () => Promise.resolve(withDb((db) => void db.prepare('DELETE FROM silo').run())),
    insert: (rows) =>
      Promise.resolve(
        withDb((db) => {
          const statement = db.prepare(INSERT_SQL);
          db.transaction(() => rows.forEach((row) => statement.run(...rowValues(row))))();
        }),
      ),
  };
}

export function sqliteBackend(root: string, dir: string): Backend {
  const version = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  return {
    name: 'sqlite',
    version: `SQLite ${version} (better-sqlite3 for serc; the system libsqlite3 for Kamailio's db_sqlite)`,
    side: (server) => Promise.resolve(sqliteSide(root, dir, server)),
    dispose: () => Promise.resolve(),
  };
}

async function mariaSide(root: string, maria: MariaDbServer, server: ServerKind): Promise<SideDatabase> {
  const database = `serc_${server}`;
  const admin = await createConnection({ socketPath: maria.socket, user: 'root' });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS ${database} CHARACTER SET utf8mb4`);
    for (const host of ['%', 'localhost'])
      await admin.query(`GRANT ALL PRIVILEGES ON ${database}.* TO 'serc'@'${host}'`);
  } finally {
    await admin.end();
  }
  const url = `mysql://serc:sercpw@127.0.0.1:${maria.port}/${database}`;
  dbInit(root, url);
  const withDb = async <T>(
    fn: (c: Awaited<ReturnType<typeof createConnection>>) => Promise<T>,
  ): Promise<T> => {
    const c = await createConnection({ socketPath: maria.socket, user: 'root', database });
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    url,
    countRows: () =>
      withDb(async (c) => {
        const [rows] = await c.query('SELECT COUNT(*) AS n FROM silo');
        return Number((rows as { n: number }[])[0]?.n ?? 0);
      }),
    clear: () => withDb(async (c) => void (await c.query('DELETE FROM silo'))),
    insert: (rows) =>
      withDb(async (c) => {
        for (let i = 0; i < rows.length; i += 500) {
          const chunk = rows.slice(i, i + 500);
          const placeholders = chunk.map(() => "(?, ?, ?, ?, ?, ?, 0, 'text/plain', ?)").join(', ');
          await c.query(
            'INSERT INTO silo (src_addr, dst_addr, username, domain, inc_time, exp_time, snd_time, ctype, body) VALUES ' +
              placeholders,
            chunk.flatMap(rowValues),
          );
        }
      }),
  };
}

export async function mariadbBackend(root: string): Promise<Backend> {
  const maria = await startMariaDb();
  const c = await createConnection({ socketPath: maria.socket, user: 'root' });
  const [rows] = await c.query('SELECT VERSION() AS v');
  await c.end();
  return {
    name: 'mariadb',
    version: `MariaDB ${String((rows as { v: string }[])[0]?.v ?? '?')} (private server, one database per side)`,
    side: (server) => mariaSide(root, maria, server),
    dispose: () => maria.dispose(),
  };
}
