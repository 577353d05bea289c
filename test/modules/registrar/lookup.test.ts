import { describe, expect, it } from 'vitest';
import { Registrar, type RegistrarConfig } from '../../../runtime/modules/registrar/index.js';
import { Usrloc } from '../../../runtime/modules/usrloc/index.js';
import { ManualClock, MemoryLocationBackend } from '../usrloc/memory-backend.js';
import { register, replies, Target } from './harness.js';

const T0 = 1_700_000_000;

async function setup(contacts: readonly string[], config: Partial<RegistrarConfig> = {}, context = {}) {
  const clock = new ManualClock(T0);
  const usrloc = new Usrloc({ dbMode: 0, clock });
  const reg = new Registrar(usrloc, config);
  const out = replies();
  if (contacts.length > 0) {
    expect(await reg.save('location', register(1, contacts), { reply: out.reply, context })).toBe(1);
  }
  return { clock, usrloc, reg };
}

describe('lookup()', () => {
  it('returns -1 for an unknown AoR and leaves the R-URI alone', async () => {
    const t = await setup([]);
    const target = new Target('INVITE', 'sip:alice@example.com');
    expect(await t.reg.lookup('location', target)).toBe(-1);
    expect(target.ruri).toBe('sip:alice@example.com');
  });

  it('returns -1 when every binding has expired', async () => {
    const t = await setup(['Contact: <sip:a@10.0.0.1>;expires=60']);
    t.clock.t = T0 + 60;
    expect(await t.reg.lookup('location', new Target('INVITE', 'sip:alice@example.com'))).toBe(-1);
  });

  it('returns 1 and rewrites the R-URI to the highest-q binding; others become branches', async () => {
    const t = await setup([
      'Contact: <sip:low@10.0.0.1>;q=0.2, <sip:high@10.0.0.2>;q=0.9, <sip:mid@10.0.0.3>;q=0.5',
    ]);
    const target = new Target('INVITE', 'sip:alice@example.com');
    expect(await t.reg.lookup('location', target)).toBe(1);
    expect(target.ruri).toBe('sip:high@10.0.0.2');
    expect(target.branches.map((b) => [b.uri, b.q])).toEqual([
      ['sip:mid@10.0.0.3', 500],
      ['sip:low@10.0.0.1', 200],
    ]);
  });

  it('adds no branches with append_branches=0 or the OpenSIPS b flag', async () => {
    const t = await setup(['Contact: <sip:a@h>, <sip:b@h>'], { appendBranches: false });
    const target = new Target('INVITE', 'sip:alice@example.com');
    expect(await t.reg.lookup('location', target)).toBe(1);
    expect(target.branches).toEqual([]);
    const t2 = await setup(['Contact: <sip:a@h>, <sip:b@h>']);
    const target2 = new Target('INVITE', 'sip:alice@example.com');
    expect(await t2.reg.lookup('location', target2, undefined, { flags: 'b' })).toBe(1);
    expect(target2.branches).toEqual([]);
  });

  it('sets $du from received, restores branch flags and the socket', async () => {
    const t = await setup(
      ['Contact: <sip:a@192.168.0.2:5060>'],
      {},
      {
        received: 'sip:203.0.113.9:40000',
        branchFlags: 8,
        socket: 'udp:127.0.0.1:5060',
      },
    );
    const target = new Target('INVITE', 'sip:alice@example.com');
    expect(await t.reg.lookup('location', target)).toBe(1);
    expect([target.ruri, target.du, target.bflags, target.socket]).toEqual([
      'sip:a@192.168.0.2:5060',
      'sip:203.0.113.9:40000',
      8,
      'udp:127.0.0.1:5060',
    ]);
  });

  it('with use_path, $du is the first Path hop and the path is handed over', async () => {
    const t = await setup(
      ['Contact: <sip:a@h>', 'Path: <sip:edge1.example.net;lr>, <sip:edge2.example.net;lr>'],
      {
        usePath: true,
      },
    );
    const target = new Target('INVITE', 'sip:alice@example.com');
    expect(await t.reg.lookup('location', target)).toBe(1);
    expect(target.du).toBe('sip:edge1.example.net;lr');
    expect(target.path).toBe('<sip:edge1.example.net;lr>, <sip:edge2.example.net;lr>');
  });

  it('method filtering: -2 when no live binding accepts the method, 1 otherwise', async () => {
    const t = await setup(['Contact: <sip:a@h>', 'Allow: INVITE, BYE'], { methodFiltering: true });
    expect(await t.reg.lookup('location', new Target('MESSAGE', 'sip:alice@example.com'))).toBe(-2);
    expect(await t.reg.lookup('location', new Target('INVITE', 'sip:alice@example.com'))).toBe(1);
  });

  it('method filtering skips bindings that do not accept the method', async () => {
    const t = await setup(['Contact: <sip:a@h>;q=0.9;methods="INVITE", <sip:b@h>;q=0.1'], {
      methodFiltering: true,
    });
    const target = new Target('MESSAGE', 'sip:alice@example.com');
    expect(await t.reg.lookup('location', target)).toBe(1);
    expect(target.ruri).toBe('sip:b@h');
    expect(target.branches).toEqual([]);
  });

  it('without method_filtering the methods are ignored', async () => {
    const t = await setup(['Contact: <sip:a@h>', 'Allow: INVITE']);
    expect(await t.reg.lookup('location', new Target('MESSAGE', 'sip:alice@example.com'))).toBe(1);
  });

  it('looks up an explicit URI instead of the R-URI', async () => {
    const t = await setup(['Contact: <sip:a@h>']);
    const target = new Target('INVITE', 'sip:someone-else@example.com');
    expect(await t.reg.lookup('location', target, 'sip:alice@example.com')).toBe(1);
    expect(target.ruri).toBe('sip:a@h');
  });

  it('returns -3 for an unparsable URI and when the database fails', async () => {
    const t = await setup([]);
    expect(await t.reg.lookup('location', new Target('INVITE', 'not a uri'))).toBe(-3);
    const db = new MemoryLocationBackend();
    const reg = new Registrar(new Usrloc({ dbMode: 3, openTable: () => db }));
    db.failing = true;
    expect(await reg.lookup('location', new Target('INVITE', 'sip:alice@example.com'))).toBe(-3);
  });
});

