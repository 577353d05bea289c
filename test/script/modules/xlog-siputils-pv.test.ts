import { describe, expect, it } from 'vitest';
import { compileFormat } from '../../../runtime/core/script/format.js';
import { compilePv } from '../../../runtime/core/script/pv.js';
import { is_int, pv_isset, pv_unset } from '../../../runtime/modules/pv/index.js';
import { add_uri_param, has_totag, is_user, uri_param } from '../../../runtime/modules/siputils/index.js';
import { configureXlog, xdbg, xlog, xlogLevel } from '../../../runtime/modules/xlog/index.js';
import { makeCtx, makeProcess, requestText } from '../helpers.js';

describe('xlog', () => {
  it('logs with levels against the threshold and always returns 1', () => {
    const { proc, lines } = makeProcess();
    proc.logger.threshold = 2; // L_INFO
    const ctx = makeCtx({ proc });
    const fmt = compileFormat('$rm from $fu\n', 'K3', 'xfmt');
    expect(xlog(ctx, fmt)).toBe(1);
    expect(xlog(ctx, 'L_INFO', 'info\n')).toBe(1);
    expect(xlog(ctx, 'L_DBG', 'debug\n')).toBe(1);
    expect(xdbg(ctx, 'dbg\n')).toBe(1);
    expect(xlog(ctx, 'LOG_LOCAL0', 'L_WARN', 'warn\n')).toBe(1);
    expect(lines).toEqual([
      '<script>: INVITE from sip:alice@example.org\n',
      '<script>: info\n',
      '<script>: warn\n',
    ]);
  });

  it('formats a line only when its level passes the threshold', () => {
    const { proc, lines } = makeProcess();
    proc.logger.threshold = 2; // L_INFO
    const ctx = makeCtx({ proc });
    const compiled = compileFormat('$rm\n', 'K3', 'xfmt');
    const evaluated: string[] = [];
    const counted = (c: typeof ctx): string => {
      const text = compiled(c);
      evaluated.push(text);
      return text;
    };
    expect(xlog(ctx, 'L_DBG', counted)).toBe(1);
    expect(xdbg(ctx, counted)).toBe(1);
    expect(xlog(ctx, 'LOG_LOCAL0', 'L_DBG', counted)).toBe(1);
    expect(evaluated).toEqual([]);
    expect(xlog(ctx, 'L_INFO', counted)).toBe(1);
    expect(evaluated).toEqual(['INVITE\n']);
    expect(lines).toEqual(['<script>: INVITE\n']);
  });

  it('reads only the third letter of a level name, or an int from a PV', () => {
    expect(xlogLevel('L_ERR')).toBe(-1);
    expect(xlogLevel('L_EVERYTHING')).toBe(-1);
    expect(xlogLevel('L_NOTICE')).toBe(1);
    expect(xlogLevel(2)).toBe(2);
    expect(xlogLevel('3')).toBe(3);
  });

  it('prefix and auto_newline modparams', () => {
    const { proc, lines } = makeProcess();
    configureXlog(proc, { prefix: '', autoNewline: true });
    expect(xlog(makeCtx({ proc }), 'x')).toBe(1);
    expect(lines).toEqual(['x\n']);
  });
});

describe('siputils', () => {
  it('has_totag', () => {
    expect(has_totag(makeCtx())).toBe(-1);
    expect(has_totag(makeCtx({ to: '<sip:bob@example.com>;tag=abc' }))).toBe(1);
  });

  it('is_user checks the digest username, not the R-URI', () => {
    const ctx = makeCtx({
      headers: [
        'Proxy-Authorization: Digest username="alice", realm="r", nonce="n", uri="sip:x", response="0"',
      ],
    });
    expect(is_user(ctx, 'alice')).toBe(1);
    expect(is_user(ctx, 'bob')).toBe(-1);
    expect(is_user(makeCtx(), 'bob')).toBe(-1);
  });

  it('uri_param / add_uri_param', () => {
    const ctx = makeCtx({ ruri: 'sip:bob@example.com;transport=tcp;lr' });
    expect(uri_param(ctx, 'transport')).toBe(1);
    expect(uri_param(ctx, 'transport', 'tcp')).toBe(1);
    expect(uri_param(ctx, 'transport', 'udp')).toBe(-1);
    expect(uri_param(ctx, 'user')).toBe(-1);
    expect(add_uri_param(ctx, 'user=phone')).toBe(1);
    expect(ctx.ruri).toBe('sip:bob@example.com;transport=tcp;lr;user=phone');
    expect(uri_param(ctx, 'user', 'phone')).toBe(1);
  });
});

describe('pv functions', () => {
  it('pv_isset / pv_unset / is_int', () => {
    const ctx = makeCtx({ text: requestText() });
    const avp = compilePv('$avp(x)');
    expect(pv_isset(ctx, avp)).toBe(-1);
    avp.set(ctx, '12');
    expect(pv_isset(ctx, avp)).toBe(1);
    expect(is_int(ctx, avp)).toBe(1);
    avp.set(ctx, 'abc');
    expect(is_int(ctx, avp)).toBe(-1);
    expect(pv_unset(ctx, avp)).toBe(1);
    expect(pv_isset(ctx, avp)).toBe(-1);
    const v = compilePv('$var(n)');
    v.set(ctx, 7);
    expect(is_int(ctx, v)).toBe(1);
    pv_unset(ctx, v);
    expect(v.get(ctx)).toBe(0);
    expect(pv_isset(ctx, compilePv('$du'))).toBe(-1);
  });
});
