import { describe, expect, it } from 'vitest';
import { buildRequest, buildResponse, editedView, parseVia } from '../../runtime/core/sip/index.js';
import { mustParse, options, wire } from './helpers.js';

describe('deferred edits', () => {
  it('serialize without edits returns the received bytes', () => {
    const buf = options(['Subject: folded', '  value'], 'body');
    const m = mustParse(buf);
    expect(m.hasEdits).toBe(false);
    expect(m.serialize().equals(buf)).toBe(true);
  });

  it('applies header, R-URI and Via edits at send time while reads keep the original', () => {
    const m = mustParse(
      wire(
        [
          'INVITE sip:bob@example.com SIP/2.0',
          'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKa1;rport, SIP/2.0/TCP 192.0.2.9;branch=z9hG4bKa0',
          'Via: SIP/2.0/UDP 192.0.2.8;branch=z9hG4bKzz',
          'From: <sip:alice@example.com>;tag=1',
          'To: <sip:bob@example.com>',
          'Call-ID: e1',
          'CSeq: 1 INVITE',
          'Route: <sip:proxy.example.com;lr>',
          'X-Drop: 1',
          'x-drop: 2',
          'Max-Forwards: 70',
          'l: 3',
        ],
        'abc',
      ),
    );
    m.setRequestUri('sip:bob@192.0.2.50:5070');
    m.prependVia('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKfirst');
    m.prependVia(parseVia('SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKsecond'));
    m.setTopViaParams({ received: '203.0.113.7', rport: 40000 });
    m.removeHeader('x-drop');
    m.removeHeader('route');
    m.addHeader('X-Added', 'end');
    m.addHeader('X-First', 'top', 'prepend');

    expect(m.requestUri?.toString()).toBe('sip:bob@example.com');
    expect(m.via.received).toBeUndefined();
    expect(m.header('x-drop')).toBe('1');
    expect(m.has('x-added')).toBe(false);

    const out = editedView(m);
    expect(out.requestUri?.toString()).toBe('sip:bob@192.0.2.50:5070');
    expect(out.vias.map((v) => v.branch)).toEqual([
      'z9hG4bKsecond',
      'z9hG4bKfirst',
      'z9hG4bKa1',
      'z9hG4bKa0',
      'z9hG4bKzz',
    ]);
    expect(out.vias[2]?.received).toBe('203.0.113.7');
    expect(out.vias[2]?.rport).toBe(40000);
    expect(out.has('x-drop')).toBe(false);
    expect(out.has('route')).toBe(false);
    expect(out.headerFields()[0]).toEqual({ name: 'x-first', value: 'top' });
    expect(out.header('x-added')).toBe('end');
    expect(out.body.toString()).toBe('abc');
    expect(out.contentLength).toBe(3);
    expect(out.callId).toBe('e1');
    // Rendered once, then cached until the next edit.
    expect(m.serialize()).toBe(m.serialize());
  });

  it('setBody recomputes Content-Length in bytes and can replace Content-Type', () => {
    const m = mustParse(options(['Content-Type: text/plain'], 'old'));
    m.setBody('новый текст', 'text/plain;charset=utf-8');
    const out = editedView(m);
    expect(out.body.toString('utf8')).toBe('новый текст');
    expect(out.contentLength).toBe(Buffer.byteLength('новый текст'));
    expect(out.headerAll('content-type')).toEqual(['text/plain;charset=utf-8']);
    expect(m.body.toString()).toBe('old');
  });

  it('adds Content-Length when the datagram had none', () => {
    const m = mustParse(
      wire(
        [
          'OPTIONS sip:b@example.com SIP/2.0',
          'Via: SIP/2.0/UDP h;branch=z9hG4bKq',
          'From: <sip:a@example.com>;tag=1',
          'To: <sip:b@example.com>',
          'Call-ID: q',
          'CSeq: 1 OPTIONS',
        ],
        'xyz',
      ),
    );
    m.removeHeader('subject');
    expect(editedView(m).contentLength).toBe(3);
  });

  it('refuses header injection', () => {
    const m = mustParse(options());
    expect(() => m.addHeader('X-Evil', 'a\r\nVia: SIP/2.0/UDP evil')).toThrow();
    expect(() => m.addHeader('X-Evil: a\r\nVia', 'b')).toThrow();
    expect(() => m.addHeader('', 'b')).toThrow();
    expect(() => m.setRequestUri('sip:a@b SIP/2.0\r\n')).toThrow();
  });
});

