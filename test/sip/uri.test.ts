import { describe, expect, it } from 'vitest';
import { SipUri } from '../../runtime/core/sip/index.js';

describe('SipUri', () => {
  it('parses every part of a sip URI and round-trips it', () => {
    const text = 'sip:alice:secret@Example.COM:5070;transport=TCP;lr;Foo=Bar?subject=hi&priority=urgent';
    const u = SipUri.parse(text);
    expect(u.scheme).toBe('sip');
    expect(u.user).toBe('alice');
    expect(u.password).toBe('secret');
    expect(u.host).toBe('Example.COM');
    expect(u.port).toBe(5070);
    expect(u.transport).toBe('tcp');
    expect(u.lr).toBe(true);
    expect(u.params.get('FOO')).toBe('Bar');
    expect(u.params.entries()).toEqual([
      ['transport', 'TCP'],
      ['lr', null],
      ['Foo', 'Bar'],
    ]);
    expect(u.headers.get('subject')).toBe('hi');
    expect(u.headers.get('priority')).toBe('urgent');
    expect(u.toString()).toBe(text);
  });

  it('parses sips and host-only URIs', () => {
    const u = SipUri.parse('sips:proxy.example.com');
    expect([u.scheme, u.user, u.host, u.port, u.isSip]).toEqual([
      'sips',
      undefined,
      'proxy.example.com',
      undefined,
      true,
    ]);
  });

  it('parses IPv6 references and keeps the brackets in host', () => {
    const u = SipUri.parse('sip:bob@[2001:db8::10]:5062;maddr=[::1]');
    expect(u.host).toBe('[2001:db8::10]');
    expect(u.hostname).toBe('2001:db8::10');
    expect(u.isIPv6).toBe(true);
    expect(u.port).toBe(5062);
    expect(u.params.get('maddr')).toBe('[::1]');
  });

  it('parses tel URIs into number and params', () => {
    const u = SipUri.parse('tel:+1-201-555-0123;phone-context=example.com;ext=22');
    expect(u.scheme).toBe('tel');
    expect(u.user).toBe('+1-201-555-0123');
    expect(u.host).toBe('');
    expect(u.params.get('phone-context')).toBe('example.com');
    expect(u.isSip).toBe(false);
  });

  it('keeps other schemes opaque', () => {
    const u = SipUri.parse('urn:service:sos');
    expect([u.scheme, u.opaque, u.toString()]).toEqual(['urn', 'service:sos', 'urn:service:sos']);
  });

  it('decodes %HH exactly once, in user, params and headers', () => {
    const u = SipUri.parse('sip:%61lice%2540@example.com;n%61me=v%61lue%25%34%31?h=%3Cx%3E');
    expect(u.user).toBe('alice%40');
    expect(u.params.get('name')).toBe('value%41');
    expect(u.headers.get('h')).toBe('<x>');
    expect(u.toString()).toBe('sip:%61lice%2540@example.com;n%61me=v%61lue%25%34%31?h=%3Cx%3E');
  });

  it('treats __proto__ params as data', () => {
    const u = SipUri.parse('sip:h.example.com;__proto__=polluted;constructor');
    expect(u.params.get('__proto__')).toBe('polluted');
    expect(u.params.has('constructor')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it.each([
    ['sip:', 'empty'],
    ['sip:@example.com', 'empty user'],
    ['sip:alice@', 'no host'],
    ['sip:a b@example.com', 'space'],
    ['sip:example.com:99999', 'port overflow'],
    ['sip:[::1', 'unterminated IPv6'],
    ['sip:example.com;;lr', 'empty param'],
    ['<sip:example.com>', 'brackets'],
    ['example.com', 'no scheme'],
    ['1sip:x', 'bad scheme'],
    ['sip:exa$mple.com', 'bad host char'],
  ])('rejects %s (%s)', (text) => {
    expect(() => SipUri.parse(text)).toThrow();
    expect(SipUri.tryParse(text)).toBeUndefined();
  });

  it('builds URIs with escaping and IPv6 brackets, and with() rebuilds', () => {
    const u = SipUri.from({ user: 'a b@c', host: '2001:db8::1', port: 5060, params: [['transport', 'tcp']] });
    expect(u.toString()).toBe('sip:a%20b%40c@[2001:db8::1]:5060;transport=tcp');
    expect(u.user).toBe('a b@c');
    const v = u.with({ port: 5070, params: [['lr', null]] });
    expect(v.toString()).toBe('sip:a%20b%40c@[2001:db8::1]:5070;lr');
  });
});
