// msilo on a private MariaDB: m_store answers -1 (the script's 503) while the database is down —
// also when it was already down when serc started — and 1 again once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../runtime/db/index.js';
import { Msilo, siloStorage } from '../../../runtime/modules/msilo/index.js';
import { startMariaDb, type MariaDbServer } from '../../support/mariadb.js';
import { MESSAGE_HEADERS, msiloRequest, ScriptedUac } from './doubles.js';

let server: MariaDbServer;
const opened: Database[] = [];

beforeAll(async () => {
  server = await startMariaDb();
});

afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  await server?.dispose();
});

describe('msilo on MariaDB', () => {
  it('database down at start, up, down, up: -1, 1, -1, 1; the stored rows are all delivered', async () => {
    await server.stop();
    const uac = new ScriptedUac();
    const msilo = new Msilo({
      uac,
      storage: siloStorage(async () => {
        const db = await openDatabase(server.url, { connectTimeoutMs: 1000, operationTimeoutMs: 3000 });
        opened.push(db);
        return db.silo();
      }),
    });
    const message = (body: string) => msiloRequest({ headers: MESSAGE_HEADERS, body });

    expect(await msilo.store(message('lost'))).toBe(-1);
    await server.start();
    expect(await msilo.store(message('first'))).toBe(1);
    await server.stop();
    try {
      expect(await msilo.store(message('lost again'))).toBe(-1);
    } finally {
      await server.start();
    }
    expect(await msilo.store(message('second'))).toBe(1);

    const register = msiloRequest({
      method: 'REGISTER',
      headers: ['To: <sip:bob@example.com>', 'Contact: <sip:bob@192.0.2.8>'],
    });
    expect(await msilo.dump(register)).toBe(1);
    expect(uac.sent.map((m) => m.body.toString().replace(/^\[Offline message - .{24}\] /, ''))).toEqual([
      'first',
      'second',
    ]);
  });
});
