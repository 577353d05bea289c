import { describe, expect, it } from 'vitest';
import { AvpStore, avpKey } from '../../runtime/core/script/avp.js';
import { VarStore, applyVarInits, parseVarInit } from '../../runtime/core/script/vars.js';

describe('AVP stack', () => {
  it('= pushes on top; index 0 is the newest, -1 the oldest', () => {
    const s = new AvpStore();
    s.assign('x', 1);
    s.assign('x', 'two');
    s.assign('x', 3);
    expect(s.get('x')).toBe(3);
    expect(s.get('x', 1)).toBe('two');
    expect(s.get('x', -1)).toBe(1);
    expect(s.get('x', 5)).toBeNull();
    expect(s.getAll('x')).toEqual([3, 'two', 1]);
  });

  it('[*] = v replaces all values', () => {
    const s = new AvpStore();
    s.assign('x', 1);
    s.assign('x', 2);
    s.replaceAll('x', 9);
    expect(s.getAll('x')).toEqual([9]);
  });

  it('= $null deletes the top value; [*] = $null deletes all', () => {
    const s = new AvpStore();
    s.assign('x', 1);
    s.assign('x', 2);
    s.assign('x', null);
    expect(s.getAll('x')).toEqual([1]);
    s.assign('x', 5);
    s.replaceAll('x', null);
    expect(s.has('x')).toBe(false);
    expect(s.get('x')).toBeNull();
  });

  it('[n] = v overwrites one value', () => {
    const s = new AvpStore();
    s.assign('x', 'a');
    s.assign('x', 'b');
    expect(s.setAt('x', 1, 'A')).toBe(true);
    expect(s.getAll('x')).toEqual(['b', 'A']);
    expect(s.setAt('x', 7, 'z')).toBe(false);
  });

  it('names: s:x = x, i:11 = OpenSIPS $avp(11)', () => {
    expect(avpKey('s:caller')).toBe('caller');
    expect(avpKey('11')).toBe('i:11');
    expect(avpKey('i:11')).toBe('i:11');
    const s = new AvpStore();
    s.assign('11', 'sip:bob@example.com');
    expect(s.get('i:11')).toBe('sip:bob@example.com');
  });

  it('clone gives the transaction an independent copy', () => {
    const s = new AvpStore();
    s.assign('x', 1);
    const t = s.clone();
    t.assign('x', 2);
    expect(s.getAll('x')).toEqual([1]);
    expect(t.getAll('x')).toEqual([2, 1]);
  });
});

describe('$var store', () => {
  it('starts at 0, $null sets 0, unset returns to 0', () => {
    const v = new VarStore();
    expect(v.get('n')).toBe(0);
    v.set('n', 'abc');
    expect(v.get('n')).toBe('abc');
    v.set('n', null);
    expect(v.get('n')).toBe(0);
    v.set('n', 4);
    v.unset('n');
    expect(v.get('n')).toBe(0);
  });

  it('parses shvset/varset initialisers', () => {
    expect(parseVarInit('debug=i:1')).toEqual({ name: 'debug', value: 1 });
    expect(parseVarInit('gw=s:10.0.0.1')).toEqual({ name: 'gw', value: '10.0.0.1' });
    expect(() => parseVarInit('bad')).toThrow(/expected name=i:N/);
    const v = new VarStore();
    applyVarInits(v, ['a=i:5', 'b=s:x']);
    expect(v.get('a')).toBe(5);
    expect(v.get('b')).toBe('x');
  });
});
