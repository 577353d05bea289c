import { afterEach, describe, expect, it } from 'vitest';
import { loose_route, record_route, rewriteFromRoute, rrParams } from '../../../runtime/modules/rr/index.js';
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
