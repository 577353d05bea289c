// The storage contract, run against each backend by sqlite.test.ts and mariadb.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type StoredContact } from '../../runtime/db/index.js';

export interface Backend {
  /** db_url of an empty database. */
  url(): string;
  /** Column names of a table, as the database itself reports them, in table order. */
  columnsOf(table: string): Promise<string[]>;
}

/** Kamailio's `silo` columns (utils/kamctl, version 8), in table order. */
export const KAMAILIO_SILO_COLUMNS = [
  'id',
  'src_addr',
  'dst_addr',
  'username',
  'domain',
  'inc_time',
  'exp_time',
  'snd_time',
  'ctype',
  'body',
  'extra_hdrs',
  'callid',
  'status',
];

/** Kamailio's `location` columns (utils/kamctl, version 9), in table order. */
export const KAMAILIO_LOCATION_COLUMNS = [
  'id',
  'ruid',
  'username',
  'domain',
  'contact',
  'received',
  'path',
  'expires',
  'q',
  'callid',
  'cseq',
  'last_modified',
  'flags',
  'cflags',
  'user_agent',
  'socket',
  'methods',
  'instance',
  'reg_id',
  'server_id',
  'connection_id',
  'keepalive',
  'partition',
];

const NOW = 1_900_000_000;

export function contact(overrides: Partial<StoredContact> = {}): StoredContact {
  return {
    ruid: 'uloc-1',
    username: 'alice',
    domain: 'example.com',
    contact: 'sip:alice@192.0.2.10:5060',
    received: null,
    path: null,
    expires: NOW + 3600,
    q: 1,
    callid: 'call-1@client',
    cseq: 1,
    lastModified: NOW,
    flags: 0,
    cflags: 0,
    userAgent: 'test-ua',
    socket: 'udp:127.0.0.1:5060',
    methods: null,
    instance: null,
    regId: 0,
    serverId: 0,
    connectionId: 0,
    keepalive: 0,
    partition: 0,
    ...overrides,
  };
}

