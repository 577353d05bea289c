import { afterEach, describe, expect, it } from 'vitest';
import { compilePosixRegex } from '../../../runtime/core/script/regex.js';
import {
  check_route_param,
  is_direction,
  loose_route,
  record_route,
  record_route_preset,
  rewriteFromRoute,
  rrParams,
} from '../../../runtime/modules/rr/index.js';
import { makeCtx } from '../helpers.js';

const wire = (ctx: ReturnType<typeof makeCtx>) => ctx.msg.serialize().toString();
const routeLines = (ctx: ReturnType<typeof makeCtx>) => wire(ctx).match(/^Route: [^\r\n]*/gm) ?? [];

afterEach(() => {
  rrParams.appendFromtag = true;
});

describe('rr', () => {
  it('record_route inserts our Record-Route with lr and ftag', () => {
    const ctx = makeCtx();
    expect(record_route(ctx)).toBe(1);
    expect(wire(ctx)).toMatch(/^Record-Route: <sip:127\.0\.0\.1:5060;lr;ftag=1928301774>\r$/m);
    rrParams.appendFromtag = false;
    const plain = makeCtx();
    expect(record_route(plain, 'x=1')).toBe(1);
    expect(wire(plain)).toMatch(/^Record-Route: <sip:127\.0\.0\.1:5060;lr;x=1>\r$/m);
  });

  it('loose_route returns -1 without Route headers', () => {
    expect(loose_route(makeCtx())).toBe(-1);
  });

  it('loose_route removes our entry and sends to the next loose router via $du', () => {
    const ctx = makeCtx({ headers: ['Route: <sip:127.0.0.1:5060;lr>, <sip:proxy2.example.net;lr>'] });
    expect(loose_route(ctx)).toBe(1);
    expect(ctx.dstUri).toBe('sip:proxy2.example.net;lr');
    expect(ctx.ruri).toBe('sip:bob@example.com');
    expect(routeLines(ctx)).toEqual(['Route: <sip:proxy2.example.net;lr>']);
  });

  it('loose_route with only our entry leaves the R-URI as the target', () => {
    const ctx = makeCtx({ headers: ['Route: <sip:example.com;lr>'] });
    expect(loose_route(ctx)).toBe(1);
    expect(ctx.dstUri).toBeNull();
    expect(routeLines(ctx)).toEqual([]);
  });

  it('loose_route towards a strict router rewrites the R-URI and appends the old one as a Route', () => {
    const ctx = makeCtx({ headers: ['Route: <sip:127.0.0.1:5060;lr>', 'Route: <sip:strict.example.net>'] });
    expect(loose_route(ctx)).toBe(1);
    expect(ctx.ruri).toBe('sip:strict.example.net');
    expect(routeLines(ctx)).toEqual(['Route: <sip:bob@example.com>']);
  });

  it('rewriteFromRoute (SER 0.8) moves the first Route into the R-URI', () => {
    const ctx = makeCtx({ headers: ['Route: <sip:a.example.net>, <sip:b.example.net>'] });
    expect(rewriteFromRoute(ctx)).toBe(1);
    expect(ctx.ruri).toBe('sip:a.example.net');
    expect(routeLines(ctx)).toEqual(['Route: <sip:b.example.net>']);
    expect(rewriteFromRoute(makeCtx())).toBe(-1);
  });
});

describe('rr helpers', () => {
  it('record_route_preset adds ;lr and ftag', () => {
    const ctx = makeCtx();
    expect(record_route_preset(ctx, '10.0.0.1:5060')).toBe(1);
    expect(wire(ctx)).toMatch(/^Record-Route: <sip:10\.0\.0\.1:5060;lr;ftag=1928301774>\r$/m);
    const two = makeCtx();
    expect(record_route_preset(two, 'sip:a.example;lr', 'sip:b.example')).toBe(1);
    expect(wire(two).match(/^Record-Route: [^\r]*/gm)).toEqual([
      'Record-Route: <sip:a.example;lr;ftag=1928301774>',
      'Record-Route: <sip:b.example;lr;ftag=1928301774>',
    ]);
  });

  it('check_route_param and is_direction read our consumed Route entry', () => {
    const down = makeCtx({
      to: '<sip:bob@example.com>;tag=b',
      headers: ['Route: <sip:127.0.0.1:5060;lr;ftag=1928301774;nat=yes>'],
    });
    expect(check_route_param(down, compilePosixRegex('nat=yes'))).toBe(-1);
    expect(loose_route(down)).toBe(1);
    expect(check_route_param(down, compilePosixRegex('nat=yes'))).toBe(1);
    expect(check_route_param(down, compilePosixRegex('nat=no'))).toBe(-1);
    expect(is_direction(down, 'downstream')).toBe(1);
    expect(is_direction(down, 'upstream')).toBe(-1);
    const up = makeCtx({
      from: '<sip:bob@example.com>;tag=b',
      headers: ['Route: <sip:127.0.0.1:5060;lr;ftag=1928301774>'],
    });
    loose_route(up);
    expect(is_direction(up, 'upstream')).toBe(1);
  });
});

describe('Route order is preserved when the set is rewritten', () => {
  it('keeps the remaining Routes in order after removing ours', () => {
    const ctx = makeCtx({ headers: ['Route: <sip:127.0.0.1;lr>, <sip:p2.example;lr>, <sip:p3.example;lr>'] });
    expect(loose_route(ctx)).toBe(1);
    expect(routeLines(ctx)).toEqual(['Route: <sip:p2.example;lr>', 'Route: <sip:p3.example;lr>']);
  });

  it('strict next hop: remaining Routes then the old R-URI', () => {
    const ctx = makeCtx({
      headers: ['Route: <sip:127.0.0.1;lr>, <sip:strict.example>, <sip:p3.example;lr>'],
    });
    expect(loose_route(ctx)).toBe(1);
    expect(ctx.ruri).toBe('sip:strict.example');
    expect(routeLines(ctx)).toEqual(['Route: <sip:p3.example;lr>', 'Route: <sip:bob@example.com>']);
  });
});
