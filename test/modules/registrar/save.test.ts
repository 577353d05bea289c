import { describe, expect, it } from 'vitest';
import { Registrar, type RegistrarConfig } from '../../../runtime/modules/registrar/index.js';
import { Usrloc } from '../../../runtime/modules/usrloc/index.js';
import { ManualClock, MemoryLocationBackend } from '../usrloc/memory-backend.js';
import { register, replies, request } from './harness.js';

const T0 = 1_700_000_000;

function setup(config: Partial<RegistrarConfig> = {}, usrlocOpts: { cseqDelay?: number } = {}) {
  const clock = new ManualClock(T0);
  const usrloc = new Usrloc({ dbMode: 0, clock, ...usrlocOpts });
  const reg = new Registrar(usrloc, config);
  const out = replies();
  const save = (extra: readonly string[], cseq = 1, callid?: string, flags?: number | string) =>
    reg.save('location', register(cseq, extra, callid), { reply: out.reply }, flags);
  const bindings = () => usrloc.domain('location').contacts('alice');
  return { clock, usrloc, reg, out, save, bindings };
}

const contactHeader = (headers: readonly string[]) => headers.find((h) => h.startsWith('Contact: '));

describe('save(): new, refreshed and removed bindings', () => {
  it('inserts a new binding: returns 1 and the 200 lists it with expires', async () => {
    const t = setup();
    expect(await t.save(['Contact: <sip:alice@10.0.0.1:5060>', 'Expires: 300'])).toBe(1);
    expect(t.out.sent).toEqual([
      { code: 200, reason: 'OK', headers: ['Contact: <sip:alice@10.0.0.1:5060>;expires=300'] },
    ]);
    const [c] = await t.bindings();
    expect(c?.expires).toBe(T0 + 300);
    expect(c?.callid).toBe('reg-call-1');
  });

  it('refreshes an existing binding: returns 2 and the remaining time is listed', async () => {
    const t = setup();
    await t.save(['Contact: <sip:alice@10.0.0.1>', 'Expires: 300'], 1);
    t.clock.t = T0 + 100;
    expect(await t.save(['Contact: <sip:alice@10.0.0.1>', 'Expires: 600'], 2)).toBe(2);
    expect(contactHeader(t.out.sent[1]!.headers)).toBe('Contact: <sip:alice@10.0.0.1>;expires=600');
  });

  it('a contact with expires=0 removes that binding: returns 3, others stay listed', async () => {
    const t = setup();
    await t.save(['Contact: <sip:a@10.0.0.1>, <sip:b@10.0.0.2>', 'Expires: 300'], 1);
    expect(await t.save(['Contact: <sip:a@10.0.0.1>;expires=0'], 2)).toBe(3);
    expect((await t.bindings()).map((c) => c.contact)).toEqual(['sip:b@10.0.0.2']);
    expect(contactHeader(t.out.sent[1]!.headers)).toBe('Contact: <sip:b@10.0.0.2>;expires=300');
  });

  it('Contact: * with Expires: 0 removes every binding: returns 3 and the 200 has no Contact', async () => {
    const t = setup();
    await t.save(['Contact: <sip:a@10.0.0.1>, <sip:b@10.0.0.2>'], 1);
    expect(await t.save(['Contact: *', 'Expires: 0'], 2)).toBe(3);
    expect(await t.bindings()).toEqual([]);
    expect(t.out.sent[1]).toEqual({ code: 200, reason: 'OK', headers: [] });
  });

  it('a REGISTER without Contact fetches the bindings: returns 4', async () => {
    const t = setup();
    await t.save(['Contact: <sip:a@10.0.0.1>', 'Expires: 120'], 1);
    t.clock.t = T0 + 20;
    expect(await t.save([], 2)).toBe(4);
    expect(contactHeader(t.out.sent[1]!.headers)).toBe('Contact: <sip:a@10.0.0.1>;expires=100');
  });

  it('a fetch for an unknown AoR returns 4 with no Contact', async () => {
    const t = setup();
    expect(await t.save([])).toBe(4);
    expect(t.out.sent[0]).toEqual({ code: 200, reason: 'OK', headers: [] });
  });
});

