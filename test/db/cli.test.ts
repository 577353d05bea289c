// `serc db init` through the real entry point, as a user runs it.
import BetterSqlite3 from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freeTcpPort } from '../support/mariadb.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'serc-dbcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function serc(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/serc.mjs'), ...args], {
      cwd: dir,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('serc db init', () => {
  it('--print shows the CREATE TABLE for silo and location (SQLite, the default URL)', async () => {
    const result = await serc('db', 'init', '--print');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('CREATE TABLE IF NOT EXISTS "silo" (');
    expect(result.stdout).toContain('CREATE TABLE IF NOT EXISTS "location" (');
    expect(result.stdout).toContain("VALUES ('silo', 8)");
    // Printing touches no database.
    const db = await serc('db', 'init', '--print', '--url', 'sqlite:///nonexistent-dir/never.db');
    expect(db.code).toBe(0);
  });

  it('--print with a mysql URL prints MySQL DDL without connecting; --table narrows it', async () => {
    const result = await serc(
      'db',
      'init',
      '--print',
      '--table',
      'silo',
      '--url',
      'mysql://u:p@127.0.0.1:1/none',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('CREATE TABLE IF NOT EXISTS `silo` (');
    expect(result.stdout).toContain('INT(10) UNSIGNED AUTO_INCREMENT');
    expect(result.stdout).not.toContain('`location`');
  });

  it('applies the schema to a SQLite file', async () => {
    const file = join(dir, 'applied.db');
    const result = await serc('db', 'init', '--url', `sqlite://${file}`);
    expect(result.code).toBe(0);
    const db = new BetterSqlite3(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    db.close();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual([
      'location',
      'silo',
      'sqlite_sequence',
      'version',
    ]);
  });

  it('exits 2 for an unsupported URL and 1 when the database is unreachable', async () => {
    const bad = await serc('db', 'init', '--url', 'postgres://u:p@h/db');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unsupported db_url');
    const port = await freeTcpPort();
    const down = await serc('db', 'init', '--url', `mysql://u:secret@127.0.0.1:${port}/serc`);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('ECONNREFUSED');
    expect(down.stderr).not.toContain('secret');
  });
});
