import { describe, expect, it, vi } from 'vitest';
import {
  ctime,
  Msilo,
  registerAcceptsMessage,
  type MsiloConfig,
} from '../../../runtime/modules/msilo/index.js';
import { MemorySilo, MESSAGE_HEADERS, msiloRequest, ScriptedUac } from './doubles.js';

const localSeconds = (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
  Math.floor(new Date(y, mo - 1, d, h, mi, s).getTime() / 1000);

const STORED_AT = localSeconds(1993, 6, 30, 21, 49, 8);
const NOW = STORED_AT + 60;

function setup(config: Partial<MsiloConfig> = {}) {
  const storage = new MemorySilo();
  const uac = new ScriptedUac();
  let now = STORED_AT;
  const msilo = new Msilo({ storage, uac, config, now: () => now });
  const store = async (body: string, headers: readonly string[] = MESSAGE_HEADERS) => {
    expect(await msilo.store(msiloRequest({ headers, body }))).toBe(1);
  };
  return { storage, uac, msilo, store, setNow: (t: number) => (now = t) };
}

const REGISTER = [
  'Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKr1',
  'From: <sip:bob@example.com>;tag=b1',
  'To: <sip:bob@example.com>',
  'Call-ID: reg-1',
  'CSeq: 1 REGISTER',
];
const register = (extra: readonly string[]) =>
  msiloRequest({ method: 'REGISTER', ruri: 'sip:example.com', headers: [...REGISTER, ...extra] });
const online = register(['Contact: <sip:bob@10.0.0.2:5060>', 'Expires: 3600']);

describe('ctime', () => {
  it('prints C ctime() in local time, day padded with a space', () => {
    expect(ctime(STORED_AT)).toBe('Wed Jun 30 21:49:08 1993');
    expect(ctime(localSeconds(2024, 3, 3, 7, 5, 9))).toBe('Sun Mar  3 07:05:09 2024');
  });
});

describe('m_dump: Kamailio REGISTER checks', () => {
  const cases: [string, readonly string[], boolean][] = [
    ['Contact: *', ['Contact: *', 'Expires: 0'], false],
    ['no Contact', ['Expires: 3600'], false],
    ['Expires: 0', ['Contact: <sip:bob@h>', 'Expires: 0'], false],
    ['contact expires=0 wins over the header', ['Contact: <sip:bob@h>;expires=0', 'Expires: 3600'], false],
    [
      'an unparsable contact expires counts as live',
      ['Contact: <sip:bob@h>;expires=soon', 'Expires: 0'],
      true,
    ],
    ['no Allow header, live contact', ['Contact: <sip:bob@h>'], true],
    ['Allow with MESSAGE', ['Contact: <sip:bob@h>', 'Allow: INVITE, MESSAGE'], true],
    ['Allow without MESSAGE', ['Contact: <sip:bob@h>', 'Allow: INVITE, BYE'], false],
    [
      'methods param with MESSAGE beats Allow',
      ['Contact: <sip:bob@h>;methods="MESSAGE"', 'Allow: INVITE'],
      true,
    ],
    // Kamailio's check_message_support: with no Allow header at all, a live contact still dumps.
    ['methods param without MESSAGE, no Allow', ['Contact: <sip:bob@h>;methods="INVITE"'], true],
    [
      'methods param without MESSAGE, Allow with it',
      ['Contact: <sip:bob@h>;methods="INVITE"', 'Allow: MESSAGE'],
      false,
    ],
  ];
  for (const [name, headers, accepted] of cases) {
    it(`${name} → ${accepted ? 'dump' : '-1'}`, async () => {
      expect(registerAcceptsMessage(register(headers))).toBe(accepted);
      const t = setup();
      await t.store('hi');
      expect(await t.msilo.dump(register(headers))).toBe(accepted ? 1 : -1);
      expect(t.uac.sent).toHaveLength(accepted ? 1 : 0);
    });
  }
});

describe('m_dump: the delivered MESSAGE', () => {
  it('R-URI = To = dst_addr, From = src_addr, Date then Content-Type then stored headers, prefixed body', async () => {
    const t = setup();
    await t.store('hello bob', [...MESSAGE_HEADERS, 'X-Thread: 42']);
    t.setNow(NOW);
    expect(await t.msilo.dump(online)).toBe(1);
    const m = t.uac.sent[0]!;
    expect([m.method, m.ruri, m.to, m.from]).toEqual([
      'MESSAGE',
      'sip:bob@example.com',
      'sip:bob@example.com',
      'sip:alice@example.com',
    ]);
    expect(m.headers).toEqual([
      `Date: ${new Date(STORED_AT * 1000).toUTCString()}`,
      'Content-Type: text/plain',
      'X-Thread: 42',
    ]);
    expect(m.body.toString()).toBe('[Offline message - Wed Jun 30 21:49:08 1993] hello bob');
  });

  it('add_contact adds Contact: <src_addr>;msilo=yes; extra_hdrs comes before stored headers', async () => {
    const t = setup({ addContact: true, extraHdrs: 'X-From-Msilo: yes\r\n' });
    await t.store('x', [...MESSAGE_HEADERS, 'X-Thread: 1']);
    await t.msilo.dump(online);
    expect(t.uac.sent[0]!.headers.slice(1)).toEqual([
      'Content-Type: text/plain',
      'Contact: <sip:alice@example.com>;msilo=yes',
      'X-From-Msilo: yes',
      'X-Thread: 1',
    ]);
  });

  it('no prefix for other content types, with add_date=0, or when the body would not fit 1024 bytes', async () => {
    const typed = setup();
    await typed.store(
      '<x/>',
      MESSAGE_HEADERS.map((h) => (h.startsWith('Content-Type') ? 'Content-Type: application/xml' : h)),
    );
    await typed.msilo.dump(online);
    expect(typed.uac.sent[0]!.body.toString()).toBe('<x/>');

    const noDate = setup({ addDate: false });
    await noDate.store('plain');
    await noDate.msilo.dump(online);
    expect(noDate.uac.sent[0]!.body.toString()).toBe('plain');

    const sizes = setup();
    await sizes.store('a'.repeat(979));
    await sizes.store('b'.repeat(980));
    await sizes.msilo.dump(online);
    expect(sizes.uac.sent.map((m) => m.body.length)).toEqual([1024, 980]);
  });

  it('sends every pending message of the owner, oldest first, and returns 1 with none', async () => {
    const t = setup();
    expect(await t.msilo.dump(online)).toBe(1);
    await t.store('one');
    await t.store('two');
    await t.store(
      'other',
      MESSAGE_HEADERS.map((h) => (h.startsWith('To:') ? 'To: <sip:carol@example.com>' : h)),
    );
    await t.msilo.store(
      msiloRequest({ headers: MESSAGE_HEADERS, body: 'for carol', newRuri: 'sip:carol@example.com' }),
    );
    await t.msilo.dump(online);
    expect(t.uac.sent.map((m) => m.body.toString().replace(/^\[.*?\] /, ''))).toEqual([
      'one',
      'two',
      'other',
    ]);
  });

  it('m_dump(owner) reads that owner; the database failing gives -1', async () => {
    const t = setup();
    await t.msilo.store(msiloRequest({ headers: MESSAGE_HEADERS, body: 'x', ruri: 'sip:carol@example.com' }));
    expect(await t.msilo.dump(online, 'sip:carol@example.com')).toBe(1);
    expect(t.uac.sent).toHaveLength(1);
    t.storage.failing = true;
    expect(await t.msilo.dump(online)).toBe(-1);
  });
});

describe('m_dump(owner, maxmsgs) (OpenSIPS 3)', () => {
  it('sends at most maxmsgs per call; the next call sends the rest', async () => {
    const t = setup({ flavor: 'opensips' });
    await t.store('one');
    await t.store('two');
    await t.store('three');
    expect(await t.msilo.dump(online, undefined, 2)).toBe(1);
    expect(t.uac.sent).toHaveLength(2);
    expect(await t.msilo.dump(online, undefined, 2)).toBe(1);
    expect(t.uac.sent.map((m) => m.body.toString().replace(/^\[.*?\] /, ''))).toEqual([
      'one',
      'two',
      'three',
    ]);
  });
});

describe('m_dump: delivery outcome and in-flight list', () => {
  it('a message being sent is not sent again by a second REGISTER', async () => {
    const t = setup();
    await t.store('once');
    await t.msilo.dump(online);
    await t.msilo.dump(online);
    expect(t.uac.sent).toHaveLength(1);
  });

  it('a 2xx deletes the row', async () => {
    const t = setup();
    await t.store('x');
    await t.msilo.dump(online);
    expect(t.storage.rows.size).toBe(1);
    await t.uac.answer(200);
    expect(t.storage.rows.size).toBe(0);
    await t.msilo.clean();
    await t.msilo.dump(online);
    expect(t.uac.sent).toHaveLength(1);
  });

  it('a final >= 300 keeps the row; it is sent again after the clean run detaches it', async () => {
    const t = setup();
    await t.store('retry me');
    await t.msilo.dump(online);
    await t.uac.answer(408);
    expect(t.storage.rows.size).toBe(1);
    await t.msilo.dump(online);
    expect(t.uac.sent).toHaveLength(1);
    await t.msilo.clean();
    await t.msilo.dump(online);
    expect(t.uac.sent).toHaveLength(2);
    await t.uac.answer(202);
    expect(t.storage.rows.size).toBe(0);
  });

  it('a delivered message whose delete failed is deleted by the clean run', async () => {
    const t = setup();
    await t.store('x');
    await t.msilo.dump(online);
    t.storage.failing = true;
    await t.uac.answer(200);
    expect(t.storage.rows.size).toBe(1);
    t.storage.failing = false;
    await t.msilo.clean();
    expect(t.storage.rows.size).toBe(0);
  });
});

describe('clean timer', () => {
  it('purges expired rows every clean_period runs', async () => {
    const t = setup({ expireTime: 100, cleanPeriod: 3 });
    await t.store('old');
    t.setNow(STORED_AT + 100);
    await t.msilo.clean();
    await t.msilo.clean();
    expect(t.storage.rows.size).toBe(1);
    await t.msilo.clean();
    expect(t.storage.rows.size).toBe(0);
  });

  it('start() runs the clean timer every check_time seconds until close()', async () => {
    vi.useFakeTimers();
    try {
      const t = setup({ checkTime: 2, cleanPeriod: 1 });
      t.msilo.start();
      await vi.advanceTimersByTimeAsync(1999);
      expect(t.storage.log).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(t.storage.log).toEqual(['deleteExpired']);
      t.msilo.close();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(t.storage.log).toEqual(['deleteExpired']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('reminders', () => {
  it('due reminders go to sip:user@domain from `reminder`; a failure makes them ordinary messages', async () => {
    const t = setup({ reminder: 'sip:reminder@example.com', sendTime: 60 });
    await t.msilo.store({
      ...msiloRequest({ headers: MESSAGE_HEADERS, body: 'call mum' }),
      sndTimeAvp: '19930630220000',
    });
    expect(await t.msilo.dump(online)).toBe(1);
    expect(t.uac.sent).toHaveLength(0);
    t.setNow(localSeconds(1993, 6, 30, 22, 0, 0));
    await t.msilo.remind();
    const r = t.uac.sent[0]!;
    expect([r.ruri, r.to, r.from]).toEqual([
      'sip:bob@example.com',
      'sip:bob@example.com',
      'sip:reminder@example.com',
    ]);
    expect(r.body.toString()).toBe('[Reminder message - Wed Jun 30 22:00:00 1993] call mum');
    await t.uac.answer(480);
    await t.msilo.clean();
    expect([...t.storage.rows.values()][0]?.sndTime).toBe(0);
  });
});

describe('SER and OpenSIPS flavours', () => {
  it('SER: R-URI is the REGISTER To, plain Contact, no Date; Expires: 0 stops the dump', async () => {
    const t = setup({ flavor: 'ser' });
    await t.msilo.storeSer(msiloRequest({ headers: MESSAGE_HEADERS, body: 'x' }), '0');
    const reg = msiloRequest({
      method: 'REGISTER',
      headers: REGISTER.map((h) => (h.startsWith('To:') ? 'To: <sip:bob@example.com;transport=udp>' : h)),
    });
    expect(await t.msilo.dump(reg)).toBe(1);
    const m = t.uac.sent[0]!;
    expect([m.ruri, m.to]).toEqual(['sip:bob@example.com;transport=udp', 'sip:bob@example.com']);
    expect(m.headers).toEqual(['Content-Type: text/plain', 'Contact: <sip:alice@example.com>']);
    expect(await t.msilo.dump(register(['Contact: <sip:bob@h>', 'Expires: 0']))).toBe(-1);
  });

  it('OpenSIPS: only Expires 0 stops the dump (no Allow/Contact checks)', async () => {
    const t = setup({ flavor: 'opensips' });
    await t.store('x');
    expect(await t.msilo.dump(register(['Allow: INVITE']))).toBe(1);
    expect(await t.msilo.dump(register(['Expires: 0']))).toBe(-1);
  });
});