describe('save(): expires rules', () => {
  it('contact expires param wins over the Expires header', async () => {
    const t = setup();
    await t.save(['Contact: <sip:a@h>;expires=200', 'Expires: 900']);
    expect((await t.bindings())[0]?.expires).toBe(T0 + 200);
  });

  it('the Expires header applies when the contact has no param', async () => {
    const t = setup();
    await t.save(['Contact: <sip:a@h>', 'Expires: 900']);
    expect((await t.bindings())[0]?.expires).toBe(T0 + 900);
  });

  it('default_expires applies when neither is given, and for a non-numeric param', async () => {
    const t = setup({ defaultExpires: 120 });
    await t.save(['Contact: <sip:a@h>, <sip:b@h>;expires=soon']);
    expect((await t.bindings()).map((c) => c.expires - T0)).toEqual([120, 120]);
  });

  it('values below min_expires are raised to it', async () => {
    const t = setup({ minExpires: 60 });
    await t.save(['Contact: <sip:a@h>;expires=10']);
    expect((await t.bindings())[0]?.expires).toBe(T0 + 60);
  });

  it('min_expires_mode=1 answers 423 with Min-Expires and stores nothing', async () => {
    const t = setup({ minExpires: 60, minExpiresMode: 1 });
    expect(await t.save(['Contact: <sip:a@h>;expires=10'])).toBe(-1);
    expect(t.out.sent[0]?.code).toBe(423);
    expect(t.out.sent[0]?.reason).toBe('Interval Too Brief');
    expect(t.out.sent[0]?.headers).toContain('Min-Expires: 60');
    expect(await t.bindings()).toEqual([]);
  });

  it('values above max_expires are lowered to it', async () => {
    const t = setup({ maxExpires: 1800 });
    await t.save(['Contact: <sip:a@h>', 'Expires: 7200']);
    expect((await t.bindings())[0]?.expires).toBe(T0 + 1800);
  });

  it('a new contact with expires 0 is not stored', async () => {
    const t = setup();
    expect(await t.save(['Contact: <sip:a@h>;expires=0, <sip:b@h>'])).toBe(1);
    expect((await t.bindings()).map((c) => c.contact)).toEqual(['sip:b@h']);
  });
});

describe('save(): q values', () => {
  it('orders bindings by q and prints q like Kamailio', async () => {
    const t = setup();
    await t.save(['Contact: <sip:low@h>;q=0.1, <sip:high@h>;q=1.0, <sip:mid@h>;q=0.50']);
    const hdr = contactHeader(t.out.sent[0]!.headers);
    expect(hdr).toBe(
      'Contact: <sip:high@h>;q=1;expires=3600, <sip:mid@h>;q=0.5;expires=3600, <sip:low@h>;q=0.1;expires=3600',
    );
  });

  it('default_q is used for contacts without q', async () => {
    const t = setup({ defaultQ: 250 });
    await t.save(['Contact: <sip:a@h>']);
    expect((await t.bindings())[0]?.q).toBe(250);
  });

  it('an invalid q answers 400 "Invalid q param in contact"', async () => {
    const t = setup();
    expect(await t.save(['Contact: <sip:a@h>;q=1.5'])).toBe(-1);
    expect(t.out.sent[0]).toEqual({
      code: 400,
      reason: 'Bad Request',
      headers: ['P-Registrar-Error: Invalid q param in contact'],
    });
  });
});

