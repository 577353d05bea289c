import { afterEach, describe, expect, it, vi } from 'vitest';
import { Usrloc, type ContactInfo, Q_UNSPECIFIED, FL_MEM } from '../../../runtime/modules/usrloc/index.js';
import { MemoryLocationBackend, ManualClock } from './memory-backend.js';

const T0 = 1_700_000_000;

function info(expires: number, q = Q_UNSPECIFIED, extra: Partial<ContactInfo> = {}): ContactInfo {
  return {
    expires,
    q,
    callid: 'cid-1',
    cseq: 1,
    flags: 0,
    cflags: 0,
    userAgent: 'ua',
    regId: 0,
    lastModified: T0,
    ...extra,
  };
}

describe('usrloc db_mode 0 (memory)', () => {
  it('orders bindings by descending q and keeps them per AoR', async () => {
    const ul = new Usrloc({ dbMode: 0, clock: new ManualClock(T0) });
    const d = ul.domain('location');
    await d.withRecord('alice', async (r) => {
      await r.insert('sip:a1@10.0.0.1', info(T0 + 60, 500));
      await r.insert('sip:a2@10.0.0.2', info(T0 + 60, 900));
      await r.insert('sip:a3@10.0.0.3', info(T0 + 60, 100));
    });
    expect((await d.contacts('alice')).map((c) => c.contact)).toEqual([
      'sip:a2@10.0.0.2',
      'sip:a1@10.0.0.1',
      'sip:a3@10.0.0.3',
    ]);
    expect(await d.contacts('bob')).toEqual([]);
  });

  it('the timer removes expired bindings and keeps live and permanent ones', async () => {
    const clock = new ManualClock(T0);
    const ul = new Usrloc({ dbMode: 0, clock });
    const d = ul.domain('location');
    await d.withRecord('alice', async (r) => {
      await r.insert('sip:short@h', info(T0 + 10));
      await r.insert('sip:long@h', info(T0 + 100));
      await r.insert('sip:perm@h', info(0));
    });
    clock.t = T0 + 10;
    await ul.tick();
    expect((await d.contacts('alice')).map((c) => c.contact).sort()).toEqual(['sip:long@h', 'sip:perm@h']);
  });

  it('serialises work on one AoR', async () => {
    const ul = new Usrloc({ dbMode: 0 });
    const d = ul.domain('location');
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = d.withRecord('alice', async () => {
      order.push('first-start');
      await gate;
      order.push('first-end');
    });
    const second = d.withRecord('alice', async () => {
      order.push('second');
    });
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first-start', 'first-end', 'second']);
  });
});

describe('usrloc db_mode 1 (write-through)', () => {
  it('writes every change immediately and a new instance loads the table', async () => {
    const db = new MemoryLocationBackend();
    const ul = new Usrloc({ dbMode: 1, openTable: () => db });
    const d = ul.domain('location');
    const c = await d.withRecord('alice', (r) => r.insert('sip:a@h', info(T0 + 60)));
    expect(db.rows.get(c.ruid)?.contact).toBe('sip:a@h');
    await d.withRecord('alice', (r) => r.update(r.contacts()[0]!, info(T0 + 120, 700)));
    expect(db.rows.get(c.ruid)?.expires).toBe(T0 + 120);

    const other = new Usrloc({ dbMode: 1, openTable: () => db });
    expect((await other.domain('location').contacts('alice')).map((x) => x.q)).toEqual([700]);

    await d.withRecord('alice', (r) => r.removeAll());
    expect(db.rows.size).toBe(0);
  });

  it('a failing write leaves memory unchanged and reports the error', async () => {
    const db = new MemoryLocationBackend();
    const d = new Usrloc({ dbMode: 1, openTable: () => db }).domain('location');
    await d.contacts('alice');
    db.failing = true;
    await expect(d.withRecord('alice', (r) => r.insert('sip:a@h', info(T0 + 60)))).rejects.toThrow(
      'unavailable',
    );
    db.failing = false;
    expect(await d.contacts('alice')).toEqual([]);
  });

  it('memory-only contacts (save flag 0x01) never reach the table', async () => {
    const db = new MemoryLocationBackend();
    const d = new Usrloc({ dbMode: 1, openTable: () => db }).domain('location');
    await d.withRecord('alice', (r) => r.insert('sip:a@h', info(T0 + 60, Q_UNSPECIFIED, { flags: FL_MEM })));
    expect(db.rows.size).toBe(0);
    expect(await d.contacts('alice')).toHaveLength(1);
  });
});