export function describeStoreContract(name: string, backend: Backend): void {
  describe(`storage contract on ${name}`, () => {
    let db: Database;
    let tables = 0;
    // Each test gets tables of its own, so tests cannot see each other's rows.
    const fresh = (base: string): string => `${base}_t${++tables}`;

    beforeAll(async () => {
      db = await openDatabase(backend.url());
    });
    afterAll(async () => {
      await db?.close();
    });

    it('creates silo and location with Kamailio column names and version rows', async () => {
      await db.silo();
      await db.location();
      expect(await backend.columnsOf('silo')).toEqual(KAMAILIO_SILO_COLUMNS);
      expect(await backend.columnsOf('location')).toEqual(KAMAILIO_LOCATION_COLUMNS);
      expect(await db.tableVersion('silo')).toBe(8);
      expect(await db.tableVersion('location')).toBe(9);
      expect(await db.tableVersion('version')).toBe(1);
      // Asking again does not fail on the existing tables.
      await db.createSchema();
      expect(await db.tableVersion('nonexistent')).toBeUndefined();
    });

    it('silo: insert returns ids; pending by owner in id order, with every field', async () => {
      const silo = await db.silo({ table: fresh('silo') });
      const body = Buffer.from('héllo \u0000 binary', 'utf8');
      const first = await silo.insert({
        srcAddr: 'sip:bob@example.com',
        dstAddr: 'sip:alice@example.com',
        username: 'alice',
        domain: 'example.com',
        incTime: NOW,
        expTime: NOW + 259200,
        ctype: 'application/im-iscomposing+xml',
        body,
        extraHdrs: 'X-Foo: 1\r\n',
        callid: 'abc@host',
      });
      const second = await silo.insert({
        srcAddr: 'sip:carol@example.com',
        dstAddr: 'sip:alice@example.com',
        username: 'alice',
        domain: 'example.com',
        incTime: NOW + 1,
        expTime: NOW + 259201,
        body: 'second',
      });
      await silo.insert({
        srcAddr: 'sip:alice@example.com',
        dstAddr: 'sip:bob@example.com',
        username: 'bob',
        domain: 'example.com',
        incTime: NOW,
        expTime: NOW + 10,
        body: 'for bob',
      });
      expect(second).toBeGreaterThan(first);
      expect(await silo.countByOwner('alice', 'example.com')).toBe(2);
      expect(await silo.countByOwner('alice', 'other.org')).toBe(0);

      const pending = await silo.pendingByOwner('alice', 'example.com');
      expect(pending.map((m) => m.id)).toEqual([first, second]);
      expect(pending[0]).toEqual({
        id: first,
        srcAddr: 'sip:bob@example.com',
        dstAddr: 'sip:alice@example.com',
        username: 'alice',
        domain: 'example.com',
        incTime: NOW,
        expTime: NOW + 259200,
        sndTime: 0,
        ctype: 'application/im-iscomposing+xml',
        body,
        extraHdrs: 'X-Foo: 1\r\n',
        callid: 'abc@host',
        status: 0,
      });
      // Table defaults fill what m_store leaves out.
      expect(pending[1]).toMatchObject({ ctype: 'text/plain', extraHdrs: '', callid: '', sndTime: 0 });
      expect(pending[1]?.body.toString()).toBe('second');
    });

    it('silo: delete by ids, and purge of expired rows (exp_time <= now)', async () => {
      const silo = await db.silo({ table: fresh('silo') });
      const base = {
        srcAddr: 'sip:b@x',
        dstAddr: 'sip:a@x',
        username: 'a',
        domain: 'x',
        incTime: NOW,
        body: 'm',
      };
      const gone = await silo.insert({ ...base, expTime: NOW - 1 });
      const edge = await silo.insert({ ...base, expTime: NOW });
      const kept = await silo.insert({ ...base, expTime: NOW + 1 });
      const delivered = await silo.insert({ ...base, expTime: NOW + 100 });

      expect(await silo.deleteByIds([delivered, 999_999])).toBe(1);
      expect(await silo.deleteByIds([])).toBe(0);
      expect(await silo.deleteExpired(NOW)).toBe(2);
      const left = await silo.pendingByOwner('a', 'x');
      expect(left.map((m) => m.id)).toEqual([kept]);
      expect(left.map((m) => m.id)).not.toContain(gone);
      expect(left.map((m) => m.id)).not.toContain(edge);
    });

    it('silo: deletes many ids in one call', async () => {
      const silo = await db.silo({ table: fresh('silo') });
      const ids: number[] = [];
      for (let i = 0; i < 150; i++) {
        ids.push(
          await silo.insert({
            srcAddr: 's',
            dstAddr: 'd',
            username: 'u',
            domain: 'd',
            incTime: NOW,
            expTime: NOW + 9,
            body: `${i}`,
          }),
        );
      }
      expect(await silo.deleteByIds(ids.slice(0, 140))).toBe(140);
      expect((await silo.pendingByOwner('u', 'd')).map((m) => m.body.toString())).toEqual(
        Array.from({ length: 10 }, (_, i) => `${140 + i}`),
      );
    });

    it('silo: reminders are due when snd_time != 0 and <= now, and reset to plain messages', async () => {
      const silo = await db.silo({ table: fresh('silo') });
      const base = {
        srcAddr: 'sip:b@x',
        dstAddr: 'sip:a@x',
        username: 'a',
        domain: 'x',
        incTime: NOW,
        expTime: NOW + 999,
      };
      const plain = await silo.insert({ ...base, body: 'plain' });
      const due = await silo.insert({ ...base, body: 'due', sndTime: NOW - 5 });
      const later = await silo.insert({ ...base, body: 'later', sndTime: NOW + 5 });

      expect((await silo.pendingByOwner('a', 'x')).map((m) => m.id)).toEqual([plain]);
      expect((await silo.dueReminders(NOW)).map((m) => m.id)).toEqual([due]);
      expect((await silo.dueReminders(NOW + 5)).map((m) => m.id)).toEqual([due, later]);

      expect(await silo.resetSendTime([due])).toBe(1);
      expect((await silo.pendingByOwner('a', 'x')).map((m) => m.id)).toEqual([plain, due]);
      expect((await silo.dueReminders(NOW + 5)).map((m) => m.id)).toEqual([later]);
    });

    it('silo: column names follow sc_* overrides (SER/OpenSIPS 1.x `mid`)', async () => {
      const table = fresh('silo_ser');
      const silo = await db.silo({ table, columns: { id: 'mid', srcAddr: 'from_uri' } });
      const id = await silo.insert({
        srcAddr: 'sip:b@x',
        dstAddr: 'sip:a@x',
        username: 'a',
        domain: 'x',
        incTime: NOW,
        expTime: NOW + 1,
        body: 'x',
      });
      const columns = await backend.columnsOf(table);
      expect(columns[0]).toBe('mid');
      expect(columns).toContain('from_uri');
      expect(columns).not.toContain('src_addr');
      expect((await silo.pendingByOwner('a', 'x'))[0]).toMatchObject({ id, srcAddr: 'sip:b@x' });
    });

    it('location: upsert by ruid inserts then updates; byAor returns valid contacts in order', async () => {
      const location = await db.location({ table: fresh('location') });
      await location.upsert(
        contact({ q: 0.8, methods: 0x1fff, received: 'sip:198.51.100.1:5060', path: '<sip:p@x;lr>' }),
      );
      await location.upsert(
        contact({ ruid: 'uloc-2', contact: 'sip:alice@192.0.2.11', instance: '<urn:uuid:1>', regId: 1 }),
      );
      await location.upsert(contact({ ruid: 'uloc-3', username: 'bob', contact: 'sip:bob@192.0.2.12' }));

      let rows = await location.byAor('alice', 'example.com', NOW);
      expect(rows).toEqual([
        contact({ q: 0.8, methods: 0x1fff, received: 'sip:198.51.100.1:5060', path: '<sip:p@x;lr>' }),
        contact({ ruid: 'uloc-2', contact: 'sip:alice@192.0.2.11', instance: '<urn:uuid:1>', regId: 1 }),
      ]);

      // Re-REGISTER: same ruid, new expires and cseq — the row is updated, not duplicated.
      await location.upsert(contact({ expires: NOW + 7200, cseq: 2, lastModified: NOW + 10 }));
      rows = await location.byAor('alice', 'example.com', NOW);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        ruid: 'uloc-1',
        expires: NOW + 7200,
        cseq: 2,
        lastModified: NOW + 10,
        q: 1,
      });
      expect(await location.byRuid('uloc-3')).toMatchObject({ username: 'bob' });
      expect(await location.byRuid('missing')).toBeUndefined();
      expect(await location.all()).toHaveLength(3);
    });

    it('location: upsert matching by AoR + contact updates the row that has another ruid', async () => {
      const location = await db.location({ table: fresh('location') });
      await location.upsert(contact({ ruid: 'old' }));
      await location.upsert(contact({ ruid: 'new', cseq: 5 }), 'contact');
      const rows = await location.all();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ ruid: 'new', cseq: 5 });
      // No row for that contact yet: it is inserted.
      await location.upsert(contact({ ruid: 'other', contact: 'sip:alice@192.0.2.99' }), 'contact');
      expect(await location.all()).toHaveLength(2);
    });

    it('location: upsertMany inserts and updates many contacts by ruid', async () => {
      const location = await db.location({ table: fresh('location') });
      const many = Array.from({ length: 70 }, (_, i) =>
        contact({ ruid: `m${i}`, contact: `sip:alice@192.0.2.1:${5000 + i}` }),
      );
      await location.upsertMany(many);
      await location.upsertMany(many.slice(60).map((c) => ({ ...c, cseq: 9 })));
      await location.upsertMany([]);
      const rows = await location.all();
      expect(rows.map((c) => c.ruid)).toEqual(many.map((c) => c.ruid));
      expect(rows.filter((c) => c.cseq === 9).map((c) => c.ruid)).toEqual(many.slice(60).map((c) => c.ruid));
    });

    it('location: expired contacts are hidden and purged; permanent ones (expires 0) stay', async () => {
      const location = await db.location({ table: fresh('location') });
      await location.upsert(contact({ ruid: 'expired', contact: 'sip:a@1', expires: NOW - 1 }));
      await location.upsert(contact({ ruid: 'edge', contact: 'sip:a@2', expires: NOW }));
      await location.upsert(contact({ ruid: 'valid', contact: 'sip:a@3', expires: NOW + 1 }));
      await location.upsert(contact({ ruid: 'permanent', contact: 'sip:a@4', expires: 0 }));

      expect((await location.byAor('alice', 'example.com', NOW)).map((c) => c.ruid)).toEqual([
        'valid',
        'permanent',
      ]);
      expect(await location.deleteExpired(NOW)).toBe(2);
      expect((await location.all()).map((c) => c.ruid)).toEqual(['valid', 'permanent']);
      expect((await location.byRuid('permanent'))?.expires).toBe(0);
    });

    it('location: delete by ruid, by contact and by AoR; NULL domain (use_domain=0) is an AoR of its own', async () => {
      const location = await db.location({ table: fresh('location') });
      await location.upsert(contact({ ruid: 'r1', contact: 'sip:a@1' }));
      await location.upsert(contact({ ruid: 'r2', contact: 'sip:a@2' }));
      await location.upsert(contact({ ruid: 'r3', contact: 'sip:a@3' }));
      await location.upsert(contact({ ruid: 'n1', domain: null, contact: 'sip:a@1' }));
      await location.upsert(contact({ ruid: 'n2', domain: null, contact: 'sip:a@2' }));

      expect((await location.byAor('alice', null, NOW)).map((c) => c.ruid)).toEqual(['n1', 'n2']);
      expect((await location.byAor('alice', null, NOW))[0]?.domain).toBeNull();
      expect(await location.deleteByRuid('r1')).toBe(1);
      expect(await location.deleteContact('alice', 'example.com', 'sip:a@2')).toBe(1);
      expect(await location.deleteContact('alice', null, 'sip:a@1')).toBe(1);
      expect((await location.byAor('alice', 'example.com', NOW)).map((c) => c.ruid)).toEqual(['r3']);
      expect(await location.deleteByAor('alice', null)).toBe(1);
      expect(await location.deleteByAor('alice', 'example.com')).toBe(1);
      expect(await location.all()).toEqual([]);
    });

    it('writes are committed: a second Database on the same URL reads them', async () => {
      const table = fresh('silo');
      const silo = await db.silo({ table });
      const id = await silo.insert({
        srcAddr: 's',
        dstAddr: 'd',
        username: 'u',
        domain: 'd',
        incTime: NOW,
        expTime: NOW + 9,
        body: 'durable',
      });
      const other = await openDatabase(backend.url());
      try {
        const seen = await (await other.silo({ table })).pendingByOwner('u', 'd');
        expect(seen.map((m) => [m.id, m.body.toString()])).toEqual([[id, 'durable']]);
      } finally {
        await other.close();
      }
    });
  });
}