describe('save(): bad requests get Kamailio answers', () => {
  const cases: [string, readonly string[], number, string][] = [
    [
      '* with a non-zero Expires',
      ['Contact: *', 'Expires: 60'],
      400,
      '* used in contact and expires is not zero',
    ],
    ['* without Expires', ['Contact: *'], 400, '* used in contact and expires is not zero'],
    [
      '* with another contact',
      ['Contact: *', 'Contact: <sip:a@h>', 'Expires: 0'],
      400,
      '* used in contact and more than 1 contact',
    ],
    [
      'a contact then *',
      ['Contact: <sip:a@h>', 'Contact: *', 'Expires: 0'],
      400,
      '* used in contact and more than 1 contact',
    ],
    ['a malformed Expires header', ['Contact: <sip:a@h>', 'Expires: soon'], 400, 'Expires parse error'],
    ['a malformed Contact', ['Contact: <sip:a@h'], 400, 'Contact parse error'],
    ['a too long contact URI', [`Contact: <sip:${'a'.repeat(520)}@h>`], 400, 'Contact/received too long'],
    ['a malformed methods param', ['Contact: <sip:a@h>;methods="INVITE,<>"'], 400, 'Message parse error'],
  ];
  for (const [name, headers, code, info] of cases) {
    it(`${name} → ${code} ${info}`, async () => {
      const t = setup();
      expect(await t.save(headers)).toBe(-1);
      expect(t.out.sent).toHaveLength(1);
      expect(t.out.sent[0]?.code).toBe(code);
      expect(t.out.sent[0]?.reason).toBe('Bad Request');
      expect(t.out.sent[0]?.headers).toContain(`P-Registrar-Error: ${info}`);
      expect(await t.bindings()).toEqual([]);
    });
  }

  it('missing Call-ID / CSeq and a bad CSeq number', async () => {
    const t = setup();
    const base = ['From: <sip:alice@example.com>;tag=1', 'To: <sip:alice@example.com>', 'Contact: <sip:a@h>'];
    const cases: [string[], string][] = [
      [[...base, 'CSeq: 1 REGISTER'], 'Call-ID header not found'],
      [[...base, 'Call-ID: x'], 'CSeq header not found'],
      [[...base, 'Call-ID: x', 'CSeq: one REGISTER'], 'Invalid CSeq number'],
    ];
    for (const [lines, info] of cases) {
      const rc = await t.reg.save('location', request('REGISTER', 'sip:example.com', lines), {
        reply: t.out.reply,
      });
      expect(rc).toBe(-1);
      expect(t.out.sent.at(-1)?.headers).toEqual([`P-Registrar-Error: ${info}`]);
      expect(t.out.sent.at(-1)?.code).toBe(400);
    }
  });

  it('with an AoR given as argument, a missing To is "To header not found"', async () => {
    const t = setup();
    const lines = [
      'From: <sip:alice@example.com>;tag=1',
      'Call-ID: x',
      'CSeq: 1 REGISTER',
      'Contact: <sip:a@h>',
    ];
    const rc = await t.reg.save(
      'location',
      request('REGISTER', 'sip:example.com', lines),
      { reply: t.out.reply },
      0,
      'sip:alice@example.com',
    );
    expect(rc).toBe(-1);
    expect(t.out.sent[0]).toEqual({
      code: 400,
      reason: 'Bad Request',
      headers: ['P-Registrar-Error: To header not found'],
    });
  });
});

describe('save(): Call-ID / CSeq ordering', () => {
  it('same Call-ID with a lower CSeq is refused with 400 Invalid CSeq number', async () => {
    const t = setup();
    await t.save(['Contact: <sip:a@h>'], 5);
    expect(await t.save(['Contact: <sip:a@h>', 'Expires: 10'], 4)).toBe(-1);
    expect(t.out.sent[1]?.code).toBe(400);
    expect(t.out.sent[1]?.headers).toContain('P-Registrar-Error: Invalid CSeq number');
    expect((await t.bindings())[0]?.expires).toBe(T0 + 3600);
  });

  it('the same CSeq within cseq_delay is a retransmission: binding unchanged, 200 again', async () => {
    const t = setup({}, { cseqDelay: 20 });
    await t.save(['Contact: <sip:a@h>', 'Expires: 300'], 5);
    t.clock.t = T0 + 5;
    expect(await t.save(['Contact: <sip:a@h>', 'Expires: 900'], 5)).toBe(1);
    expect(t.out.sent[1]?.code).toBe(200);
    expect((await t.bindings())[0]?.expires).toBe(T0 + 300);
  });

  it('the same CSeq after cseq_delay is refused', async () => {
    const t = setup({}, { cseqDelay: 20 });
    await t.save(['Contact: <sip:a@h>'], 5);
    t.clock.t = T0 + 21;
    expect(await t.save(['Contact: <sip:a@h>'], 5)).toBe(-1);
  });

  it('a different Call-ID replaces the binding whatever its CSeq', async () => {
    const t = setup();
    await t.save(['Contact: <sip:a@h>', 'Expires: 300'], 50, 'first');
    expect(await t.save(['Contact: <sip:a@h>', 'Expires: 600'], 1, 'second')).toBe(2);
    const [c] = await t.bindings();
    expect([c?.callid, c?.cseq, c?.expires]).toEqual(['second', 1, T0 + 600]);
  });
});

