import { describe, expect, it } from 'vitest';
import { Msilo, type MsiloConfig } from '../../../runtime/modules/msilo/index.js';
import { MemorySilo, MESSAGE_HEADERS, msiloRequest, ScriptedUac, type RequestSpec } from './doubles.js';

const NOW = 1_700_000_000;

function setup(config: Partial<MsiloConfig> = {}) {
  const storage = new MemorySilo();
  const uac = new ScriptedUac();
  const msilo = new Msilo({ storage, uac, config, now: () => NOW });
  return { storage, uac, msilo };
}

const message = (over: Partial<RequestSpec> = {}) =>
  msiloRequest({ headers: MESSAGE_HEADERS, body: 'hello', ...over });

const onlyRow = (s: MemorySilo) => {
  expect(s.rows.size).toBe(1);
  return [...s.rows.values()][0]!;
};

describe('m_store owner, Kamailio/OpenSIPS forms', () => {
  it('m_store() uses the R-URI as received', async () => {
    const t = setup();
    expect(await t.msilo.store(message({ ruri: 'sip:bob@example.com' }))).toBe(1);
    const row = onlyRow(t.storage);
    expect([row.username, row.domain, row.srcAddr, row.dstAddr]).toEqual([
      'bob',
      'example.com',
      'sip:alice@example.com',
      'sip:bob@example.com',
    ]);
  });

  it('m_store() prefers the rewritten R-URI', async () => {
    const t = setup();
    await t.msilo.store(message({ newRuri: 'sip:robert@other.net' }));
    expect([onlyRow(t.storage).username, onlyRow(t.storage).domain]).toEqual(['robert', 'other.net']);
  });

  it('m_store("$ru") / m_store(owner) uses the evaluated owner', async () => {
    const t = setup();
    await t.msilo.store(message({ newRuri: 'sip:bob@10.0.0.9:5070' }), 'sip:bob@example.com');
    expect([onlyRow(t.storage).username, onlyRow(t.storage).domain]).toEqual(['bob', 'example.com']);
  });

  it('an owner without user part is refused', async () => {
    const t = setup();
    expect(await t.msilo.store(message(), 'sip:example.com')).toBe(-1);
    expect(await t.msilo.store(message({ ruri: 'sip:example.com' }))).toBe(-1);
    expect(t.storage.rows.size).toBe(0);
  });
});

describe('m_store owner, SER modes', () => {
  it('"0": the new R-URI when it is user@host and not an IP', async () => {
    const t = setup({ flavor: 'ser' });
    await t.msilo.storeSer(message({ newRuri: 'sip:robert@other.net' }), '0');
    expect(onlyRow(t.storage).username).toBe('robert');
  });

  it('"0": a new R-URI with an IP host falls back to the original R-URI', async () => {
    const t = setup({ flavor: 'ser' });
    await t.msilo.storeSer(message({ ruri: 'sip:bob@example.com', newRuri: 'sip:bob@10.1.2.3' }), '0');
    expect(onlyRow(t.storage).domain).toBe('example.com');
  });

  it('"1": ignores the new R-URI; an IP R-URI falls back to To', async () => {
    const t = setup({ flavor: 'ser' });
    await t.msilo.storeSer(message({ ruri: 'sip:carol@example.com', newRuri: 'sip:robert@other.net' }), '1');
    expect(onlyRow(t.storage).username).toBe('carol');
    const t2 = setup({ flavor: 'ser' });
    await t2.msilo.storeSer(message({ ruri: 'sip:carol@192.168.1.1' }), '1');
    expect(onlyRow(t2.storage).username).toBe('bob');
  });

  it('"2": the To URI only, which must have a user', async () => {
    const t = setup({ flavor: 'ser' });
    await t.msilo.storeSer(message({ ruri: 'sip:carol@example.com' }), '2');
    expect(onlyRow(t.storage).username).toBe('bob');
    const t2 = setup({ flavor: 'ser' });
    const headers = MESSAGE_HEADERS.map((h) => (h.startsWith('To:') ? 'To: <sip:example.com>' : h));
    expect(await t2.msilo.storeSer(msiloRequest({ headers, body: 'x' }), '2')).toBe(-1);
  });
});

