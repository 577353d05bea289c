import { describe, expect, it } from 'vitest';
import { compilePosixRegex } from '../../../runtime/core/script/regex.js';
import { parseSubst, SubstError } from '../../../runtime/core/script/subst.js';
import * as textops from '../../../runtime/modules/textops/index.js';
import { makeCtx, REPLY_TEXT } from '../helpers.js';

const re = (s: string) => compilePosixRegex(s, { icase: true, newline: true });
const wire = (ctx: ReturnType<typeof makeCtx>) => ctx.msg.serialize().toString();

describe('textops', () => {
  it('is_method: list, case-insensitive, CSeq method for replies', () => {
    const ctx = makeCtx({ method: 'MESSAGE' });
    expect(textops.is_method(ctx, 'MESSAGE')).toBe(1);
    expect(textops.is_method(ctx, 'INVITE|message')).toBe(1);
    expect(textops.is_method(ctx, 'INVITE|REGISTER')).toBe(-1);
    expect(textops.is_method(makeCtx({ text: REPLY_TEXT }), 'INVITE')).toBe(1);
  });

  it('search / search_body', () => {
    const ctx = makeCtx({ method: 'MESSAGE', body: 'Hello there', headers: ['Content-Type: text/plain'] });
    expect(textops.search(ctx, re('^call-id:.*pc33'))).toBe(1);
    expect(textops.search(ctx, re('^X-Nope:'))).toBe(-1);
    expect(textops.search_body(ctx, re('hello'))).toBe(1);
    expect(textops.search_body(ctx, re('bye'))).toBe(-1);
    expect(textops.search_body(makeCtx(), re('.'))).toBe(-1);
  });

  it('append_hf adds a header to the outgoing message; reads still see the original', () => {
    const ctx = makeCtx();
    expect(textops.append_hf(ctx, 'X-Test: 1\r\n')).toBe(1);
    expect(wire(ctx)).toMatch(/X-Test: 1\r\n/);
    expect(textops.is_present_hf(ctx, 'X-Test')).toBe(-1);
    expect(textops.append_hf(ctx, 'no colon\r\n')).toBe(-1);
    expect(textops.append_hf(ctx, 'X-After: 2\r\n', 'X-Missing')).toBe(-1);
  });

  it('remove_hf removes all fields (compact form too) and returns -1 when absent', () => {
    const ctx = makeCtx({ headers: ['Subject: a', 's: b'] });
    expect(textops.remove_hf(ctx, 'Subject')).toBe(1);
    expect(wire(ctx)).not.toMatch(/^(Subject|s):/im);
    expect(textops.remove_hf(ctx, 'X-None')).toBe(-1);
  });

  it('is_present_hf / has_body', () => {
    const ctx = makeCtx({ body: 'v=0\r\n', headers: ['Content-Type: application/sdp'] });
    expect(textops.is_present_hf(ctx, 'Call-ID')).toBe(1);
    expect(textops.is_present_hf(ctx, 'i')).toBe(1);
    expect(textops.is_present_hf(ctx, 'X-None')).toBe(-1);
    expect(textops.has_body(ctx)).toBe(1);
    expect(textops.has_body(ctx, 'application/sdp')).toBe(1);
    expect(textops.has_body(ctx, 'text/plain')).toBe(-1);
    expect(textops.has_body(makeCtx())).toBe(-1);
  });

  it('append_to_reply queues header lines for the local reply', () => {
    const ctx = makeCtx();
    expect(textops.append_to_reply(ctx, 'Retry-After: 60\r\n')).toBe(1);
    expect(textops.append_to_reply(ctx, 'X-A: b')).toBe(1);
    expect(ctx.replyHeaders).toEqual(['Retry-After: 60\r\n', 'X-A: b\r\n']);
    expect(textops.append_to_reply(ctx, '')).toBe(-1);
  });

  it('subst_uri / subst_user rewrite the R-URI with back-references and PVs', () => {
    const ctx = makeCtx({ ruri: 'sip:0049301234@gw.example.com' });
    expect(textops.subst_user(ctx, parseSubst('/^00/+/'))).toBe(1);
    expect(ctx.ruri).toBe('sip:+49301234@gw.example.com');
    expect(textops.subst_uri(ctx, parseSubst('/^sip:(.*)@gw\\.example\\.com$/sip:\\1@$fd/'))).toBe(1);
    expect(ctx.ruri).toBe('sip:+49301234@example.org');
    expect(textops.subst_uri(ctx, parseSubst('/^tel:/x/'))).toBe(-1);
    expect(textops.subst_user(ctx, parseSubst('/[0-9]/X/g'))).toBe(1);
    expect(ctx.ruri).toBe('sip:+XXXXXXXX@example.org');
  });

  it('subst rewrites header fields and the body', () => {
    const ctx = makeCtx({
      method: 'MESSAGE',
      body: 'hello world',
      headers: ['Subject: old topic', 'Content-Type: text/plain'],
    });
    expect(textops.subst(ctx, parseSubst('/^Subject: old/Subject: new/i'))).toBe(1);
    expect(wire(ctx)).toMatch(/Subject: new topic\r\n/);
    expect(textops.subst(ctx, parseSubst('/world/there/'))).toBe(1);
    expect(wire(ctx)).toMatch(/\r\n\r\nhello there$/);
    expect(textops.subst(ctx, parseSubst('/^X-Nothing/y/'))).toBe(-1);
  });

  it('parseSubst validates its input', () => {
    expect(() => parseSubst('/a/b/q')).toThrow(/unknown subst flag/);
    expect(() => parseSubst('/a/b')).toThrow(SubstError);
    expect(() => parseSubst('/\\d/b/')).toThrow(/not POSIX/);
    expect(() => parseSubst('/(a)/\\2/')).toThrow(/has 1 group/);
    expect(parseSubst('|a/b|c|g').global).toBe(true);
  });
});

