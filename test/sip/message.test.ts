import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../runtime/core/sip/index.js';
import { BASE_HEADERS, mustParse, options, wire } from './helpers.js';

describe('SipMessage headers', () => {
  it('expands every compact form and ignores case in names', () => {
    const m = mustParse(
      wire([
        'MESSAGE sip:bob@example.com SIP/2.0',
        'v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKc1',
        'f: <sip:alice@example.com>;tag=1',
        't: <sip:bob@example.com>',
        'i: compact@192.0.2.1',
        'CSEQ: 1 MESSAGE',
        'm: <sip:alice@192.0.2.1>',
        'c: text/plain',
        'e: gzip',
        's: hello',
        'k: 100rel',
        'o: presence',
        'u: dialog',
        'r: <sip:carol@example.com>',
        'b: <sip:dave@example.com>',
        'x: 1800',
        'a: *;audio',
        'j: *;video',
        'd: proxy',
        'y: abc',
        'n: <https://example.com/cert>',
        'l: 0',
      ]),
    );
    expect(m.headerFields().map((h) => h.name)).toEqual([
      'via',
      'from',
      'to',
      'call-id',
      'cseq',
      'contact',
      'content-type',
      'content-encoding',
      'subject',
      'supported',
      'event',
      'allow-events',
      'refer-to',
      'referred-by',
      'session-expires',
      'accept-contact',
      'reject-contact',
      'request-disposition',
      'identity',
      'identity-info',
      'content-length',
    ]);
    expect(m.header('Content-Encoding')).toBe('gzip');
    expect(m.header('E')).toBe('gzip');
    expect(m.header('CALL-id')).toBe('compact@192.0.2.1');
    expect(m.has('REFER-TO')).toBe(true);
    expect(m.contacts[0]?.uri.host).toBe('192.0.2.1');
  });

  it('unfolds continuation lines to single spaces', () => {
    const m = mustParse(options(['Subject: first', '  second\t', '\tthird', 'X-Empty:', ' late value']));
    expect(m.header('subject')).toBe('first second third');
    expect(m.header('x-empty')).toBe('late value');
  });

  it('splits list headers on commas outside quotes and <>, keeps others whole', () => {
    const m = mustParse(
      options([
        'Route: <sip:p1.example.com;lr>, "Proxy, Two" <sip:a,b@p2.example.com;lr>',
        'Route: <sip:p3.example.com;lr>',
        'Allow: INVITE, ACK,OPTIONS',
        'Allow: MESSAGE',
        'Authorization: Digest username="a", realm="b,c", nonce="n"',
        'Date: Sat, 13 Nov 2010 23:29:00 GMT',
      ]),
    );
    expect(m.routes()?.map((r) => r.uri.host)).toEqual([
      'p1.example.com',
      'p2.example.com',
      'p3.example.com',
    ]);
    expect(m.headerValues('allow')).toEqual(['INVITE', 'ACK', 'OPTIONS', 'MESSAGE']);
    expect(m.headerAll('allow')).toEqual(['INVITE, ACK,OPTIONS', 'MESSAGE']);
    expect(m.headerValues('authorization')).toEqual(['Digest username="a", realm="b,c", nonce="n"']);
    expect(m.headerValues('date')).toEqual(['Sat, 13 Nov 2010 23:29:00 GMT']);
  });

  it('repeated Via headers and comma-separated Vias form one stack', () => {
    const m = mustParse(
      wire([
        'SIP/2.0 200 OK',
        'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com;branch=z9hG4bK2',
        'Via: SIP/2.0/UDP c.example.com:5070;branch=z9hG4bK3;received=10.0.0.3',
        'From: <sip:alice@example.com>;tag=1',
        'To: <sip:bob@example.com>;tag=2',
        'Call-ID: x',
        'CSeq: 1 INVITE',
        'Content-Length: 0',
      ]),
    );
    expect(m.isResponse).toBe(true);
    expect(m.method).toBe('INVITE');
    expect(m.vias.map((v) => v.host)).toEqual(['a.example.com', 'b.example.com', 'c.example.com']);
    expect(m.toTag).toBe('2');
  });

  it('header names and params named __proto__ are plain data', () => {
    const m = mustParse(options(['__proto__: polluted', 'constructor: x']));
    expect(m.header('__proto__')).toBe('polluted');
    expect(m.header('constructor')).toBe('x');
    expect(m.header('toString')).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const v = mustParse(
      wire([
        'OPTIONS sip:b@example.com SIP/2.0',
        'Via: SIP/2.0/UDP h;__proto__=1;branch=z9hG4bKp',
        ...BASE_HEADERS.slice(1),
      ]),
    );
    expect(v.via.params.get('__proto__')).toBe('1');
  });

  it('counts Content-Length in bytes for multibyte UTF-8 bodies', () => {
    const text = 'Привет, мир! 😀 日本語';
    const m = mustParse(options(['Content-Type: text/plain;charset=utf-8'], text));
    expect(m.contentLength).toBe(Buffer.byteLength(text));
    expect(m.contentLength).toBeGreaterThan(text.length);
    expect(m.body.toString('utf8')).toBe(text);
    // A sender that counted characters declared too little: the body is cut at that many bytes.
    const chars = wire(
      ['OPTIONS sip:bob@example.com SIP/2.0', ...BASE_HEADERS, `Content-Length: ${text.length}`],
      text,
    );
    expect(mustParse(chars).body.length).toBe(text.length);
  });

  it('body framing: trailing datagram bytes are dropped, missing Content-Length takes the rest', () => {
    const m = mustParse(Buffer.concat([options([], 'abc'), Buffer.from('JUNK')]));
    expect(m.body.toString()).toBe('abc');
    expect(m.serialize().toString()).not.toContain('JUNK');
    const noCl = wire(['OPTIONS sip:bob@example.com SIP/2.0', ...BASE_HEADERS], 'rest of datagram');
    expect(mustParse(noCl).body.toString()).toBe('rest of datagram');
  });

  it('accepts bare LF line ends and leading CRLFs', () => {
    const text =
      '\r\n\r\nOPTIONS sip:bob@example.com SIP/2.0\n' + BASE_HEADERS.join('\n') + '\nContent-Length: 0\n\n';
    const m = mustParse(Buffer.from(text));
    expect(m.callId).toBe('base-call@192.0.2.1');
    expect(m.serialize().toString()).toBe(text.slice(4));
  });

  it('required headers and scalar checks', () => {
    const status = (buf: Buffer) => {
      const r = parseMessage(buf);
      return r.ok ? 'ok' : r.error.status;
    };
    const without = (name: string) =>
      wire([
        'OPTIONS sip:bob@example.com SIP/2.0',
        ...BASE_HEADERS.filter((h) => !h.startsWith(name)),
        'Content-Length: 0',
      ]);
    for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) expect(status(without(name))).toBe(400);
    expect(status(without('Max-Forwards'))).toBe('ok');
    expect(status(options(['Max-Forwards: 256']))).toBe(400); // also repeated
    expect(
      status(
        wire([
          'OPTIONS sip:bob@example.com SIP/2.0',
          ...BASE_HEADERS.slice(0, 5),
          'Max-Forwards: 256',
          'l: 0',
        ]),
      ),
    ).toBe(400);
    expect(
      status(
        wire([
          'OPTIONS sip:bob@example.com SIP/2.0',
          ...BASE_HEADERS.slice(0, 4),
          'CSeq: 4294967295 OPTIONS',
          'l: 0',
        ]),
      ),
    ).toBe('ok');
    expect(
      status(
        wire([
          'OPTIONS sip:bob@example.com SIP/2.0',
          ...BASE_HEADERS.slice(0, 4),
          'CSeq: 4294967296 OPTIONS',
          'l: 0',
        ]),
      ),
    ).toBe(400);
    expect(
      status(
        wire(['OPTIONS sip:bob@example.com SIP/2.0', ...BASE_HEADERS.slice(0, 4), 'CSeq: 1 INVITE', 'l: 0']),
      ),
    ).toBe(400);
    expect(status(wire(['FOO sip:bob@example.com SIP/2.0', ...BASE_HEADERS, 'l: 0']))).toBe(501);
    expect(status(wire(['OPTIONS sip:bob@example.com SIP/3.0', ...BASE_HEADERS, 'l: 0']))).toBe(505);
    expect(status(wire(['SIP/2.0 99 Odd', ...BASE_HEADERS, 'l: 0']))).toBe(0);
    expect(status(wire(['SIP/2.0 200 OK', ...BASE_HEADERS.slice(1), 'l: 0']))).toBe(0);
    expect(status(options(['Content-Length: 5']))).toBe(400);
  });

  describe('limits', () => {
    it('max message size (default 64 KiB) → 513', () => {
      const big = options([], 'x'.repeat(70000));
      const r = parseMessage(big);
      expect(r.ok ? 0 : r.error.status).toBe(513);
      expect(r.ok ? '' : r.error.detail).toMatch(/exceeds 65536/);
      expect(parseMessage(big, { maxMessageSize: 100000 }).ok).toBe(true);
    });

    it('max headers', () => {
      const many = Array.from({ length: 300 }, (_, i) => `X-H${i}: ${i}`);
      const r = parseMessage(options(many));
      expect(r.ok ? '' : r.error.detail).toMatch(/more than 256 header fields/);
      expect(parseMessage(options(many), { maxHeaders: 400 }).ok).toBe(true);
    });

    it('max header length, folded continuations included', () => {
      const r = parseMessage(options(['X-Long: ' + 'a'.repeat(9000)]));
      expect(r.ok ? '' : r.error.detail).toMatch(/longer than 8192/);
      const folded = Array.from({ length: 20 }, () => ' ' + 'b'.repeat(500));
      const f = parseMessage(options(['X-Folded: start', ...folded]));
      expect(f.ok ? 0 : f.error.status).toBe(400);
      expect(parseMessage(options(['X-Folded: start', ...folded]), { maxHeaderLength: 20000 }).ok).toBe(true);
    });
  });

  it('never throws on mutated torture messages', () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'rfc4475');
    const seeds = readdirSync(dir)
      .filter((f) => f.endsWith('.dat'))
      .map((f) => readFileSync(join(dir, f)));
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const interesting = [0, 9, 10, 13, 32, 34, 44, 58, 59, 60, 62, 64, 0xff, 0xc3];
    let parsed = 0;
    for (let round = 0; round < 3000; round++) {
      const src = seeds[rand(seeds.length)] ?? Buffer.alloc(0);
      const buf = Buffer.from(src);
      for (let k = 0; k < 1 + rand(4); k++)
        buf[rand(buf.length)] = interesting[rand(interesting.length)] ?? 0;
      const cut = rand(3) === 0 ? buf.subarray(0, rand(buf.length)) : buf;
      const r = parseMessage(cut);
      if (r.ok) {
        parsed++;
        r.message.addHeader('X-Fuzz', '1');
        expect(parseMessage(r.message.serialize()).ok).toBe(true);
      } else {
        expect(r.error.detail).not.toMatch(/internal parser error/);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });
});

