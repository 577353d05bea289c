// Module settings read from modparams with descriptor defaults (registry), per dialect.
import { mkdtempSync, rmSync } from 'node:fs';
import BetterSqlite from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../runtime/db/index.js';
import { findModparam, modparamDefault } from '../../../runtime/modules/registry.js';
import type { Dialect } from '../../../runtime/modules/types.js';
import { Registrar, registrarConfigFrom } from '../../../runtime/modules/registrar/index.js';
import { createMsilo, msiloConfigFrom } from '../../../runtime/modules/msilo/index.js';
import {
  createUsrloc,
  usrlocOptionsFrom,
  type ModparamReader,
} from '../../../runtime/modules/usrloc/index.js';
import { MESSAGE_HEADERS, msiloRequest, ScriptedUac } from '../msilo/doubles.js';
import { register, replies, Target } from './harness.js';

function reader(
  module: string,
  dialect: Dialect,
  given: Record<string, number | string> = {},
): ModparamReader {
  const raw = (name: string) => {
    if (given[name] !== undefined) return given[name]!;
    const desc = findModparam(module, name);
    if (!desc) throw new Error(`${module} has no modparam ${name}`);
    return modparamDefault(desc, dialect);
  };
  return {
    dialect,
    has: (name) => given[name] !== undefined,
    int: (name) => Number(raw(name)),
    str: (name) => {
      const v = raw(name);
      return v === null ? undefined : String(v);
    },
  };
}

describe('settings from modparams', () => {
  it('registrar: descriptor defaults, Kamailio leaves q unspecified unless default_q is set', () => {
    const k = registrarConfigFrom(reader('registrar', 'K3'));
    expect([k.defaultExpires, k.minExpires, k.maxExpires, k.defaultQ, k.appendBranches]).toEqual([
      3600,
      60,
      0,
      -1,
      true,
    ]);
    expect(registrarConfigFrom(reader('registrar', 'K3', { default_q: 500 })).defaultQ).toBe(500);
    const o = registrarConfigFrom(reader('registrar', 'O1', { default_expires: 120, method_filtering: 1 }));
    expect([o.defaultExpires, o.methodFiltering]).toEqual([120, true]);
  });

  it('usrloc: db_mode, use_domain and timer_interval', () => {
    const o = usrlocOptionsFrom(reader('usrloc', 'K3', { db_mode: 3, use_domain: 1 }));
    expect([o.dbMode, o.useDomain, o.timerInterval, o.cseqDelay]).toEqual([3, true, 60, 20]);
    expect(() => usrlocOptionsFrom(reader('usrloc', 'K3', { db_mode: 4 }))).toThrow(/db_mode/);
  });

  it('msilo: flavour per dialect and the notice parameters', () => {
    const ser = msiloConfigFrom(reader('msilo', 'S08', { registrar: 'sip:registrar@example.com' }));
    expect([ser.flavor, ser.registrar]).toEqual(['ser', 'sip:registrar@example.com']);
    const o = msiloConfigFrom(
      reader('msilo', 'O1', {
        from_address: 'sip:$rU@example.com',
        offline_message: 'offline',
        content_type_hdr: 'Content-Type: text/plain\r\n',
      }),
    );
    expect([o.flavor, o.fromAddress, o.offlineMessage, o.expireTime]).toEqual([
      'opensips',
      'sip:$rU@example.com',
      'offline',
      259200,
    ]);
    expect(msiloConfigFrom(reader('msilo', 'K3')).flavor).toBe('kamailio');
  });
});

describe('modules built from modparams over a real SQLite file', () => {
  it('usrloc db_mode 3 with a renamed column, OpenSIPS msilo with its `mid` id column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serc-params-'));
    const db = await openDatabase(`sqlite://${join(dir, 'serc.db')}`);
    try {
      const usrloc = createUsrloc(reader('usrloc', 'K3', { db_mode: 3, user_agent_column: 'ua' }), db);
      const registrar = new Registrar(usrloc, registrarConfigFrom(reader('registrar', 'K3')));
      const out = replies();
      expect(
        await registrar.save(
          'location',
          register(1, ['Contact: <sip:a@192.0.2.1>', 'User-Agent: deskphone']),
          { reply: out.reply },
        ),
      ).toBe(1);
      expect(await registrar.lookup('location', new Target('INVITE', 'sip:alice@example.com'))).toBe(1);
      expect((await usrloc.domain('location').contacts('alice'))[0]?.userAgent).toBe('deskphone');

      const uac = new ScriptedUac();
      const msilo = createMsilo(reader('msilo', 'O1', { db_table: 'offline' }), db, uac);
      expect(await msilo.store(msiloRequest({ headers: MESSAGE_HEADERS, body: 'stored' }))).toBe(1);
      expect(
        await msilo.dump(
          msiloRequest({ method: 'REGISTER', headers: ['To: <sip:bob@example.com>', 'Expires: 60'] }),
        ),
      ).toBe(1);
      expect(uac.sent.map((m) => m.body.toString())).toEqual([
        expect.stringMatching(/^\[Offline message - .{24}\] stored$/),
      ]);
      const raw = new BetterSqlite(join(dir, 'serc.db'), { readonly: true });
      const columns = (table: string) =>
        (raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('offline')[0]).toBe('mid');
      expect(columns('location')).toContain('ua');
      raw.close();
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