describe('save(): max_contacts', () => {
  it('a new AoR with more contacts than allowed: 503, -2, nothing stored', async () => {
    const t = setup({ maxContacts: 1 });
    expect(await t.save(['Contact: <sip:a@h>, <sip:b@h>'])).toBe(-2);
    expect(t.out.sent[0]?.code).toBe(503);
    expect(t.out.sent[0]?.reason).toBe('Service Unavailable');
    expect(t.out.sent[0]?.headers).toContain('P-Registrar-Error: Too many registered contacts');
    expect(await t.bindings()).toEqual([]);
  });

  it('an added binding beyond the limit is refused; refreshing an existing one is not', async () => {
    const t = setup({ maxContacts: 1, retryAfter: 30 });
    await t.save(['Contact: <sip:a@h>'], 1);
    expect(await t.save(['Contact: <sip:b@h>'], 2)).toBe(-2);
    expect(t.out.sent[1]?.headers).toContain('Retry-After: 30');
    expect(contactHeader(t.out.sent[1]!.headers)).toBe('Contact: <sip:a@h>;expires=3600');
    expect(await t.save(['Contact: <sip:a@h>'], 3)).toBe(2);
    expect(await t.save(['Contact: <sip:a@h>;expires=0, <sip:b@h>'], 4)).toBe(1);
    expect((await t.bindings()).map((c) => c.contact)).toEqual(['sip:b@h']);
  });

  it('OpenSIPS flag cNN overrides max_contacts for the call', async () => {
    const t = setup({ maxContacts: 0 });
    expect(await t.save(['Contact: <sip:a@h>, <sip:b@h>'], 1, undefined, 'c1')).toBe(-2);
  });
});

describe('save(): flags and stored fields', () => {
  it('0x02 / "r" sends no reply', async () => {
    const t = setup();
    expect(await t.save(['Contact: <sip:a@h>'], 1, undefined, 0x02)).toBe(1);
    expect(await t.save(['Contact: <sip:b@h>'], 2, undefined, 'r')).toBe(1);
    expect(t.out.sent).toEqual([]);
  });

  it('0x04 keeps only the new binding', async () => {
    const t = setup();
    await t.save(['Contact: <sip:a@h>, <sip:b@h>'], 1);
    expect(await t.save(['Contact: <sip:c@h>'], 2, undefined, 0x04)).toBe(1);
    expect((await t.bindings()).map((c) => c.contact)).toEqual(['sip:c@h']);
  });

  it('stores User-Agent, methods from Allow or the methods param, received and branch flags', async () => {
    const t = setup();
    await t.reg.save(
      'location',
      register(1, [
        'Contact: <sip:a@192.168.1.2>, <sip:b@192.168.1.2>;methods="INVITE"',
        'Allow: INVITE, MESSAGE',
        'User-Agent: phone/1.0',
      ]),
      {
        reply: t.out.reply,
        context: { received: 'sip:1.2.3.4:5070', branchFlags: 64, socket: 'udp:127.0.0.1:5060' },
      },
    );
    const [a, b] = await t.bindings();
    expect(a?.userAgent).toBe('phone/1.0');
    expect(a?.methods).toBe(1 | 256);
    expect(b?.methods).toBe(1);
    expect([a?.received, a?.cflags, a?.socket]).toEqual(['sip:1.2.3.4:5070', 64, 'udp:127.0.0.1:5060']);
    expect(contactHeader(t.out.sent[0]!.headers)).toContain(
      '<sip:a@192.168.1.2>;expires=3600;received="sip:1.2.3.4:5070"',
    );
  });

  it('no Allow header means all methods; the AoR follows use_domain and case rules', async () => {
    const clock = new ManualClock(T0);
    const usrloc = new Usrloc({ dbMode: 0, clock, useDomain: true });
    const reg = new Registrar(usrloc);
    const out = replies();

    await reg.save(
      'location',
      request('REGISTER', 'sip:Example.COM', [
        'To: "Alice" <sip:Alice@Example.COM>',
        'Call-ID: c',
        'CSeq: 1 REGISTER',
        'Contact: <sip:a@h>',
      ]),
      { reply: out.reply },
    );
    const [c] = await usrloc.domain('location').contacts('alice@example.com');
    expect(c?.methods).toBeUndefined();
  });

  it('a database failure answers 500 and returns -1', async () => {
    const db = new MemoryLocationBackend();
    const usrloc = new Usrloc({ dbMode: 3, openTable: () => db, clock: new ManualClock(T0) });
    const reg = new Registrar(usrloc);
    const out = replies();
    db.failing = true;
    expect(await reg.save('location', register(1, ['Contact: <sip:a@h>']), { reply: out.reply })).toBe(-1);
    expect(out.sent[0]?.code).toBe(500);
    expect(out.sent[0]?.reason).toBe('Server Internal Error');
    expect(out.sent[0]?.headers).toContain('P-Registrar-Error: usrloc_record_get failed');
  });

  it('errors in a failure route return -1 without a reply; success still replies', async () => {
    const t = setup();
    const io = { reply: t.out.reply, context: { routeType: 'failure' as const } };
    expect(await t.reg.save('location', register(1, ['Contact: <sip:a@h>;q=7']), io)).toBe(-1);
    expect(t.out.sent).toEqual([]);
    expect(await t.reg.save('location', register(1, ['Contact: <sip:a@h>']), io)).toBe(1);
    expect(t.out.sent).toHaveLength(1);
  });
});

