// registrar and msilo called the way generated code calls them: a ScriptContext over a real
// parsed SipMessage, the flow of the msilo seed script (save + m_dump, lookup, m_store).
import { describe, expect, it } from 'vitest';
import { makeCtx } from '../../script/helpers.js';
import { Registrar, RegistrarFunctions } from '../../../runtime/modules/registrar/index.js';
import { Usrloc } from '../../../runtime/modules/usrloc/index.js';
import { Msilo, MsiloFunctions } from '../../../runtime/modules/msilo/index.js';
import type { ScriptContext } from '../../../runtime/core/script/context.js';
import { MemorySilo, ScriptedUac } from '../msilo/doubles.js';

function registrarFunctions() {
  const sent: { code: number; reason: string; headers: string[] }[] = [];
  const reply = (ctx: ScriptContext, code: number, reason: string) => {
    sent.push({ code, reason, headers: ctx.replyHeaders.splice(0) });
  };
  const usrloc = new Usrloc({ dbMode: 0 });
  const fns = new RegistrarFunctions(new Registrar(usrloc, { defaultExpires: 120 }), reply, '$avp(RECEIVED)');
  return { fns, sent, usrloc };
}

describe('registrar through a ScriptContext', () => {
  it('save replies 200 with the contact via the reply header list; lookup rewrites the R-URI and adds branches', async () => {
    const { fns, sent } = registrarFunctions();
    const reg = makeCtx({
      method: 'REGISTER',
      ruri: 'sip:example.com',
      to: '<sip:bob@example.com>',
      from: '<sip:bob@example.com>;tag=r1',
      headers: ['Contact: <sip:bob@192.0.2.20:5070>;q=0.8, <sip:bob@192.0.2.21>;q=0.4'],
    });
    reg.avps.assign('RECEIVED', 'sip:203.0.113.5:6000');
    expect(await fns.save(reg, 'location')).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.code).toBe(200);
    expect(sent[0]!.headers[0]).toMatch(
      /^Contact: <sip:bob@192\.0\.2\.20:5070>;q=0\.8;expires=120;received="sip:203\.0\.113\.5:6000", /,
    );

    const invite = makeCtx({ method: 'MESSAGE', ruri: 'sip:bob@example.com' });
    expect(await fns.lookup(invite, 'location')).toBe(1);
    expect([invite.ruri, invite.dstUri]).toEqual(['sip:bob@192.0.2.20:5070', 'sip:203.0.113.5:6000']);
    // The helper's REGISTER also carries its standard Contact (no q: listed last, q unspecified).
    expect(invite.branches.map((b) => [b.uri, b.q, b.dstUri])).toEqual([
      ['sip:bob@192.0.2.21', '0.4', 'sip:203.0.113.5:6000'],
      ['sip:alice@192.0.2.10:5062', null, 'sip:203.0.113.5:6000'],
    ]);
    expect(await fns.registered(invite, 'location', 'sip:bob@example.com')).toBe(1);

    const other = makeCtx({ method: 'MESSAGE', ruri: 'sip:carol@example.com' });
    expect(await fns.lookup(other, 'location')).toBe(-1);
    expect(other.ruri).toBe('sip:carol@example.com');
  });
});

describe('old SER save variants', () => {
  it('save_noreply stores without replying; save_memory replies and keeps the contact out of the table', async () => {
    const { fns, sent, usrloc } = registrarFunctions();
    const ctx = (user: string) =>
      makeCtx({
        method: 'REGISTER',
        ruri: 'sip:example.com',
        to: `<sip:${user}@example.com>`,
        from: `<sip:${user}@example.com>;tag=c1`,
      });
    expect(await fns.saveNoReply(ctx('carol'), 'location')).toBe(1);
    expect(sent).toEqual([]);
    expect((await usrloc.domain('location').contacts('carol'))[0]?.flags).toBe(0);
    expect(await fns.saveMemory(ctx('dave'), 'location')).toBe(1);
    expect(sent.map((r) => r.code)).toEqual([200]);
    expect((await usrloc.domain('location').contacts('dave'))[0]?.flags).toBe(1);
  });
});

describe('msilo through a ScriptContext', () => {
  it('m_store("$ru") after the R-URI was rewritten stores for the given owner; m_dump on REGISTER sends it', async () => {
    const storage = new MemorySilo();
    const uac = new ScriptedUac();
    const fns = new MsiloFunctions(
      new Msilo({
        storage,
        uac,
        config: {
          fromAddress: 'sip:msilo@$rd',
          offlineMessage: '$rU is offline',
          contentTypeHdr: 'Content-Type: text/plain\r\n',
        },
      }),
      'O1',
    );
    const msg = makeCtx({
      method: 'MESSAGE',
      ruri: 'sip:bob@example.com',
      headers: ['Content-Type: text/plain'],
      body: 'ping',
    });
    expect(await fns.m_store(msg, 'sip:bob@example.com')).toBe(1);
    const [row] = storage.rows.values();
    expect([row?.username, row?.domain, row?.body.toString(), row?.srcAddr]).toEqual([
      'bob',
      'example.com',
      'ping',
      'sip:alice@example.org',
    ]);
    // The notice evaluated the spve parameters against the MESSAGE.
    expect([uac.sent[0]?.from, uac.sent[0]?.body.toString(), uac.sent[0]?.ruri]).toEqual([
      'sip:msilo@example.com',
      'bob is offline',
      'sip:alice@192.0.2.10:5062',
    ]);

    const reg = makeCtx({
      method: 'REGISTER',
      ruri: 'sip:example.com',
      to: '<sip:bob@example.com>',
      headers: ['Expires: 60'],
    });
    expect(await fns.m_dump(reg)).toBe(1);
    expect(uac.sent[1]?.to).toBe('sip:bob@example.com');
  });

  it('SER m_store("0") falls back from an IP R-URI to the To URI', async () => {
    const storage = new MemorySilo();
    const fns = new MsiloFunctions(
      new Msilo({ storage, uac: new ScriptedUac(), config: { flavor: 'ser' } }),
      'S08',
    );
    const msg = makeCtx({
      method: 'MESSAGE',
      ruri: 'sip:bob@192.0.2.99',
      headers: ['Content-Type: text/plain'],
      body: 'x',
    });
    msg.ruri = 'sip:bob@192.0.2.98';
    expect(await fns.m_store(msg, '0')).toBe(1);
    expect([...storage.rows.values()][0]?.domain).toBe('example.com');
  });
});
