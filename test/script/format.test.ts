import { describe, expect, it } from 'vitest';
import {
  compileFormat,
  FormatError,
  formatStyle,
  isConstantFormat,
  validateFormat,
} from '../../runtime/core/script/format.js';
import { compilePv } from '../../runtime/core/script/pv.js';
import { makeCtx } from './helpers.js';

describe('format strings', () => {
  it('K3/O: $ PVs are evaluated per call; the text is parsed once', () => {
    const f = compileFormat('sip:$rU@$rd', 'K3');
    const ctx = makeCtx();
    expect(f(ctx)).toBe('sip:bob@example.com');
    compilePv('$rU').set(ctx, 'carol');
    expect(f(ctx)).toBe('sip:carol@example.com');
    expect(compileFormat('$(ru{uri.user}) from $fu\n', 'O1')(ctx)).toBe('carol from sip:alice@example.org\n');
  });

  it('$$ is a literal dollar; undefined values print <null>', () => {
    const ctx = makeCtx();
    expect(compileFormat('cost: $$5', 'K3')(ctx)).toBe('cost: $5');
    expect(compileFormat('[$avp(none)]', 'K3')(ctx)).toBe('[<null>]');
    expect(compileFormat('100% sure', 'K3')(ctx)).toBe('100% sure');
  });

  it('old xlog %xx specifiers in SER 0.8 / SER 2', () => {
    const ctx = makeCtx();
    const f = compileFormat('%rm %ru from %fu (%si:%sp) %{Max-Forwards} %% %ci\n', 'S08', 'xfmt');
    expect(f(ctx)).toBe(
      'INVITE sip:bob@example.com from sip:alice@example.org (192.0.2.10:5062) 70 % a84b4c76e66710@pc33.example.org\n',
    );
    expect(compileFormat('ua=%ua', 'S2', 'xfmt')(makeCtx({ headers: ['User-Agent: x'] }))).toBe('ua=x');
    ctx.avps.assign('digest_challenge', 'WWW-Authenticate: Digest');
    expect(compileFormat('%$digest_challenge', 'S2', 'xfmt')(ctx)).toBe('WWW-Authenticate: Digest');
  });

  it('SER string parameters that are not formats stay literal', () => {
    expect(formatStyle('S08', 'spve')).toBe('literal');
    expect(compileFormat('Too Many Hops $x %ru', 'S08', 'spve')(makeCtx())).toBe('Too Many Hops $x %ru');
    expect(formatStyle('K3', 'xfmt')).toBe('dollar');
  });

  it('reports unknown PVs and specifiers with an offset', () => {
    expect(validateFormat('hello $nosuch', 'O1')).toMatch(/unknown pseudo-variable \$nosuch \(at offset 6\)/);
    expect(validateFormat('%zz', 'S08', 'xfmt')).toMatch(/unknown xlog specifier %zz/);
    expect(validateFormat('$(ru{sql.val})', 'K3')).toMatch(/not implemented/);
    expect(validateFormat('$(hdr(Via)', 'K3')).toMatch(/unbalanced/);
    expect(validateFormat('sip:$rU@$rd', 'K3')).toBeUndefined();
    expect(() => compileFormat('$x.y', 'O1')).toThrow(FormatError);
  });

  it('tells constant formats apart', () => {
    expect(isConstantFormat('Accepted', 'K3')).toBe(true);
    expect(isConstantFormat('cost $$1', 'K3')).toBe(true);
    expect(isConstantFormat('$ru', 'K3')).toBe(false);
  });
});

describe('format strings seen in real scripts', () => {
  it('SER 2 %@select in xprint formats', () => {
    const ctx = makeCtx();
    ctx.avps.assign('asserted_id', '+4930');
    expect(compileFormat('<sip:%$asserted_id@%@ruri.host>;screen=yes', 'S2', 'xfmt')(ctx)).toBe(
      '<sip:+4930@example.com>;screen=yes',
    );
    expect(validateFormat('%@cfg_get.x', 'S2', 'xfmt')).toMatch(/select @cfg_get.x is not implemented/);
  });

  it('$T_branch_idx comes from the transaction; dotted OpenSIPS 3 classes parse', () => {
    const ctx = makeCtx();
    const f = compileFormat('branch $T_branch_idx to $ru', 'K3', 'xfmt');
    expect(f(ctx)).toBe('branch 0 to sip:bob@example.com');
    ctx.tx = { replyCode: () => 0, replyReason: () => '', branchIndex: () => 2 };
    expect(f(ctx)).toBe('branch 2 to sip:bob@example.com');
    expect(validateFormat('[$(msg.branch.uri[*])]', 'O3', 'xfmt')).toMatch(
      /\$\(msg.branch.uri\[\*\]\) is not implemented/,
    );
    expect(compileFormat('$(ru{uri.domain})', 'O3')(ctx)).toBe('example.com');
  });
});
