import { describe, expect, it } from 'vitest';
import {
  clear_branches,
  remove_branch,
  append_branch,
  userphone,
} from '../../../runtime/core/script/core-functions.js';
import { compilePv } from '../../../runtime/core/script/pv.js';
import { compilePosixRegex } from '../../../runtime/core/script/regex.js';
import { not_empty, typeof_ } from '../../../runtime/modules/pv/index.js';
import * as su from '../../../runtime/modules/siputils/index.js';
import * as textops from '../../../runtime/modules/textops/index.js';
import { makeCtx, REPLY_TEXT } from '../helpers.js';

const wire = (ctx: ReturnType<typeof makeCtx>) => ctx.msg.serialize().toString();

describe('siputils predicates', () => {
  it('is_request / is_reply / is_first_hop', () => {
    const req = makeCtx();
    const rpl = makeCtx({ text: REPLY_TEXT });
    expect(su.is_request(req)).toBe(1);
    expect(su.is_reply(req)).toBe(-1);
    expect(su.is_request(rpl)).toBe(-1);
    expect(su.is_reply(rpl)).toBe(1);
    expect(su.is_first_hop(req)).toBe(1);
    expect(su.is_first_hop(makeCtx({ headers: ['Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKx'] }))).toBe(-1);
  });

  it('is_uri / is_numeric / is_e164 / is_uri_user_e164', () => {
    const ctx = makeCtx();
    expect(su.is_uri(ctx, 'sip:a@b')).toBe(1);
    expect(su.is_uri(ctx, 'nope')).toBe(-1);
    expect(su.is_numeric(ctx, '0123')).toBe(1);
    expect(su.is_numeric(ctx, '12a')).toBe(-1);
    expect(su.is_e164(ctx, '+4930123456')).toBe(1);
    expect(su.is_e164(ctx, '4930123456')).toBe(-1);
    expect(su.is_e164(ctx, '+1234567890123456')).toBe(-1);
    expect(su.is_uri_user_e164(ctx, 'sip:+4930123@gw')).toBe(1);
    expect(su.is_uri_user_e164(ctx, 'sip:bob@gw')).toBe(-1);
  });

  it('uri_param_any / uri_param_rm / get_uri_param', () => {
    const ctx = makeCtx({ ruri: 'sip:bob@example.com;lr;transport=tcp' });
    expect(su.uri_param_any(ctx, 'lr')).toBe(1);
    const out = compilePv('$var(t)');
    expect(su.get_uri_param(ctx, 'transport', out)).toBe(1);
    expect(out.get(ctx)).toBe('tcp');
    expect(su.get_uri_param(ctx, 'nope', out)).toBe(-1);
    expect(su.uri_param_rm(ctx, 'transport')).toBe(1);
    expect(ctx.ruri).toBe('sip:bob@example.com;lr');
    expect(su.uri_param_rm(ctx, 'transport')).toBe(-1);
  });

  it('cmp_uri follows RFC 3261 §19.1.4; cmp_aor compares user and host', () => {
    const ctx = makeCtx();
    expect(su.cmp_uri(ctx, 'sip:bob@EXAMPLE.com;transport=TCP', 'sip:bob@example.com;transport=tcp')).toBe(1);
    expect(su.cmp_uri(ctx, 'sip:Bob@example.com', 'sip:bob@example.com')).toBe(-1);
    expect(su.cmp_uri(ctx, 'sip:bob@example.com', 'sip:bob@example.com:5060')).toBe(-1);
    expect(su.cmp_uri(ctx, 'sip:bob@example.com;transport=tcp', 'sip:bob@example.com')).toBe(-1);
    expect(su.cmp_uri(ctx, 'sip:bob@example.com;foo=1', 'sip:bob@example.com')).toBe(1);
    expect(su.cmp_aor(ctx, 'sip:bob@Example.com;x=1', 'sip:bob@example.com')).toBe(1);
    expect(su.cmp_aor(ctx, 'sip:bob@a', 'sip:al@a')).toBe(-1);
  });

  it('is_supported reads the Supported header, compact form included', () => {
    expect(su.is_supported(makeCtx({ headers: ['Supported: path, outbound'] }), 'outbound')).toBe(1);
    expect(su.is_supported(makeCtx({ headers: ['k: 100rel'] }), '100rel')).toBe(1);
    expect(su.is_supported(makeCtx(), 'path')).toBe(-1);
  });
});

