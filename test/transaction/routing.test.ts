// Loose routing (RFC 3261 §16.4, §16.6, §16.12) and Record-Route, on parsed messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, type SipMessage, type SipUri } from '../../runtime/core/sip/index.js';
import { looseRoute, recordRoute } from '../../runtime/core/transaction/routing.js';
import { startSipStack, type SipStack } from '../../runtime/core/transaction/stack.js';
import { silentLogger } from '../../runtime/core/transport/types.js';

const ME = 'proxy.example.com';
const isMyself = (uri: SipUri): boolean => uri.hostname === ME;

function message(ruri: string, routes: string[]): SipMessage {
  const text =
    `BYE ${ruri} SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKr\r\n` +
    routes.map((r) => `Route: ${r}\r\n`).join('') +
    'From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: r@x\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n';
  const parsed = parseMessage(Buffer.from(text));
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.message;
}

function sent(m: SipMessage): SipMessage {
  const parsed = parseMessage(m.serialize());
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.message;
}

describe('looseRoute', () => {
  it('returns -1 without Route headers and changes nothing', () => {
    const m = message('sip:b@192.0.2.9', []);
    expect(looseRoute(m, isMyself)).toEqual({ code: -1, requestUriChanged: false });
    expect(m.hasEdits).toBe(false);
  });

  it('removes our own Route and sends to the next loose router', () => {
    const m = message('sip:b@192.0.2.9', [`<sip:${ME};lr>`, '<sip:next.example.net;lr>']);
    const result = looseRoute(m, isMyself);
    expect(result).toEqual({ code: 1, destination: 'sip:next.example.net;lr', requestUriChanged: false });
    const out = sent(m);
    expect(out.headerValues('route')).toEqual(['<sip:next.example.net;lr>']);
    expect(out.requestUri?.toString()).toBe('sip:b@192.0.2.9');
  });

  it('removes our only Route; the Request-URI is the next hop', () => {
    const m = message('sip:b@192.0.2.9', [`<sip:${ME};lr>`]);
    expect(looseRoute(m, isMyself)).toEqual({ code: 1, requestUriChanged: false });
    expect(sent(m).has('route')).toBe(false);
  });

  it('fixes up after a strict router: our URI in the Request-URI is replaced by the last Route', () => {
    const m = message(`sip:${ME};lr`, ['<sip:next.example.net;lr>', '<sip:b@192.0.2.9>']);
    const result = looseRoute(m, isMyself);
    expect(result.code).toBe(1);
    expect(result.requestUriChanged).toBe(true);
    const out = sent(m);
    expect(out.requestUri?.toString()).toBe('sip:b@192.0.2.9');
    expect(out.headerValues('route')).toEqual(['<sip:next.example.net;lr>']);
    expect(result.destination).toBe('sip:next.example.net;lr');
  });

  it('sends to a strict router next: it becomes the Request-URI, the old one goes last in Route', () => {
    const m = message('sip:b@192.0.2.9', [
      `<sip:${ME};lr>`,
      '<sip:strict.example.net>',
      '<sip:later.example.net;lr>',
    ]);
    const result = looseRoute(m, isMyself);
    expect(result).toEqual({ code: 1, requestUriChanged: true });
    const out = sent(m);
    expect(out.requestUri?.toString()).toBe('sip:strict.example.net');
    expect(out.headerValues('route')).toEqual(['<sip:later.example.net;lr>', '<sip:b@192.0.2.9>']);
  });
});

describe('recordRoute', () => {
  let stack: SipStack;
  beforeAll(async () => {
    stack = await startSipStack({
      listen: [
        { proto: 'udp', host: '127.0.0.1', port: 0 },
        { proto: 'tcp', host: '127.0.0.1', port: 0 },
      ],
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('adds our Record-Route with ;lr as the topmost one', () => {
    const m = message('sip:b@192.0.2.9', []);
    const text =
      'INVITE sip:b@192.0.2.9 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKi\r\n' +
      'Record-Route: <sip:earlier.example.net;lr>\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCall-ID: i@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n';
    const parsed = parseMessage(Buffer.from(text));
    if (!parsed.ok) throw new Error(parsed.error.detail);
    recordRoute(parsed.message, stack.local, 'udp');
    recordRoute(m, stack.local, 'tcp');
    const udpPort = stack.bound.find((b) => b.proto === 'udp')!.port;
    const tcpPort = stack.bound.find((b) => b.proto === 'tcp')!.port;
    expect(sent(parsed.message).headerValues('record-route')).toEqual([
      `<sip:127.0.0.1:${udpPort};lr>`,
      '<sip:earlier.example.net;lr>',
    ]);
    expect(sent(m).header('record-route')).toBe(`<sip:127.0.0.1:${tcpPort};transport=tcp;lr>`);
    // And our own Record-Route is recognised as "myself" by loose routing later in the dialog.
    expect(stack.local.isMyself('127.0.0.1', udpPort)).toBe(true);
    expect(stack.local.isMyself('127.0.0.1', 1)).toBe(false);
    expect(stack.local.isMyself('192.0.2.1')).toBe(false);
  });
});