describe('builders', () => {
  it('buildResponse copies Vias, From, To (+tag), Call-ID, CSeq per RFC 3261 §8.2.6', () => {
    const req = mustParse(
      wire([
        'INVITE sip:bob@example.com SIP/2.0',
        'Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1, SIP/2.0/UDP p2.example.com;branch=z9hG4bK2',
        'Via: SIP/2.0/UDP ua.example.com;branch=z9hG4bK3;received=10.1.1.1',
        'From: "Alice" <sip:alice@example.com>;tag=a1',
        'To: Bob <sip:bob@example.com>',
        'Call-ID: r1',
        'CSeq: 42 INVITE',
        'Timestamp: 54',
        'Max-Forwards: 70',
        'Content-Length: 0',
      ]),
    );
    const ok = buildResponse(req, 200, 'OK', {
      toTag: 'b1',
      extraHeaders: [['Contact', '<sip:bob@192.0.2.4>']],
      body: 'v=0\r\n',
      contentType: 'application/sdp',
    });
    expect([ok.status, ok.reason, ok.method]).toEqual([200, 'OK', 'INVITE']);
    expect(ok.headerAll('via')).toEqual(req.headerAll('via'));
    expect(ok.vias.map((v) => v.branch)).toEqual(['z9hG4bK1', 'z9hG4bK2', 'z9hG4bK3']);
    expect(ok.from.tag).toBe('a1');
    expect(ok.to.tag).toBe('b1');
    expect(ok.to.displayName).toBe('Bob');
    expect(ok.callId).toBe('r1');
    expect(ok.cseq).toEqual({ seq: 42, method: 'INVITE' });
    expect(ok.contacts[0]?.uri.host).toBe('192.0.2.4');
    expect(ok.contentLength).toBe(5);
    expect(ok.has('timestamp')).toBe(false);

    const trying = buildResponse(req, 100, 'Trying', { toTag: 'b1' });
    expect(trying.toTag).toBeUndefined();
    expect(trying.header('timestamp')).toBe('54');
  });

  it('buildResponse keeps an existing To tag', () => {
    const req = mustParse(
      Buffer.from(
        options().toString().replace('To: <sip:bob@example.com>', 'To: <sip:bob@example.com>;tag=have'),
      ),
    );
    expect(buildResponse(req, 486, 'Busy Here', { toTag: 'new' }).toTag).toBe('have');
  });

  it('buildRequest adds Max-Forwards and Content-Length (bytes) and validates the result', () => {
    const body = 'Grüße 👋';
    const m = buildRequest({
      method: 'MESSAGE',
      uri: 'sip:bob@example.com',
      headers: [
        ['v', 'SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKb1'],
        ['From', '<sip:alice@example.com>;tag=x'],
        ['To', '<sip:bob@example.com>'],
        ['Call-ID', 'm1'],
        ['CSeq', '1 MESSAGE'],
      ],
      body,
      contentType: 'text/plain;charset=utf-8',
    });
    expect(m.maxForwards).toBe(70);
    expect(m.contentLength).toBe(Buffer.byteLength(body));
    expect(m.body.toString()).toBe(body);
    expect(m.serialize().toString()).toContain('\r\nVia: SIP/2.0/UDP');
    expect(() =>
      buildRequest({
        method: 'MESSAGE',
        uri: 'sip:bob@example.com',
        headers: [['From', '<sip:a@example.com>']],
      }),
    ).toThrow(/missing/);
  });
});

describe('replaceHeader and removeTopValue', () => {
  it('replaces in place, drops duplicates, appends when absent', () => {
    const m = mustParse(options(['X-A: 1', 'X-A: 2', 'Subject: s']));
    m.replaceHeader('Max-Forwards', '69');
    m.replaceHeader('x-a', 'one');
    m.replaceHeader('X-New', 'n');
    const out = editedView(m);
    expect(out.maxForwards).toBe(69);
    expect(out.headerAll('x-a')).toEqual(['one']);
    expect(out.header('x-new')).toBe('n');
    const names = out.headerFields().map((f) => f.name);
    expect(names.indexOf('max-forwards')).toBe(
      mustParse(options())
        .headerFields()
        .findIndex((f) => f.name === 'max-forwards'),
    );
    expect(m.maxForwards).toBe(70);
    expect(() => m.replaceHeader('Via', 'x')).toThrow();
  });

  it('pops Route values across comma lists and fields', () => {
    const m = mustParse(
      options(['Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>', 'Route: <sip:p3.example.com;lr>']),
    );
    m.removeTopValue('route');
    expect(
      editedView(m)
        .routes()
        ?.map((r) => r.uri.host),
    ).toEqual(['p2.example.com', 'p3.example.com']);
    m.removeTopValue('Route');
    expect(
      editedView(m)
        .routes()
        ?.map((r) => r.uri.host),
    ).toEqual(['p3.example.com']);
    m.removeTopValue('route');
    expect(editedView(m).has('route')).toBe(false);
    expect(m.routes()?.length).toBe(3);
  });
});