describe('reads of malformed optional headers', () => {
  it('never throw: lists with an unterminated quote, bad Route values, bad Expires', () => {
    const m = mustParse(
      options([
        'Allow: INVITE, "ACK',
        'Route: <sip:a.example.com;lr',
        'Expires: 99999999999',
        'Record-Route: "x',
      ]),
    );
    expect(m.headerValues('allow')).toEqual(['INVITE', '"ACK']);
    expect(m.routes()).toBeUndefined();
    expect(m.recordRoutes()).toBeUndefined();
    expect(m.expires).toBeUndefined();
    m.removeTopValue('record-route');
    m.removeTopValue('allow');
    const out = mustParse(m.serialize());
    expect(out.headerValues('allow')).toEqual(['"ACK']);
    expect(out.has('record-route')).toBe(false);
  });
});

describe('internal failures', () => {
  it('an exception inside the parser becomes a 400 with detail, never a throw', () => {
    const buf = options();
    Object.defineProperty(buf, 'indexOf', {
      value: () => {
        throw new Error('simulated bug');
      },
    });
    const r = parseMessage(buf);
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.error).toEqual({
      status: 400,
      reason: 'Bad Request',
      detail: 'internal parser error: simulated bug',
    });
  });
});

describe('IPv6 end to end', () => {
  it('parses IPv6 in the R-URI, Via and Contact, and fills received/rport with an IPv6 address', () => {
    const m = mustParse(
      wire([
        'REGISTER sip:[2001:db8::1]:5060 SIP/2.0',
        'Via: SIP/2.0/UDP [2001:db8::20]:5062;branch=z9hG4bK6a;rport',
        'From: <sip:alice@[2001:db8::1]>;tag=6',
        'To: <sip:alice@[2001:db8::1]>',
        'Call-ID: v6@2001:db8::20',
        'CSeq: 1 REGISTER',
        'Contact: <sip:alice@[2001:db8::20]:5062;transport=udp>',
        'Content-Length: 0',
      ]),
    );
    expect(m.requestUri?.hostname).toBe('2001:db8::1');
    expect(m.requestUri?.port).toBe(5060);
    expect(m.via.hostname).toBe('2001:db8::20');
    expect(m.via.port).toBe(5062);
    expect(m.contacts[0]?.uri.host).toBe('[2001:db8::20]');
    // RFC 3261 grammar: received holds a bare IPv6address (RFC 5118 §4.5).
    m.setTopViaParams({ received: '2001:db8::99', rport: 40001 });
    const out = mustParse(m.serialize());
    expect(out.via.received).toBe('2001:db8::99');
    expect(out.via.rport).toBe(40001);
  });
});
