// Two registrars (one pool each, as two serc processes would have) sharing a private MariaDB with
// usrloc db_mode 3; and what save/lookup answer while the database is down and after it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../runtime/db/index.js';
import { Registrar } from '../../../runtime/modules/registrar/index.js';
import { locationBackend, systemClock, Usrloc } from '../../../runtime/modules/usrloc/index.js';
import { startMariaDb, type MariaDbServer } from '../../support/mariadb.js';
import { register, replies, Target } from '../registrar/harness.js';

let server: MariaDbServer;
const dbs: Database[] = [];

beforeAll(async () => {
  server = await startMariaDb();
});

afterAll(async () => {
  for (const db of dbs) await db.close().catch(() => undefined);
  await server?.dispose();
});

async function registrarOn(url: string) {
  const db = await openDatabase(url, { connectTimeoutMs: 1000, operationTimeoutMs: 3000 });
  dbs.push(db);
  const usrloc = new Usrloc({
    dbMode: 3,
    useDomain: true,
    openTable: (table) => locationBackend(() => db.location({ table }), systemClock),
  });
  return new Registrar(usrloc);
}

describe('usrloc db_mode 3 on MariaDB', () => {
  it('a contact saved through one instance is found by lookup in the other, and removed likewise', async () => {
    const a = await registrarOn(server.url);
    const b = await registrarOn(server.url);
    const out = replies();
    expect(
      await a.save('location', register(1, ['Contact: <sip:alice@192.0.2.30:5060>;q=0.7']), {
        reply: out.reply,
      }),
    ).toBe(1);
    expect(out.sent[0]?.headers[0]).toBe('Contact: <sip:alice@192.0.2.30:5060>;q=0.7;expires=3600');

    const target = new Target('INVITE', 'sip:alice@example.com');
    expect(await b.lookup('location', target)).toBe(1);
    expect(target.ruri).toBe('sip:alice@192.0.2.30:5060');

    expect(
      await b.save('location', register(2, ['Contact: <sip:alice@192.0.2.30:5060>;expires=0']), {
        reply: out.reply,
      }),
    ).toBe(3);
    expect(await a.lookup('location', new Target('INVITE', 'sip:alice@example.com'))).toBe(-1);
  });

  it('database down: save answers 500 and returns -1, lookup returns -3; back up: both work again', async () => {
    const a = await registrarOn(server.url);
    const out = replies();
    await server.stop();
    try {
      expect(
        await a.save('location', register(1, ['Contact: <sip:bob@192.0.2.31>'], 'outage-1'), {
          reply: out.reply,
        }),
      ).toBe(-1);
      expect(out.sent[0]?.code).toBe(500);
      expect(await a.lookup('location', new Target('INVITE', 'sip:alice@example.com'))).toBe(-3);
    } finally {
      await server.start();
    }
    expect(
      await a.save('location', register(1, ['Contact: <sip:bob@192.0.2.31>'], 'outage-2'), {
        reply: out.reply,
      }),
    ).toBe(1);
    expect(await a.lookup('location', new Target('INVITE', 'sip:alice@example.com'))).toBe(1);
  });
});