describe('textops replace family', () => {
  it('replace / replace_all over headers, replace_body*, search_append*, subst_body', () => {
    const ctx = makeCtx({
      method: 'MESSAGE',
      body: 'aaa bbb aaa',
      headers: ['Subject: aaa', 'Content-Type: text/plain'],
    });
    expect(textops.replace(ctx, re('aaa'), 'X')).toBe(1);
    expect(wire(ctx)).toMatch(/Subject: X\r\n/);
    expect(wire(ctx)).toMatch(/\r\n\r\naaa bbb aaa$/);
    expect(textops.replace_body_all(ctx, re('aaa'), 'Y')).toBe(1);
    expect(wire(ctx)).toMatch(/\r\n\r\nY bbb Y$/);
    expect(textops.replace(ctx, re('^X-None'), 'z')).toBe(-1);

    const b = makeCtx({ method: 'MESSAGE', body: 'one two', headers: ['Content-Type: text/plain'] });
    expect(textops.search_append_body(b, re('one'), '+')).toBe(1);
    expect(wire(b)).toMatch(/\r\n\r\none\+ two$/);
    const c = makeCtx({ method: 'MESSAGE', body: 'k=v', headers: ['Content-Type: text/plain', 'X-K: k=v'] });
    expect(textops.subst_body(c, parseSubst('/k=(.)/\\1=k/'))).toBe(1);
    expect(wire(c)).toMatch(/X-K: k=v\r\n/);
    expect(wire(c)).toMatch(/\r\n\r\nv=k$/);
    expect(textops.replace_body(makeCtx(), re('.'), 'x')).toBe(-1);
    expect(textops.replace_all(makeCtx({ headers: ['X-A: q', 'X-B: q'] }), re('^X-[AB]: q'), 'X-C: r')).toBe(
      1,
    );
    expect(textops.search_append(makeCtx({ headers: ['X-A: q'] }), re('^X-A: q'), ';p')).toBe(1);
  });
});