describe('m_store: what is stored', () => {
  it('needs a body', async () => {
    const t = setup();
    expect(await t.msilo.store(msiloRequest({ headers: MESSAGE_HEADERS }))).toBe(-1);
    expect(
      await t.msilo.store(msiloRequest({ headers: [...MESSAGE_HEADERS, 'Content-Length: 0'], body: '' })),
    ).toBe(-1);
    expect(t.storage.rows.size).toBe(0);
  });

  const withType = (ct: string | undefined) =>
    msiloRequest({
      headers: [
        ...MESSAGE_HEADERS.filter((h) => !h.startsWith('Content-Type')),
        ...(ct ? [`Content-Type: ${ct}`] : []),
      ],
      body: 'x',
    });

  it('ctype: text/plain (any params) and message/cpim are stored as text/plain', async () => {
    const t = setup();
    await t.msilo.store(withType('text/plain; charset=UTF-8'));
    await t.msilo.store(withType('Message/CPIM'));
    expect([...t.storage.rows.values()].map((r) => r.ctype)).toEqual(['text/plain', 'text/plain']);
  });

  it('ctype: other types keep their bare type/subtype; no Content-Type is refused', async () => {
    const t = setup();
    await t.msilo.store(withType('application/im-iscomposing+xml;refresh=60'));
    expect(onlyRow(t.storage).ctype).toBe('application/im-iscomposing+xml');
    expect(await t.msilo.store(withType(undefined))).toBe(-1);
  });

  it('expires: expire_time, or a shorter positive Expires header', async () => {
    const t = setup({ expireTime: 3600 });
    await t.msilo.store(message());
    await t.msilo.store(message({ headers: [...MESSAGE_HEADERS, 'Expires: 120'] }));
    await t.msilo.store(message({ headers: [...MESSAGE_HEADERS, 'Expires: 7200'] }));
    await t.msilo.store(message({ headers: [...MESSAGE_HEADERS, 'Expires: 0'] }));
    expect([...t.storage.rows.values()].map((r) => [r.incTime, r.expTime - NOW])).toEqual([
      [NOW, 3600],
      [NOW, 120],
      [NOW, 3600],
      [NOW, 3600],
    ]);
  });

  it('extra_hdrs keeps unknown headers and P-Asserted-Identity, verbatim with CRLF', async () => {
    const t = setup();
    await t.msilo.store(
      message({
        headers: [
          ...MESSAGE_HEADERS,
          'X-Custom: one',
          'User-Agent: phone',
          'P-Asserted-Identity: <sip:alice@example.com>',
          'Max-Forwards: 70',
        ],
      }),
    );
    expect(onlyRow(t.storage).extraHdrs).toBe(
      'X-Custom: one\r\nP-Asserted-Identity: <sip:alice@example.com>\r\n',
    );
  });

  it('extra headers that do not fit 1024 bytes refuse the message', async () => {
    const t = setup();
    expect(
      await t.msilo.store(message({ headers: [...MESSAGE_HEADERS, `X-Big: ${'a'.repeat(1100)}`] })),
    ).toBe(-1);
  });

  it('max_messages refuses once the owner has that many', async () => {
    const t = setup({ maxMessages: 2 });
    expect(await t.msilo.store(message())).toBe(1);
    expect(await t.msilo.store(message())).toBe(1);
    expect(await t.msilo.store(message())).toBe(-1);
    expect(await t.msilo.store(message({ ruri: 'sip:carol@example.com' }))).toBe(1);
  });
});

