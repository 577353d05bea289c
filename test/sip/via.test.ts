import { describe, expect, it } from 'vitest';
import {
  MAGIC_COOKIE,
  newBranch,
  newCallId,
  newTag,
  parseVia,
  parseViaList,
} from '../../runtime/core/sip/index.js';

describe('Via', () => {
  it('parses protocol, transport, sent-by and parameters', () => {
    const v = parseVia(
      'SIP/2.0/udp pc33.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067;maddr=224.2.0.1;ttl=16',
    );
    expect([v.protocol, v.version, v.transport, v.host, v.port]).toEqual([
      'SIP',
      '2.0',
      'UDP',
      'pc33.example.com',
      5066,
    ]);
    expect(v.branch).toBe('z9hG4bK776asdhds');
    expect(v.hasMagicCookie).toBe(true);
    expect(v.received).toBe('192.0.2.1');
    expect(v.rport).toBe(5067);
    expect(v.maddr).toBe('224.2.0.1');
    expect(v.ttl).toBe(16);
  });

  it('rport as a flag, IPv6 sent-by and received', () => {
    const v = parseVia('SIP/2.0/TCP [2001:db8::9]:5070;rport;branch=z9hG4bKx;received=[2001:db8::1]');
    expect(v.rport).toBe(true);
    expect(v.host).toBe('[2001:db8::9]');
    expect(v.hostname).toBe('2001:db8::9');
    expect(v.received).toBe('[2001:db8::1]');
  });

  it('LWS around / : ; = and comma lists', () => {
    const list = parseViaList(
      'SIP / 2.0 / UDP  host1.example.com : 5060 ; branch = z9hG4bK1 , SIP/2.0/TLS host2.example.com;branch=z9hG4bK2',
    );
    expect(list.map((v) => [v.transport, v.host, v.port, v.branch])).toEqual([
      ['UDP', 'host1.example.com', 5060, 'z9hG4bK1'],
      ['TLS', 'host2.example.com', undefined, 'z9hG4bK2'],
    ]);
  });

  it('branch without the magic cookie (RFC 2543)', () => {
    const v = parseVia('SIP/2.0/UDP h.example.com;branch=1234');
    expect(v.hasMagicCookie).toBe(false);
    expect(MAGIC_COOKIE).toBe('z9hG4bK');
  });

  it('withParams sets, replaces and removes', () => {
    const v = parseVia('SIP/2.0/UDP h.example.com;branch=z9hG4bKa;rport').withParams([
      ['received', '10.0.0.1'],
      ['rport', '5070'],
      ['branch', undefined],
    ]);
    expect(v.toString()).toBe('SIP/2.0/UDP h.example.com;rport=5070;received=10.0.0.1');
  });

  it('__proto__ parameter is harmless', () => {
    const v = parseVia('SIP/2.0/UDP h.example.com;__proto__;branch=z9hG4bKb');
    expect(v.params.get('__proto__')).toBeNull();
    expect(v.branch).toBe('z9hG4bKb');
  });

  it.each([
    ['SIP/2.0/UDP 192.0.2.15;;,;,,'],
    ['SIP/2.0/UDP'],
    ['SIP/2.0 host.example.com'],
    ['SIP/2.0/UDP host.example.com:99999'],
    ['SIP/2.0/UDP host.example.com;branch='],
    ['SIP/2.0/UDP h.example.com,'],
    ['SIP/2.0/UDP [::1'],
  ])('rejects %s', (text) => {
    expect(() => parseViaList(text)).toThrow();
  });
});

describe('identifiers', () => {
  it('new branches carry the magic cookie and are unique; tags and Call-IDs are tokens', () => {
    const branches = new Set(Array.from({ length: 100 }, () => newBranch()));
    expect(branches.size).toBe(100);
    for (const b of branches) expect(parseVia(`SIP/2.0/UDP h;branch=${b}`).hasMagicCookie).toBe(true);
    expect(newTag()).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(newCallId('192.0.2.1')).toMatch(/^[A-Za-z0-9_-]+@192\.0\.2\.1$/);
  });
});
