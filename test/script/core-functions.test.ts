import { describe, expect, it } from 'vitest';
import * as core from '../../runtime/core/script/core-functions.js';
import {
  fromUriIsMyself,
  ipMatches,
  methodIs,
  srcIpIsMyself,
  uriIsMyself,
} from '../../runtime/core/script/keywords.js';
import { makeCtx, makeProcess } from './helpers.js';

describe('flags', () => {
  it('setflag/resetflag/isflagset return 1 / -1', () => {
    const ctx = makeCtx();
    expect(core.isflagset(ctx, 3)).toBe(-1);
    expect(core.setflag(ctx, 3)).toBe(1);
    expect(core.isflagset(ctx, 3)).toBe(1);
    expect(core.setflag(ctx, 31)).toBe(1);
    expect(ctx.flags).toBe(((1 << 3) | (1 << 31)) >>> 0);
    expect(core.resetflag(ctx, 3)).toBe(1);
    expect(core.isflagset(ctx, 3)).toBe(-1);
    expect(core.setflag(ctx, 32)).toBe(-1);
  });

  it('branch flags: branch 0 is the R-URI, others are appended branches', () => {
    const ctx = makeCtx();
    expect(core.setbflag(ctx, 6)).toBe(1);
    expect(core.isbflagset(ctx, 6)).toBe(1);
    expect(core.isbflagset(ctx, 6, 1)).toBe(-1);
    expect(core.setbflag(ctx, 6, 1)).toBe(-1);
    core.append_branch(ctx, 'sip:x@example.net');
    expect(core.setbflag(ctx, 2, 1)).toBe(1);
    expect(core.isbflagset(ctx, 2, 1)).toBe(1);
    expect(core.resetbflag(ctx, 6)).toBe(1);
    expect(core.isbflagset(ctx, 6)).toBe(-1);
  });

  it('script flags', () => {
    const ctx = makeCtx();
    expect(core.setsflag(ctx, 1)).toBe(1);
    expect(core.issflagset(ctx, 1)).toBe(1);
    expect(core.resetsflag(ctx, 1)).toBe(1);
    expect(core.issflagset(ctx, 1)).toBe(-1);
  });
});

describe('R-URI edits', () => {
  it('strip / strip_tail / prefix', () => {
    const ctx = makeCtx({ ruri: 'sip:0049301234@gw.example.com' });
    expect(core.strip(ctx, 2)).toBe(1);
    expect(ctx.ruri).toBe('sip:49301234@gw.example.com');
    expect(core.strip_tail(ctx, 2)).toBe(1);
    expect(ctx.ruri).toBe('sip:493012@gw.example.com');
    expect(core.prefix(ctx, '+')).toBe(1);
    expect(ctx.ruri).toBe('sip:+493012@gw.example.com');
    expect(core.strip(ctx, 99)).toBe(-1);
    const noUser = makeCtx({ ruri: 'sip:example.com' });
    expect(core.strip(noUser, 1)).toBe(-1);
  });

  it('rewrite* and revert_uri', () => {
    const ctx = makeCtx();
    expect(core.rewritehost(ctx, 'pbx.example.net')).toBe(1);
    expect(ctx.ruri).toBe('sip:bob@pbx.example.net');
    expect(core.rewritehostport(ctx, '10.0.0.1:5070')).toBe(1);
    expect(ctx.ruri).toBe('sip:bob@10.0.0.1:5070');
    expect(core.rewriteuser(ctx, 'carol')).toBe(1);
    expect(core.rewriteport(ctx, '5080')).toBe(1);
    expect(ctx.ruri).toBe('sip:carol@10.0.0.1:5080');
    expect(core.rewriteport(ctx, 'x')).toBe(-1);
    expect(core.rewriteuserpass(ctx, 'dave:secret')).toBe(1);
    expect(ctx.ruri).toBe('sip:dave:secret@10.0.0.1:5080');
    expect(core.rewriteuri(ctx, 'sip:eve@example.org')).toBe(1);
    expect(core.rewriteuri(ctx, 'not a uri')).toBe(-1);
    expect(core.seth(ctx, 'h.example')).toBe(1);
    expect(ctx.ruri).toBe('sip:eve@h.example');
    expect(ctx.ruriChanged).toBe(true);
    expect(core.revert_uri(ctx)).toBe(1);
    expect(ctx.ruri).toBe('sip:bob@example.com');
  });
});

describe('append_branch, force_rport, is_myself, log', () => {
  it('append_branch adds the current R-URI and $du, or the given URI with q', () => {
    const ctx = makeCtx();
    ctx.dstUri = 'sip:10.0.0.9';
    expect(core.append_branch(ctx)).toBe(1);
    expect(ctx.branches[0]).toMatchObject({ uri: 'sip:bob@example.com', dstUri: 'sip:10.0.0.9', q: null });
    expect(core.append_branch(ctx, 'sip:other@example.net', '0.5')).toBe(1);
    expect(ctx.branches[1]).toMatchObject({ uri: 'sip:other@example.net', dstUri: null, q: '0.5' });
    expect(core.append_branch(ctx, 'garbage')).toBe(-1);
    expect(core.append_branch(ctx, 'sip:a@b', '2')).toBe(-1);
  });

  it('force_rport marks the context and the top Via', () => {
    const ctx = makeCtx();
    expect(core.force_rport(ctx)).toBe(1);
    expect(ctx.forceRport).toBe(true);
    expect(ctx.msg.serialize().toString()).toMatch(
      /Via: SIP\/2.0\/UDP 192.0.2.10:5062;branch=z9hG4bK776asdhds;.*rport=5062/,
    );
  });

  it('is_myself compares host and port against listen/alias entries', () => {
    const ctx = makeCtx();
    expect(core.is_myself(ctx, 'sip:bob@127.0.0.1:5060')).toBe(1);
    expect(core.is_myself(ctx, 'sip:bob@127.0.0.1')).toBe(1);
    expect(core.is_myself(ctx, 'sip:bob@127.0.0.1:5070')).toBe(-1);
    expect(core.is_myself(ctx, 'EXAMPLE.com')).toBe(1);
    expect(core.is_myself(ctx, 'example.com:9999')).toBe(1);
    expect(core.is_myself(ctx, 'other.org')).toBe(-1);
    expect(core.is_myself(ctx, 'tel:+123')).toBe(-1);
  });

  it('keyword conditions', () => {
    const ctx = makeCtx({ method: 'MESSAGE' });
    expect(methodIs(ctx, 'message')).toBe(true);
    expect(uriIsMyself(ctx)).toBe(true);
    expect(fromUriIsMyself(ctx)).toBe(false);
    expect(srcIpIsMyself(ctx)).toBe(false);
    expect(ipMatches('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(ipMatches('192.168.1.7', '192.168.1.0/255.255.255.0')).toBe(true);
    expect(ipMatches('192.168.2.7', '192.168.1.0/24')).toBe(false);
    expect(ipMatches('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(ipMatches('127.0.0.1', '127.0.0.1')).toBe(true);
  });

  it('log writes at L_DBG+1 by default (hidden at debug 3) or at the given level', () => {
    const { proc, lines } = makeProcess();
    const ctx = makeCtx({ proc });
    expect(core.log(ctx, 'hidden\n')).toBe(1);
    expect(core.log(ctx, 1, 'shown\n')).toBe(1);
    expect(lines).toEqual(['shown\n']);
  });

  it('len_gt (SER 0.8)', () => {
    const ctx = makeCtx();
    expect(core.len_gt(ctx, 10)).toBe(1);
    expect(core.len_gt(ctx, 100000)).toBe(-1);
  });
});
