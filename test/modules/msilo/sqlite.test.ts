// msilo over a real SQLite `silo` table through runtime/db.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../runtime/db/index.js';
import { Msilo, siloStorage } from '../../../runtime/modules/msilo/index.js';
import { MESSAGE_HEADERS, msiloRequest, ScriptedUac } from './doubles.js';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serc-msilo-'));
  db = await openDatabase(`sqlite://${join(dir, 'serc.db')}`);
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const REGISTER = msiloRequest({
  method: 'REGISTER',
  headers: [
    'To: <sip:bob@example.com>',
    'From: <sip:bob@example.com>;tag=1',
    'Contact: <sip:bob@192.0.2.5>',
    'Expires: 60',
  ],
});

describe('msilo on SQLite', () => {
  it('store commits one row; dump sends it; the 2xx deletes it; a failure keeps it', async () => {
    const storage = await db.silo();
    const uac = new ScriptedUac();
    const msilo = new Msilo({ storage, uac });
    const body = 'héllo — 1';
    expect(await msilo.store(msiloRequest({ headers: [...MESSAGE_HEADERS, 'X-Tag: t'], body }))).toBe(1);
    expect(await msilo.store(msiloRequest({ headers: MESSAGE_HEADERS, body: 'second' }))).toBe(1);
    const rows = await storage.pendingByOwner('bob', 'example.com');
    expect(rows.map((r) => [r.srcAddr, r.dstAddr, r.ctype, r.extraHdrs])).toEqual([
      ['sip:alice@example.com', 'sip:bob@example.com', 'text/plain', 'X-Tag: t\r\n'],
      ['sip:alice@example.com', 'sip:bob@example.com', 'text/plain', ''],
    ]);
    expect(rows[0]!.body.toString()).toBe(body);

    expect(await msilo.dump(REGISTER)).toBe(1);
    expect(uac.sent.map((m) => m.body.toString().replace(/^\[Offline message - .{24}\] /, ''))).toEqual([
      body,
      'second',
    ]);
    await uac.answer(200);
    await uac.answer(486);
    const left = await storage.pendingByOwner('bob', 'example.com');
    expect(left.map((r) => r.body.toString())).toEqual(['second']);
  });

  it('a store that could not be opened is opened again on the next call', async () => {
    let attempts = 0;
    const storage = siloStorage(async () => {
      attempts++;
      if (attempts === 1) throw new Error('database unavailable');
      return db.silo();
    });
    const msilo = new Msilo({ storage, uac: new ScriptedUac() });
    const req = msiloRequest({ headers: MESSAGE_HEADERS, body: 'x' });
    expect(await msilo.store(req)).toBe(-1);
    expect(await msilo.store(req)).toBe(1);
    expect(await msilo.store(req)).toBe(1);
    expect(attempts).toBe(2);
  });
});