describe('textops helpers', () => {
  it('insert_hf prepends; append_time queues a Date for the reply', () => {
    const ctx = makeCtx();
    expect(textops.insert_hf(ctx, 'X-First: 1\r\n')).toBe(1);
    expect(wire(ctx).split('\r\n')[1]).toBe('X-First: 1');
    expect(textops.insert_hf(ctx, 'X-B: 1\r\n', 'X-Missing')).toBe(-1);
    expect(textops.append_time(ctx)).toBe(1);
    expect(ctx.replyHeaders[0]).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n$/);
  });

  it('header regex functions, privacy and string tests', () => {
    const ctx = makeCtx({ headers: ['X-Foo-A: 1', 'X-Foo-B: 2', 'Privacy: id; header'] });
    const re = compilePosixRegex('^x-foo-', { icase: true });
    expect(textops.is_present_hf_re(ctx, re)).toBe(1);
    expect(textops.remove_hf_re(ctx, re)).toBe(1);
    expect(wire(ctx)).not.toMatch(/X-Foo/);
    expect(textops.remove_hf_re(ctx, compilePosixRegex('^x-none$'))).toBe(-1);
    expect(textops.is_privacy(ctx, 'id')).toBe(1);
    expect(textops.is_privacy(ctx, 'user')).toBe(-1);
    expect(textops.search_str(ctx, 'abc123', compilePosixRegex('[0-9]+$'))).toBe(1);
    expect(textops.cmp_str(ctx, 'a', 'a')).toBe(1);
    expect(textops.cmp_str(ctx, 'a', 'A')).toBe(-1);
    expect(textops.cmp_istr(ctx, 'a', 'A')).toBe(1);
    expect(textops.starts_with(ctx, 'sip:bob', 'sip:')).toBe(1);
    expect(textops.starts_with(ctx, 'tel:1', 'sip:')).toBe(-1);
    expect(textops.in_list(ctx, 'b', 'a, b, c', ',')).toBe(1);
    expect(textops.in_list(ctx, 'd', 'a,b,c', ',')).toBe(-1);
  });
});

describe('pv typeof / not_empty and core branch helpers', () => {
  it('typeof / not_empty', () => {
    const ctx = makeCtx();
    const v = compilePv('$avp(v)');
    expect(typeof_(ctx, v, 'null')).toBe(1);
    v.set(ctx, 3);
    expect(typeof_(ctx, v, 'int')).toBe(1);
    expect(not_empty(ctx, v)).toBe(-1);
    v.set(ctx, 'x');
    expect(typeof_(ctx, v, 'str')).toBe(1);
    expect(not_empty(ctx, v)).toBe(1);
  });

  it('userphone / remove_branch / clear_branches', () => {
    const ctx = makeCtx({ ruri: 'sip:+4930@gw.example.com' });
    expect(userphone(ctx)).toBe(1);
    expect(ctx.ruri).toBe('sip:+4930@gw.example.com;user=phone');
    expect(remove_branch(ctx)).toBe(-1);
    append_branch(ctx, 'sip:a@x');
    append_branch(ctx, 'sip:b@x');
    append_branch(ctx, 'sip:c@x');
    expect(remove_branch(ctx, 0)).toBe(1);
    expect(remove_branch(ctx)).toBe(1);
    expect(ctx.branches.map((b) => b.uri)).toEqual(['sip:b@x']);
    expect(remove_branch(ctx, 5)).toBe(-1);
    expect(clear_branches(ctx)).toBe(1);
    expect(ctx.branches).toEqual([]);
  });
});

describe('insert_hf keeps the order of several header lines', () => {
  it('inserts them on top in the order written', () => {
    const ctx = makeCtx();
    expect(textops.insert_hf(ctx, 'X-1: a\r\nX-2: b\r\n')).toBe(1);
    expect(wire(ctx).split('\r\n').slice(1, 3)).toEqual(['X-1: a', 'X-2: b']);
  });
});
