// The storage contract on a real MariaDB (a private server started for this file), plus what only a
// server can show: two pools sharing rows, and an outage that fails fast and heals by itself.
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DatabaseUnavailableError,
  openDatabase,
  type Database,
  type LocationStore,
  type SiloStore,
} from '../../runtime/db/index.js';
import { runDbInit } from '../../compiler/commands/db.js';
import { freeTcpPort, startMariaDb, type MariaDbServer } from '../support/mariadb.js';
import { contact, describeStoreContract } from './store-contract.js';

let server: MariaDbServer;
beforeAll(async () => {
  server = await startMariaDb();
});
afterAll(async () => {
  await server?.dispose();
});

describeStoreContract('MariaDB', {
  url: () => server.url,
  async columnsOf(table) {
    const connection = await createConnection(server.url);
    try {
      const [rows] = await connection.execute(
        'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
        ['serc', table],
      );
      return (rows as { name: string }[]).map((row) => row.name);
    } finally {
      await connection.end();
    }
  },
});

const NOW = 1_900_000_000;
const message = (body: string) => ({
  srcAddr: 'sip:bob@example.com',
  dstAddr: 'sip:alice@example.com',
  username: 'alice',
  domain: 'example.com',
  incTime: NOW,
  expTime: NOW + 3600,
  body,
});

