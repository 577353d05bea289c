import { describe, expect, it } from 'vitest';
import {
  castInt,
  compare,
  intEquals,
  intOp,
  isTrue,
  keywordEquals,
  looseEquals,
  plus,
  ScriptValueError,
  strEquals,
  strempty,
  strlen,
  toInt,
  toStr,
} from '../../runtime/core/script/values.js';

describe('coercions (LANGUAGE.md §7)', () => {
  it('E7: the left operand decides + ', () => {
    expect(plus(1, '20')).toBe(21);
    expect(plus('1', 20)).toBe('120');
    expect(plus('sip:', 'bob')).toBe('sip:bob');
    expect(plus(null, 5)).toBe('5');
    expect(plus(2, null)).toBe(2);
  });

  it('E8: == follows the left type; eq forces strings, ieq forces ints', () => {
    expect(looseEquals(0, '')).toBe(true);
    expect(strEquals(0, '')).toBe(false);
    expect(intEquals('a', 'b')).toBe(true);
    expect(looseEquals('INVITE', 'invite')).toBe(false);
    expect(looseEquals('10', 10)).toBe(true);
    expect(looseEquals(10, '10')).toBe(true);
    expect(looseEquals(10, 'abc')).toBe(false);
    expect(looseEquals(null, null)).toBe(true);
    expect(looseEquals(null, '')).toBe(true);
    expect(looseEquals(null, 'x')).toBe(false);
    expect(looseEquals(null, 0)).toBe(true);
  });

  it('E3: keyword comparisons are case-insensitive', () => {
    expect(keywordEquals('INVITE', 'invite')).toBe(true);
    expect(keywordEquals('INVITE', 'INVITES')).toBe(false);
  });

  it('str→int: "" and "abc" are 0, numbers convert', () => {
    expect(toInt('')).toBe(0);
    expect(toInt('abc')).toBe(0);
    expect(toInt('123')).toBe(123);
    expect(toInt('-7')).toBe(-7);
    expect(toInt('12abc')).toBe(0);
    expect(castInt(null)).toBe(0);
    expect(toStr(null)).toBe('');
    expect(toStr(42)).toBe('42');
  });

  it('E9: relational operators compare integers', () => {
    expect(compare('<', '9', '10')).toBe(true);
    expect(compare('>=', 5, '5')).toBe(true);
    expect(compare('>', 'abc', -1)).toBe(true);
  });

  it('E6: integer arithmetic truncates and rejects division by zero', () => {
    expect(intOp('/', 7, 2)).toBe(3);
    expect(intOp('/', -7, 2)).toBe(-3);
    expect(intOp('mod', 7, 3)).toBe(1);
    expect(intOp('-', '10', 3)).toBe(7);
    expect(intOp('&', 6, 3)).toBe(2);
    expect(intOp('|', 4, 1)).toBe(5);
    expect(intOp('<<', 1, 40)).toBe(2 ** 40);
    expect(() => intOp('/', 1, 0)).toThrow(ScriptValueError);
  });

  it('E16: truthiness of values', () => {
    expect(isTrue(1)).toBe(true);
    expect(isTrue(-1)).toBe(false);
    expect(isTrue(0)).toBe(false);
    expect(isTrue('abc')).toBe(false);
    expect(isTrue('5')).toBe(true);
    expect(isTrue(-1, 1)).toBe(true);
  });

  it('strlen/strempty', () => {
    expect(strlen(12345)).toBe(5);
    expect(strempty(null)).toBe(true);
    expect(strempty('x')).toBe(false);
  });
});
