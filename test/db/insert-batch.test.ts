// Group commit of SQLite INSERTs: one transaction per event-loop turn, callers settled after COMMIT,
// statement order kept, and the failure policy of runtime/db/insert-batch.ts.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../runtime/db/index.js';
import { openSqlite } from '../../runtime/db/sqlite.js';
import type { SqliteExecutor } from '../../runtime/db/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'serc-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INSERT = 'INSERT INTO t (name) VALUES (?)';

async function openTable(name: string, busyTimeoutMs = 1000): Promise<{ db: SqliteExecutor; path: string }> {
  const path = join(dir, `${name}.db`);
  const db = openSqlite({ driver: 'sqlite', path }, { busyTimeoutMs });
  await db.apply([
    { sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE)', params: [] },
  ]);
  return { db, path };
}

/** Names in the table as another connection sees them, i.e. only what is committed. */
function committedNames(path: string): string[] {
  const other = new BetterSqlite3(path, { readonly: true });
  try {
    return (other.prepare('SELECT name FROM t ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  } finally {
    other.close();
  }
}

describe('SQLite insert batching', () => {
  it('runs the inserts of one turn in one transaction and resolves each after the COMMIT', async () => {
    const { db, path } = await openTable('one-turn');
    const names = Array.from({ length: 25 }, (_, i) => `n${i}`);
    const before = db.batcher.committedBatches;
    const seenAtResolve: number[] = [];
    const ids = await Promise.all(
      names.map((n) =>
        db.insert(INSERT, [n]).then((id) => {
          seenAtResolve.push(committedNames(path).length);
          return id;
        }),
      ),
    );
    expect(db.batcher.committedBatches - before).toBe(1);
    // Ids in issue order, one per row, and every caller saw all rows committed when it was resolved.
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(names.length);
    expect(seenAtResolve.every((n) => n === names.length)).toBe(true);
    expect(committedNames(path)).toEqual(names);
    await db.close();
  });

  it('inserts of different turns commit separately', async () => {
    const { db } = await openTable('two-turns');
    const before = db.batcher.committedBatches;
    await db.insert(INSERT, ['a']);
    await db.insert(INSERT, ['b']);
    expect(db.batcher.committedBatches - before).toBe(2);
    await db.close();
  });

  it('a statement issued after queued inserts sees them (order preserved)', async () => {
    const { db, path } = await openTable('order');
    const first = db.insert(INSERT, ['x']);
    const updated = db.write('UPDATE t SET name = ? WHERE name = ?', ['y', 'x']);
    const third = db.insert(INSERT, ['x']);
    const rows = db.rows('SELECT name FROM t ORDER BY id', [], (r) => String(r[0]));
    expect(await updated).toBe(1);
    expect(await rows).toEqual(['y', 'x']);
    expect((await first) < (await third)).toBe(true);
    expect(committedNames(path)).toEqual(['y', 'x']);
    await db.close();
  });

  it('a row that violates a constraint fails alone: the batch is rolled back and retried row by row', async () => {
    const { db, path } = await openTable('row-error');
    const results = await Promise.allSettled([
      db.insert(INSERT, ['a']),
      db.insert(INSERT, ['dup']),
      db.insert(INSERT, ['dup']),
      db.insert(INSERT, [null]),
      db.insert(INSERT, ['b']),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    for (const r of results)
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(DatabaseUnavailableError);
        expect((r.reason as DatabaseUnavailableError).code).toMatch(/^SQLITE_CONSTRAINT/);
      }
    expect(committedNames(path)).toEqual(['a', 'dup', 'b']);
    await db.close();
  });

  it('a database-level failure rejects every caller of the batch and stores nothing', async () => {
    const { db, path } = await openTable('busy', 50);
    const other = new BetterSqlite3(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const results = await Promise.allSettled([db.insert(INSERT, ['a']), db.insert(INSERT, ['b'])]);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        if (r.status === 'rejected') expect((r.reason as DatabaseUnavailableError).code).toBe('SQLITE_BUSY');
      }
      other.exec('COMMIT');
      expect(committedNames(path)).toEqual([]);
      expect(await db.insert(INSERT, ['c'])).toBeGreaterThan(0);
      expect(committedNames(path)).toEqual(['c']);
    } finally {
      other.close();
      await db.close();
    }
  });

  it('close() commits inserts still queued', async () => {
    const { db, path } = await openTable('close');
    const pending = db.insert(INSERT, ['late']);
    await db.close();
    expect(await pending).toBeGreaterThan(0);
    expect(committedNames(path)).toEqual(['late']);
  });
});
