// The storage contract on SQLite (better-sqlite3) in a temp directory, plus SQLite-only behaviour.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase } from '../../runtime/db/index.js';
import { describeStoreContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'serc-sqlite-'));
const file = join(dir, 'serc.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('SQLite', {
  url: () => `sqlite://${file}`,
  async columnsOf(table) {
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      return (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    } finally {
      db.close();
    }
  },
});

describe('SQLite specifics', () => {
  it('opens in WAL mode', async () => {
    const db = await openDatabase(`sqlite://${join(dir, 'wal.db')}`);
    await db.silo();
    await db.close();
    const raw = new BetterSqlite3(join(dir, 'wal.db'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('resolves sqlite://relative/path against cwd, creating missing directories', async () => {
    const db = await openDatabase('sqlite://nested/dir/rel.db', { cwd: dir });
    const silo = await db.silo();
    await silo.insert({
      srcAddr: 's',
      dstAddr: 'd',
      username: 'u',
      domain: 'd',
      incTime: 1,
      expTime: 2,
      body: 'b',
    });
    await db.close();
    const raw = new BetterSqlite3(join(dir, 'nested/dir/rel.db'), { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM silo').get()).toEqual({ n: 1 });
    raw.close();
  });

  it('a write lock held by another process makes writes reject with SQLITE_BUSY, then succeed once released', async () => {
    const path = join(dir, 'locked.db');
    const db = await openDatabase(`sqlite://${path}`, { busyTimeoutMs: 50 });
    const silo = await db.silo();
    const other = new BetterSqlite3(path);
    const message = {
      srcAddr: 's',
      dstAddr: 'd',
      username: 'u',
      domain: 'd',
      incTime: 1,
      expTime: 2,
      body: 'b',
    };
    try {
      other.exec('BEGIN IMMEDIATE');
      const error = await silo.insert(message).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as DatabaseUnavailableError).code).toBe('SQLITE_BUSY');
      other.exec('COMMIT');
      expect(await silo.insert(message)).toBeGreaterThan(0);
    } finally {
      other.close();
      await db.close();
    }
  });

  it('does not create tables when opened with createSchema: false', async () => {
    const path = join(dir, 'bare.db');
    const db = await openDatabase(`sqlite://${path}`, { createSchema: false });
    const silo = await db.silo();
    // The first statement meets the missing table and reports it as an unavailable database.
    await expect(silo.countByOwner('a', 'b')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await db.close();
  });
});
