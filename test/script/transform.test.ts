import { describe, expect, it } from 'vitest';
import { compileTransform, TransformError } from '../../runtime/core/script/transform.js';
import { compilePv } from '../../runtime/core/script/pv.js';
import { findModule } from '../../runtime/modules/registry.js';
import { makeCtx } from './helpers.js';

const ctx = makeCtx();
const tr = (name: string, ...params: string[]) => {
  const fn = compileTransform({ name, params }, (text) => compilePv(text));
  return (v: string) => fn(v, ctx);
};

describe('transformations', () => {
  it('string transformations', () => {
    expect(tr('s.select', '1', ',')('a,b,c')).toBe('b');
    expect(tr('s.select', '-1', ',')('a,b,c')).toBe('c');
    expect(tr('s.select', '5', ',')('a,b,c')).toBe('');
    expect(tr('s.strip', '2')('+49123')).toBe('9123');
    expect(tr('s.striptail', '2')('12345')).toBe('123');
    expect(tr('s.md5')('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(tr('s.encode.hexa')('AB')).toBe('4142');
    expect(tr('s.escape.common')(`a'b"c\\`)).toBe(`a\\'b\\"c\\\\`);
    expect(tr('line.count')('a\nb\nc\n')).toBe(3);
    expect(tr('line.count')('')).toBe(0);
  });

  it('URI, parameter and To-body transformations', () => {
    expect(tr('uri.port')('sip:a@h:5070')).toBe('5070');
    expect(tr('uri.port')('sip:a@h')).toBe('');
    expect(tr('uri.transport')('sip:a@h;transport=TCP')).toBe('tcp');
    expect(tr('uri.params')('sip:a@h;lr;x=1')).toBe('lr;x=1');
    expect(tr('param.value', 'b')('a=1;b=2')).toBe('2');
    expect(tr('param.value', 'q', ',')('x=1,q="0.5"')).toBe('0.5');
    expect(tr('param.count')('a=1;b;c=3')).toBe(3);
    const to = '"Bob B" <sip:bob@example.com>;tag=xyz';
    expect(tr('nameaddr.name')(to)).toBe('Bob B');
    expect(tr('tobody.uri')(to)).toBe('sip:bob@example.com');
    expect(tr('tobody.tag')(to)).toBe('xyz');
    expect(tr('tobody.user')(to)).toBe('bob');
    expect(tr('tobody.host')(to)).toBe('example.com');
    expect(tr('tobody.tag')('garbage <')).toBe('');
  });

  it('IP and parameter tests', () => {
    expect(tr('ip.matches', '192.168.1.0/24')('192.168.1.7')).toBe(1);
    expect(tr('ip.matches', '192.168.1.0/24')('10.0.0.1')).toBe(0);
    expect(tr('ip.isprivate')('10.2.3.4')).toBe(1);
    expect(tr('ip.isprivate')('192.0.2.10')).toBe(0);
    expect(tr('param.exist', 'user-id')('a=1;user-id=7')).toBe(1);
    expect(tr('param.exist', 'x')('a=1')).toBe(0);
  });

  it('accepts pseudo-variables as parameters, evaluated per call', () => {
    compilePv('$var(n)').set(ctx, 2);
    expect(tr('s.substr', '0', '$var(n)')('abcdef')).toBe('ab');
    compilePv('$var(n)').set(ctx, 4);
    expect(tr('s.substr', '0', '$var(n)')('abcdef')).toBe('abcd');
    compilePv('$var(w)').set(ctx, 'abc');
    expect(tr('s.substr', '0', '$(var(w){s.len})')('abcdef')).toBe('abc');
    expect(compilePv('$(var(w){s.substr,1,$(var(n){s.int})})').get(ctx)).toBe('bc');
  });

  it('rejects bad parameters at compile time', () => {
    expect(() => tr('s.select', 'x', ',')).toThrow(TransformError);
    expect(() => tr('s.select', '1', ',,')).toThrow(/one character/);
    expect(() => tr('s.substr', '1', '-2')).toThrow(/negative/);
    expect(() => tr('re.subst', '/a/b/')).toThrow(/not implemented/);
  });

  it('every transformation the registry marks implemented compiles', () => {
    const sample: Record<number, string[]> = { 0: [], 1: ['1'], 2: ['1', '2'] };
    for (const t of findModule('pv')!.transformations!) {
      const arity = t.arities[0]!;
      if (t.implemented)
        expect(
          () =>
            compileTransform({ name: t.name, params: t.name === 's.select' ? ['1', ','] : sample[arity]! }),
          t.name,
        ).not.toThrow();
      else
        expect(() => compileTransform({ name: t.name, params: sample[arity]! }), t.name).toThrow(
          /not implemented/,
        );
    }
  });
});