describe('save(): the AoR', () => {
  const toRegister = (to: string, callid: string) =>
    request('REGISTER', 'sip:example.com', [
      `To: ${to}`,
      `Call-ID: ${callid}`,
      'CSeq: 1 REGISTER',
      'Contact: <sip:x@192.0.2.1>',
    ]);

  it('is case-insensitive unless case_sensitive, and ignores the domain without use_domain', async () => {
    const t = setup();
    await t.reg.save('location', toRegister('<sip:ALICE@Example.COM>', 'c1'), { reply: t.out.reply });
    await t.reg.save('location', toRegister('<sip:alice@other.org>', 'c2'), { reply: t.out.reply });
    expect(await t.bindings()).toHaveLength(1);
    const cs = setup({ caseSensitive: true });
    await cs.reg.save('location', toRegister('<sip:ALICE@example.com>', 'c1'), { reply: cs.out.reply });
    expect(await cs.usrloc.domain('location').contacts('ALICE')).toHaveLength(1);
  });

  it('strips realm_prefix from the domain and unescapes the user', async () => {
    const clock = new ManualClock(T0);
    const usrloc = new Usrloc({ dbMode: 0, clock, useDomain: true });
    const reg = new Registrar(usrloc, { realmPrefix: 'sip.' });
    const out = replies();
    await reg.save('location', toRegister('<sip:al%69ce@sip.example.com>', 'c1'), { reply: out.reply });
    expect(await usrloc.domain('location').contacts('alice@example.com')).toHaveLength(1);
  });

  it('a third save() argument replaces the To URI', async () => {
    const t = setup();
    expect(
      await t.reg.save(
        'location',
        toRegister('<sip:someone@example.com>', 'c1'),
        { reply: t.out.reply },
        0,
        'sip:alice@example.com',
      ),
    ).toBe(1);
    expect(await t.bindings()).toHaveLength(1);
  });

  it('no To, a malformed or a too long AoR: -1 without a reply (Kamailio leaves the answer to the script)', async () => {
    const t = setup();
    const noTo = request('REGISTER', 'sip:example.com', [
      'Call-ID: c0',
      'CSeq: 1 REGISTER',
      'Contact: <sip:x@h>',
    ]);
    expect(await t.reg.save('location', noTo, { reply: t.out.reply })).toBe(-1);
    expect(
      await t.reg.save(
        'location',
        toRegister('<sip:alice@example.com>', 'c1'),
        { reply: t.out.reply },
        0,
        'nonsense',
      ),
    ).toBe(-1);
    expect(
      await t.reg.save('location', toRegister(`<sip:${'a'.repeat(65)}@example.com>`, 'c2'), {
        reply: t.out.reply,
      }),
    ).toBe(-1);
    expect(
      await t.reg.save('location', toRegister('<sip:al%zzice@example.com>', 'c3'), { reply: t.out.reply }),
    ).toBe(-1);
    expect(t.out.sent).toEqual([]);
    expect(await t.bindings()).toEqual([]);
  });
});

describe('save(): usrloc matching_mode', () => {
  it('0 (contact): a new Call-ID refreshes the binding; 1 (contact+callid): it adds a second one', async () => {
    for (const [matchingMode, bindings, rc] of [
      [0, 1, 2],
      [1, 2, 1],
    ] as const) {
      const clock = new ManualClock(T0);
      const usrloc = new Usrloc({ dbMode: 0, clock, matchingMode });
      const reg = new Registrar(usrloc);
      const out = replies();
      await reg.save('location', register(1, ['Contact: <sip:a@h>'], 'call-A'), { reply: out.reply });
      expect(
        await reg.save('location', register(1, ['Contact: <sip:a@h>'], 'call-B'), { reply: out.reply }),
      ).toBe(rc);
      expect(await usrloc.domain('location').contacts('alice')).toHaveLength(bindings);
    }
  });
});
