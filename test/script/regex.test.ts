import { describe, expect, it } from 'vitest';
import {
  compilePosixRegex,
  PosixRegexError,
  translatePosixRegex,
  validatePosixRegex,
} from '../../runtime/core/script/regex.js';

describe('POSIX ERE → RegExp', () => {
  it('matches like Kamailio for common script regexes', () => {
    const re = compilePosixRegex('^(\\+|00)[1-9][0-9]{3,20}$');
    expect(re.test('+4930123456')).toBe(true);
    expect(re.test('0049301')).toBe(true);
    expect(re.test('12')).toBe(false);
    expect(compilePosixRegex('(183)|(2[0-9][0-9])').test('200')).toBe(true);
    expect(compilePosixRegex('486|600').test('600')).toBe(true);
  });

  it('REG_ICASE makes matching case-insensitive', () => {
    expect(compilePosixRegex('^sip:alice@', { icase: true }).test('SIP:Alice@example.com')).toBe(true);
    expect(compilePosixRegex('^sip:alice@').test('SIP:Alice@example.com')).toBe(false);
  });

  it('expands bracket classes', () => {
    const re = compilePosixRegex('^[[:digit:]]+$');
    expect(re.test('0123')).toBe(true);
    expect(re.test('12a')).toBe(false);
    expect(compilePosixRegex('^[[:alpha:]_][[:alnum:]]*$').test('_abc9')).toBe(true);
    expect(compilePosixRegex('^[^[:space:]]+$').test('no space')).toBe(false);
    expect(compilePosixRegex('^[[:xdigit:]]+$').test('DeadBeef')).toBe(true);
    expect(compilePosixRegex('[[:punct:]]').test('a.b')).toBe(true);
  });

  it('treats backslash inside brackets literally and ] first as a member', () => {
    const re = compilePosixRegex('^[\\d]+$');
    expect(re.test('\\d\\')).toBe(true);
    expect(re.test('12')).toBe(false);
    expect(compilePosixRegex('^[]a]+$').test(']a]')).toBe(true);
    expect(compilePosixRegex('^[^]a]$').test('b')).toBe(true);
  });

  it('. matches newlines without REG_NEWLINE, not with it', () => {
    expect(compilePosixRegex('a.b').test('a\nb')).toBe(true);
    expect(compilePosixRegex('a.b', { newline: true }).test('a\nb')).toBe(false);
    expect(compilePosixRegex('^Via:', { newline: true }).test('INVITE x\r\nVia: y')).toBe(true);
  });

  it('keeps literal { when it is not an interval and supports back-references', () => {
    expect(compilePosixRegex('a{b').test('a{b')).toBe(true);
    expect(compilePosixRegex('(ab)\\1').test('abab')).toBe(true);
    expect(translatePosixRegex('a/b')).toBe('a\\/b');
  });

  it('rejects what ERE does not have, with an offset', () => {
    expect(validatePosixRegex('^\\d+$')).toMatch(/\\d is not POSIX.*\[0-9\].*offset 1/);
    expect(validatePosixRegex('a+?')).toMatch(/repeated quantifier/);
    expect(validatePosixRegex('(?:ab)')).toMatch(/\(\?…\) groups/);
    expect(validatePosixRegex('*a')).toMatch(/nothing to repeat/);
    expect(validatePosixRegex('(ab')).toMatch(/unmatched \(/);
    expect(validatePosixRegex('ab)')).toMatch(/unmatched \)/);
    expect(validatePosixRegex('[abc')).toMatch(/unterminated bracket/);
    expect(validatePosixRegex('[[:digits:]]')).toMatch(/unknown character class/);
    expect(validatePosixRegex('a{3,2}')).toMatch(/maximum below minimum/);
    expect(validatePosixRegex('\\2(a)')).toMatch(/back-reference/);
    expect(validatePosixRegex('^sip:[0-9]+@')).toBeUndefined();
    expect(() => compilePosixRegex('\\d')).toThrow(PosixRegexError);
  });
});