describe('m_store: commit ordering and failures', () => {
  it('resolves only after the insert has committed', async () => {
    const t = setup();
    let commit!: () => void;
    t.storage.insertGate = new Promise((r) => (commit = r));
    let settled = false;
    const pending = t.msilo.store(message()).then((rc) => {
      settled = true;
      return rc;
    });
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    expect(t.storage.rows.size).toBe(0);
    commit();
    expect(await pending).toBe(1);
    expect(t.storage.log).toEqual(['insert 1']);
  });

  it('returns -1 when the database fails, so the script can answer 503', async () => {
    const t = setup({ maxMessages: 5 });
    t.storage.failing = true;
    expect(await t.msilo.store(message())).toBe(-1);
    const t2 = setup();
    t2.storage.failing = true;
    expect(await t2.msilo.store(message())).toBe(-1);
  });
});

describe('m_store: notice to the sender', () => {
  const notifying: Partial<MsiloConfig> = {
    fromAddress: 'sip:registrar@example.com',
    offlineMessage: '$var(who) is offline',
    contentTypeHdr: 'Content-Type: text/plain\r\n',
    contactHdr: 'Contact: <sip:registrar@example.com;msilo=yes>\r\n',
  };

  it('goes to the sender Contact with from_address, contact_hdr + content_type_hdr and offline_message', async () => {
    const t = setup(notifying);
    await t.msilo.store(
      message({ headers: [...MESSAGE_HEADERS, 'Contact: <sip:alice@10.0.0.1:5060>'], vars: { who: 'bob' } }),
    );
    expect(t.uac.sent).toHaveLength(1);
    const n = t.uac.sent[0]!;
    expect([n.ruri, n.to, n.from]).toEqual([
      'sip:alice@10.0.0.1:5060',
      'sip:alice@example.com',
      'sip:registrar@example.com',
    ]);
    expect(n.headers).toEqual(['Contact: <sip:registrar@example.com;msilo=yes>', 'Content-Type: text/plain']);
    expect(n.body.toString()).toBe('bob is offline');
  });

  it('goes to the From URI with use_contact=0 or without a Contact', async () => {
    const t = setup({ ...notifying, useContact: false });
    await t.msilo.store(message({ headers: [...MESSAGE_HEADERS, 'Contact: <sip:alice@10.0.0.1>'] }));
    await t.msilo.store(message());
    expect(t.uac.sent.map((n) => n.ruri)).toEqual(['sip:alice@example.com', 'sip:alice@example.com']);
  });

  it('is skipped without from_address, or with the skip flag set, and is not sent when not stored', async () => {
    const none = setup({ offlineMessage: 'x', contentTypeHdr: 'Content-Type: text/plain\r\n' });
    await none.msilo.store(message());
    expect(none.uac.sent).toEqual([]);
    const flagged = setup({ ...notifying, skipNotificationFlag: 3 });
    await flagged.msilo.store(message({ flags: [3] }));
    expect(flagged.uac.sent).toEqual([]);
    const failed = setup(notifying);
    failed.storage.failing = true;
    await failed.msilo.store(message());
    expect(failed.uac.sent).toEqual([]);
  });

  it('offline_message without content_type_hdr is a startup error', () => {
    expect(() => setup({ offlineMessage: 'x' })).toThrow(/content_type_hdr/);
  });

  it('SER `registrar`: fixed English notice; messages to or from the registrar are refused', async () => {
    const t = setup({ flavor: 'ser', registrar: 'sip:registrar@example.com' });
    expect(await t.msilo.storeSer(message(), '0')).toBe(1);
    const n = t.uac.sent[0]!;
    expect(n.from).toBe('sip:registrar@example.com');
    expect(n.headers).toEqual(['Content-Type: text/plain', 'Contact: <sip:registrar@example.com>;msilo=yes']);
    expect(n.body.toString()).toBe(
      'User [sip:bob@example.com] is offline. The message will be delivered when user goes online.',
    );
    const loop = MESSAGE_HEADERS.map((h) =>
      h.startsWith('From:') ? 'From: <sip:Registrar@example.com>;tag=x' : h,
    );
    expect(await t.msilo.storeSer(msiloRequest({ headers: loop, body: 'x' }), '0')).toBe(-1);
  });
});