describe('MariaDB server behaviour', () => {
  it('keeps Kamailio MySQL types for silo and location', async () => {
    const db = await openDatabase(server.url);
    await db.createSchema();
    await db.close();
    const connection = await createConnection(server.url);
    try {
      const [rows] = await connection.execute(
        'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, COLUMN_DEFAULT AS d, IS_NULLABLE AS n ' +
          "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'serc' AND TABLE_NAME IN ('silo', 'location')",
      );
      const column = (t: string, c: string) =>
        (rows as { t: string; c: string }[]).find((r) => r.t === t && r.c === c);
      expect(column('silo', 'id')).toMatchObject({ type: 'int(10) unsigned', n: 'NO' });
      expect(column('silo', 'src_addr')).toMatchObject({ type: 'varchar(255)', d: "''" });
      expect(column('silo', 'ctype')).toMatchObject({ type: 'varchar(32)', d: "'text/plain'" });
      expect(column('silo', 'body')).toMatchObject({ type: 'blob', n: 'YES' });
      expect(column('location', 'contact')).toMatchObject({ type: 'varchar(512)', n: 'NO' });
      expect(column('location', 'domain')).toMatchObject({ type: 'varchar(64)', n: 'YES' });
      expect(column('location', 'expires')).toMatchObject({ type: 'datetime', d: "'2030-05-28 21:32:15'" });
      expect(column('location', 'q')).toMatchObject({ type: 'float(10,2)' });
      expect(column('location', 'callid')).toMatchObject({ d: "'Default-Call-ID'" });
      const [indexes] = await connection.execute(
        "SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'serc' AND TABLE_NAME = 'location' ORDER BY INDEX_NAME",
      );
      expect((indexes as { name: string }[]).map((r) => r.name)).toEqual([
        'account_contact_idx',
        'connection_idx',
        'expires_idx',
        'PRIMARY',
        'ruid_idx',
        'tcpcon_idx',
      ]);
    } finally {
      await connection.end();
    }
  });

  it("two separate pools see each other's writes (two serc processes, usrloc db_mode 3)", async () => {
    const first = await openDatabase(server.url);
    const second = await openDatabase(server.url);
    try {
      const table = 'location_shared';
      const [here, there] = [await first.location({ table }), await second.location({ table })];
      await here.upsert(contact({ ruid: 'shared-1' }));
      expect((await there.byAor('alice', 'example.com', NOW)).map((c) => c.ruid)).toEqual(['shared-1']);
      await there.deleteByRuid('shared-1');
      expect(await here.byAor('alice', 'example.com', NOW)).toEqual([]);

      const [siloHere, siloThere] = [
        await first.silo({ table: 'silo_shared' }),
        await second.silo({ table: 'silo_shared' }),
      ];
      const id = await siloHere.insert(message('across pools'));
      expect((await siloThere.pendingByOwner('alice', 'example.com')).map((m) => m.id)).toEqual([id]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  describe('outage', () => {
    let db: Database;
    let silo: SiloStore;
    let location: LocationStore;
    beforeAll(async () => {
      db = await openDatabase(server.url);
      silo = await db.silo({ table: 'silo_outage' });
      location = await db.location({ table: 'location_outage' });
      // Warm the pool, so stale pooled connections are part of what the outage tests exercise.
      await Promise.all([silo.countByOwner('alice', 'example.com'), location.all()]);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('stopped server: operations reject with DatabaseUnavailableError; started again: the same object works', async () => {
      const before = await silo.insert(message('before'));
      await server.stop();
      await expect(silo.insert(message('during'))).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(location.byAor('alice', 'example.com', NOW)).rejects.toBeInstanceOf(
        DatabaseUnavailableError,
      );
      await expect(silo.pendingByOwner('alice', 'example.com')).rejects.toBeInstanceOf(
        DatabaseUnavailableError,
      );

      await server.start();
      const after = await silo.insert(message('after'));
      expect(
        (await silo.pendingByOwner('alice', 'example.com')).map((m) => [m.id, m.body.toString()]),
      ).toEqual([
        [before, 'before'],
        [after, 'after'],
      ]);
      await location.upsert(contact({ ruid: 'after-outage' }));
      expect((await location.byAor('alice', 'example.com', NOW)).map((c) => c.ruid)).toEqual([
        'after-outage',
      ]);
    }, 60_000);

    it('crashed server (SIGKILL): rejects, then recovers with committed rows intact', async () => {
      const committed = await silo.insert(message('committed before crash'));
      await server.kill();
      await expect(silo.countByOwner('alice', 'example.com')).rejects.toBeInstanceOf(
        DatabaseUnavailableError,
      );
      await server.start();
      const pending = await silo.pendingByOwner('alice', 'example.com');
      expect(pending.map((m) => m.id)).toContain(committed);
    }, 60_000);
  });

  it('a hung server (SIGSTOP) makes operations reject at the deadline instead of hanging', async () => {
    const db = await openDatabase(server.url, { operationTimeoutMs: 1000, connectTimeoutMs: 1000 });
    try {
      const silo = await db.silo({ table: 'silo_hung' });
      await silo.countByOwner('alice', 'example.com');
      server.pause();
      const error = await silo.insert(message('while hung')).catch((e: unknown) => e);
      server.resume();
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      // Once the server answers again, the pool serves requests with fresh connections.
      expect(await silo.countByOwner('nobody', 'example.com')).toBe(0);
    } finally {
      server.resume();
      await db.close();
    }
  }, 60_000);

  it('serc db init applies the schema to MariaDB, and running it again is harmless', async () => {
    const lines: string[] = [];
    const output = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
    expect(await runDbInit({ url: server.url, print: false, table: 'all' }, output)).toBe(0);
    expect(await runDbInit({ url: server.url, print: false, table: 'silo' }, output)).toBe(0);
    expect(lines.join('')).not.toContain('sercpw');
    const db = await openDatabase(server.url, { createSchema: false });
    try {
      expect(await db.tableVersion('silo')).toBe(8);
      expect(await db.tableVersion('location')).toBe(9);
    } finally {
      await db.close();
    }
  });

  it('opening an unreachable server rejects with DatabaseUnavailableError', async () => {
    const port = await freeTcpPort();
    const error = await openDatabase(`mysql://serc:sercpw@127.0.0.1:${port}/serc`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(String((error as Error).message)).not.toContain('sercpw');
  });

  it('wrong credentials reject with DatabaseUnavailableError', async () => {
    const error = await openDatabase(server.url.replace('sercpw', 'wrong')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as DatabaseUnavailableError).code).toBe('ER_ACCESS_DENIED_ERROR');
  });
});
