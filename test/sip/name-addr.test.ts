import { describe, expect, it } from 'vitest';
import { parseNameAddr, parseNameAddrList } from '../../runtime/core/sip/index.js';

describe('name-addr / addr-spec', () => {
  it('quoted display name with quoted-pairs and a tag', () => {
    const a = parseNameAddr('"Alice \\"A\\" Smith" <sip:alice@example.com>;tag=1928301774');
    expect(a.displayName).toBe('Alice "A" Smith');
    expect(a.uri.user).toBe('alice');
    expect(a.tag).toBe('1928301774');
    expect(a.bracketed).toBe(true);
  });

  it('unquoted display name of several tokens, also without space before <', () => {
    expect(parseNameAddr('Bob  Smith <sip:bob@example.com>').displayName).toBe('Bob  Smith');
    expect(parseNameAddr('caller<sip:caller@example.com>').displayName).toBe('caller');
  });

  it('UTF-8 display name', () => {
    expect(parseNameAddr('"Zoë 名前" <sip:z@example.com>').displayName).toBe('Zoë 名前');
  });

  it('addr-spec: parameters after the URI are header parameters', () => {
    const a = parseNameAddr('sip:carol@example.com;tag=abc;lr');
    expect(a.bracketed).toBe(false);
    expect(a.uri.toString()).toBe('sip:carol@example.com');
    expect(a.tag).toBe('abc');
    expect(a.uri.params.size).toBe(0);
  });

  it('in <> the parameters belong to the URI', () => {
    const a = parseNameAddr('<sip:carol@example.com;lr>;expires=60');
    expect(a.uri.lr).toBe(true);
    expect(a.params.get('expires')).toBe('60');
  });

  it('lists split on commas outside quotes and <>', () => {
    const list = parseNameAddrList(
      '"Doe, John" <sip:j@example.com;a=1,2>;q=0.5 , <sip:k@example.org>, sip:m@example.net;expires=3',
    );
    expect(list.map((a) => a.uri.toString())).toEqual([
      'sip:j@example.com;a=1,2',
      'sip:k@example.org',
      'sip:m@example.net',
    ]);
    expect(list[0]?.displayName).toBe('Doe, John');
    expect(list[0]?.params.get('q')).toBe('0.5');
    expect(list[2]?.params.get('expires')).toBe('3');
  });

  it('withTag adds a tag and toString formats', () => {
    const a = parseNameAddr('"Bob" <sip:bob@example.com>').withTag('xyz');
    expect(a.toString()).toBe('Bob <sip:bob@example.com>;tag=xyz');
    expect(parseNameAddr(a.toString()).tag).toBe('xyz');
  });

  it('__proto__ as a header parameter is plain data', () => {
    const a = parseNameAddr('<sip:a@example.com>;__proto__=x;tag=t');
    expect(a.params.get('__proto__')).toBe('x');
    expect(a.tag).toBe('t');
    expect(Object.getPrototypeOf(a.params)).not.toBeNull();
  });

  it.each([
    ['"unterminated <sip:a@example.com>'],
    ['Bell, Alexander <sip:a@example.com>'],
    ['< sip:a@example.com >'],
    ['<sip:a@example.com'],
    ['sip:a@example.com?Route=x'],
    ['<sip:a@example.com>;;'],
    ['"Name" sip:a@example.com'],
  ])('rejects %s', (text) => {
    expect(() => parseNameAddr(text)).toThrow();
  });

  it('rejects empty list elements', () => {
    expect(() => parseNameAddrList('<sip:a@example.com>,,<sip:b@example.com>')).toThrow();
  });
});