describe('registered() / unregister()', () => {
  it('registered is 1 with a live binding and -1 otherwise', async () => {
    const t = await setup(['Contact: <sip:a@h>;expires=100']);
    expect(await t.reg.registered('location', 'sip:alice@example.com')).toBe(1);
    expect(await t.reg.registered('location', 'sip:bob@example.com')).toBe(-1);
    expect(await t.reg.registered('location', 'sip:alice@example.com', 'other-call-id')).toBe(-1);
    t.clock.t = T0 + 100;
    expect(await t.reg.registered('location', 'sip:alice@example.com')).toBe(-1);
  });

  it('unregister removes all bindings, or one by ruid (-3 when unknown)', async () => {
    const t = await setup(['Contact: <sip:a@h>, <sip:b@h>']);
    const d = t.usrloc.domain('location');
    const [first] = await d.contacts('alice');
    expect(await t.reg.unregister('location', 'sip:alice@example.com', 'no-such-ruid')).toBe(-3);
    expect(await t.reg.unregister('location', 'sip:alice@example.com', first!.ruid)).toBe(1);
    expect((await d.contacts('alice')).map((c) => c.contact)).toEqual(['sip:b@h']);
    expect(await t.reg.unregister('location', 'sip:alice@example.com')).toBe(1);
    expect(await d.contacts('alice')).toEqual([]);
    expect(await t.reg.unregister('location', '::bad')).toBe(-1);
  });
});
