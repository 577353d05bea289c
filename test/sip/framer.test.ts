import { describe, expect, it } from 'vitest';
import { SipStreamFramer, parseMessage, type FrameEvent } from '../../runtime/core/sip/index.js';
import { options } from './helpers.js';

function feed(framer: SipStreamFramer, data: Buffer, chunk: number): FrameEvent[] {
  const out: FrameEvent[] = [];
  for (let i = 0; i < data.length; i += chunk) out.push(...framer.push(data.subarray(i, i + chunk)));
  return out;
}

describe('SipStreamFramer', () => {
  it('frames pipelined messages split at any byte boundary, with keep-alives between them', () => {
    const a = options([], 'Привет');
    const b = options(['Subject: second']);
    const stream = Buffer.concat([
      Buffer.from('\r\n\r\n'),
      a,
      Buffer.from('\r\n'),
      b,
      Buffer.from('\r\n\r\n'),
    ]);
    for (const chunk of [1, 2, 3, 7, 64, stream.length]) {
      const events = feed(new SipStreamFramer(), stream, chunk);
      expect(events.map((e) => e.kind)).toEqual(['keepalive', 'message', 'message', 'keepalive']);
      const [, m1, m2] = events;
      expect(m1?.kind === 'message' && m1.data.equals(a)).toBe(true);
      expect(m2?.kind === 'message' && m2.data.equals(b)).toBe(true);
      if (m1?.kind === 'message') {
        const r = parseMessage(m1.data);
        expect(r.ok && r.message.body.toString()).toBe('Привет');
      }
    }
  });

  it('waits for the body (Content-Length in bytes) before yielding', () => {
    const msg = options([], 'é'.repeat(10));
    const f = new SipStreamFramer();
    expect(f.push(msg.subarray(0, msg.length - 1))).toEqual([]);
    expect(f.buffered).toBe(msg.length - 1);
    expect(f.push(msg.subarray(msg.length - 1)).map((e) => e.kind)).toEqual(['message']);
    expect(f.buffered).toBe(0);
  });

  it.each([
    ['missing', 'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n\r\n', /missing Content-Length/],
    ['invalid', 'OPTIONS sip:a@b SIP/2.0\r\nContent-Length: abc\r\n\r\n', /invalid Content-Length/],
    ['negative', 'OPTIONS sip:a@b SIP/2.0\r\nl: -5\r\n\r\n', /invalid Content-Length/],
    ['duplicate', 'OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 1\r\n\r\nx', /repeated Content-Length/],
  ])('fails the stream on a %s Content-Length and ignores what follows', (_what, text, detail) => {
    const f = new SipStreamFramer();
    const events = f.push(Buffer.from(text));
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e?.kind === 'error' && e.error.status).toBe(400);
    expect(e?.kind === 'error' && e.error.detail).toMatch(detail);
    expect(f.failed).toBe(true);
    expect(f.push(options())).toEqual([]);
    expect(f.buffered).toBe(0);
  });

  it('bounds the buffer: endless headers and oversize bodies fail with 513', () => {
    const f = new SipStreamFramer({ maxMessageSize: 4096 });
    let events: FrameEvent[] = [];
    for (let i = 0; i < 100 && events.length === 0; i++)
      events = f.push(Buffer.from('X-Junk: ' + 'a'.repeat(100) + '\r\n'));
    expect(events[0]?.kind === 'error' && events[0].error.status).toBe(513);
    expect(f.buffered).toBe(0);

    const g = new SipStreamFramer({ maxMessageSize: 4096 });
    const head = g.push(Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 1000000\r\n\r\n'));
    expect(head[0]?.kind === 'error' && head[0].error.status).toBe(513);
  });
});

describe('SipStreamFramer buffering', () => {
  it('handles a byte-by-byte drip of many messages and tolerates LF-only header ends', () => {
    const lfOnly = Buffer.from(options([], 'xy').toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const one = options([], 'hello');
    const stream = Buffer.concat([...Array.from({ length: 20 }, () => one), lfOnly]);
    const f = new SipStreamFramer();
    const events = feed(f, stream, 1);
    expect(events.map((e) => e.kind)).toEqual(Array.from({ length: 21 }, () => 'message'));
    const last = events[20];
    expect(last?.kind === 'message' && last.data.equals(lfOnly)).toBe(true);
    expect(f.buffered).toBe(0);
  });

  it('a CRLF CRLF inside the body does not end the message early', () => {
    const msg = options([], 'a\r\n\r\nb');
    const events = feed(new SipStreamFramer(), Buffer.concat([msg, msg]), 5);
    expect(events.filter((e) => e.kind === 'message')).toHaveLength(2);
  });
});