describe('usrloc db_mode 2 (write-back)', () => {
  it('keeps changes in memory until the timer flushes them', async () => {
    const clock = new ManualClock(T0);
    const db = new MemoryLocationBackend();
    const ul = new Usrloc({ dbMode: 2, openTable: () => db, clock });
    const d = ul.domain('location');
    await d.withRecord('alice', (r) => r.insert('sip:a@h', info(T0 + 60)));
    expect(db.rows.size).toBe(0);
    await ul.tick();
    expect([...db.rows.values()].map((r) => r.contact)).toEqual(['sip:a@h']);
  });

  it('an insert removed before the flush never touches the table', async () => {
    const db = new MemoryLocationBackend();
    const ul = new Usrloc({ dbMode: 2, openTable: () => db, clock: new ManualClock(T0) });
    const d = ul.domain('location');
    await d.withRecord('alice', async (r) => {
      const c = await r.insert('sip:a@h', info(T0 + 60));
      await r.remove(c);
    });
    await ul.close();
    expect(db.calls.filter((c) => c !== 'selectAll')).toEqual([]);
  });

  it('close() flushes pending changes', async () => {
    const db = new MemoryLocationBackend();
    const ul = new Usrloc({ dbMode: 2, openTable: () => db });
    await ul.domain('location').withRecord('alice', (r) => r.insert('sip:a@h', info(0)));
    await ul.close();
    expect(db.rows.size).toBe(1);
  });
});

describe('usrloc db_mode 3 (DB-only)', () => {
  it('two instances sharing one table see each other at once', async () => {
    const db = new MemoryLocationBackend();
    const a = new Usrloc({ dbMode: 3, openTable: () => db, useDomain: true }).domain('location');
    const b = new Usrloc({ dbMode: 3, openTable: () => db, useDomain: true }).domain('location');
    await a.withRecord('alice@example.com', (r) => r.insert('sip:a@10.0.0.1', info(T0 + 60)));
    const seen = await b.contacts('alice@example.com');
    expect(seen.map((c) => c.contact)).toEqual(['sip:a@10.0.0.1']);
    const row = [...db.rows.values()][0]!;
    expect([row.username, row.domain]).toEqual(['alice', 'example.com']);
    await b.withRecord('alice@example.com', (r) => r.remove(r.contacts()[0]!));
    expect(await a.contacts('alice@example.com')).toEqual([]);
  });

  it('every lookup reads the table (no cache)', async () => {
    const db = new MemoryLocationBackend();
    const d = new Usrloc({ dbMode: 3, openTable: () => db }).domain('location');
    await d.contacts('alice');
    await d.contacts('alice');
    expect(db.calls).toEqual(['selectAor alice', 'selectAor alice']);
  });

  it('the timer deletes expired rows in the table', async () => {
    const clock = new ManualClock(T0);
    const db = new MemoryLocationBackend();
    const ul = new Usrloc({ dbMode: 3, openTable: () => db, clock });
    const d = ul.domain('location');
    await d.withRecord('alice', async (r) => {
      await r.insert('sip:old@h', info(T0 + 5));
      await r.insert('sip:new@h', info(T0 + 500));
    });
    clock.t = T0 + 6;
    await ul.tick();
    expect([...db.rows.values()].map((r) => r.contact)).toEqual(['sip:new@h']);
  });
});

describe('usrloc timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs every timer_interval until closed', async () => {
    vi.useFakeTimers();
    const clock = new ManualClock(T0);
    const db = new MemoryLocationBackend();
    const ul = new Usrloc({ dbMode: 3, openTable: () => db, clock, timerInterval: 60 });
    ul.domain('location');
    ul.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(db.calls.filter((c) => c === 'deleteExpired')).toHaveLength(1);
    await ul.close();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(db.calls.filter((c) => c === 'deleteExpired')).toHaveLength(1);
  });

  it('needs a database for db_mode 1-3', () => {
    expect(() => new Usrloc({ dbMode: 3 })).toThrow(/needs a database/);
  });
});
