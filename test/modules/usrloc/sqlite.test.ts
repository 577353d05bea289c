// usrloc and registrar over a real SQLite file through runtime/db, two connections standing in
// for two serc processes sharing one database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../runtime/db/index.js';
import { Registrar } from '../../../runtime/modules/registrar/index.js';
import { locationBackend, Usrloc, type DbMode } from '../../../runtime/modules/usrloc/index.js';
import { register, replies, Target } from '../registrar/harness.js';
import { ManualClock } from './memory-backend.js';

const T0 = Math.floor(Date.now() / 1000);

let dir: string;
let url: string;
const opened: Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'serc-usrloc-'));
  url = `sqlite://${join(dir, 'serc.db')}`;
});

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function instance(dbMode: DbMode, clock: ManualClock) {
  const db = await openDatabase(url);
  opened.push(db);
  const usrloc = new Usrloc({
    dbMode,
    clock,
    useDomain: true,
    openTable: (table) => locationBackend(() => db.location({ table }), clock),
  });
  return { db, usrloc, registrar: new Registrar(usrloc) };
}

describe('usrloc db_mode 3 on SQLite', () => {
  it('a contact registered through one instance is found by lookup in the other', async () => {
    const clock = new ManualClock(T0);
    const a = await instance(3, clock);
    const b = await instance(3, clock);
    const out = replies();
    const rc = await a.registrar.save(
      'location',
      register(1, ['Contact: <sip:alice@192.0.2.10:5060>;q=0.5', 'Allow: INVITE, MESSAGE', 'Expires: 300']),
      { reply: out.reply, context: { received: 'sip:198.51.100.7:40000' } },
    );
    expect(rc).toBe(1);
    expect(out.sent[0]?.headers).toEqual([
      'Contact: <sip:alice@192.0.2.10:5060>;q=0.5;expires=300;received="sip:198.51.100.7:40000"',
    ]);

    const target = new Target('MESSAGE', 'sip:alice@example.com');
    expect(await b.registrar.lookup('location', target)).toBe(1);
    expect([target.ruri, target.du]).toEqual(['sip:alice@192.0.2.10:5060', 'sip:198.51.100.7:40000']);
    const [row] = await (await b.db.location()).all();
    expect([row?.username, row?.domain, row?.q, row?.methods]).toEqual([
      'alice',
      'example.com',
      0.5,
      1 | 256,
    ]);

    // A contact without q keeps "unspecified" through the table: listed without ;q=.
    expect(
      await b.registrar.save('location', register(2, ['Contact: <sip:alice@192.0.2.11>', 'Expires: 300']), {
        reply: out.reply,
      }),
    ).toBe(1);
    const fetched = replies();
    expect(await a.registrar.save('location', register(3, []), { reply: fetched.reply })).toBe(4);
    expect(fetched.sent[0]?.headers[0]).toBe(
      'Contact: <sip:alice@192.0.2.10:5060>;q=0.5;expires=300;received="sip:198.51.100.7:40000", <sip:alice@192.0.2.11>;expires=300',
    );
    expect(
      await b.registrar.save('location', register(4, ['Contact: <sip:alice@192.0.2.11>;expires=0']), {
        reply: out.reply,
      }),
    ).toBe(3);

    // A refresh through b updates the same row; a removal through b is seen by a at once.
    expect(
      await b.registrar.save('location', register(2, ['Contact: <sip:alice@192.0.2.10:5060>']), {
        reply: out.reply,
      }),
    ).toBe(2);
    expect(await (await a.db.location()).all()).toHaveLength(1);
    expect(
      await b.registrar.save('location', register(3, ['Contact: *', 'Expires: 0']), { reply: out.reply }),
    ).toBe(3);
    expect(await a.registrar.lookup('location', new Target('MESSAGE', 'sip:alice@example.com'))).toBe(-1);
  });

  it('the timer deletes expired rows from the file', async () => {
    const clock = new ManualClock(T0);
    const a = await instance(3, clock);
    const out = replies();
    await a.registrar.save(
      'location',
      register(1, ['Contact: <sip:a@h>;expires=60, <sip:b@h>;expires=600']),
      {
        reply: out.reply,
      },
    );
    clock.t = T0 + 61;
    await a.usrloc.tick();
    const rows = await (await a.db.location()).all();
    expect(rows.map((r) => r.contact)).toEqual(['sip:b@h']);
  });
});

describe('usrloc db_mode 1 on SQLite', () => {
  it('writes through and a restarted instance loads the bindings', async () => {
    const clock = new ManualClock(T0);
    const first = await instance(1, clock);
    const out = replies();
    await first.registrar.save('location', register(1, ['Contact: <sip:a@192.0.2.1>']), { reply: out.reply });
    expect(await (await first.db.location()).all()).toHaveLength(1);

    const restarted = await instance(1, clock);
    const target = new Target('INVITE', 'sip:alice@example.com');
    expect(await restarted.registrar.lookup('location', target)).toBe(1);
    expect(target.ruri).toBe('sip:a@192.0.2.1');
  });
});

describe('usrloc db_mode 2 on SQLite', () => {
  it('changes reach the file on the timer (batched), not before', async () => {
    const clock = new ManualClock(T0);
    const wb = await instance(2, clock);
    const out = replies();
    await wb.registrar.save('location', register(1, ['Contact: <sip:a@192.0.2.1>, <sip:b@192.0.2.2>']), {
      reply: out.reply,
    });
    const table = await wb.db.location();
    expect(await table.all()).toEqual([]);
    await wb.usrloc.tick();
    expect((await table.all()).map((r) => r.contact).sort()).toEqual(['sip:a@192.0.2.1', 'sip:b@192.0.2.2']);

    await wb.registrar.save(
      'location',
      register(2, ['Contact: <sip:a@192.0.2.1>;expires=0, <sip:b@192.0.2.2>;q=0.9']),
      {
        reply: out.reply,
      },
    );
    await wb.usrloc.close();
    const rows = await table.all();
    expect(rows.map((r) => [r.contact, r.q])).toEqual([['sip:b@192.0.2.2', 0.9]]);
  });
});
