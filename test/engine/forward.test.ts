// Core forward()/send() over real UDP on 127.0.0.1: a client peer, the server running a small route,
// and a next-hop peer. forward adds our Via and decrements Max-Forwards, and the next hop's reply comes
// back to the client statelessly; send passes the received bytes on untouched.
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptContext } from '../../runtime/core/script/context.js';
import { explicitTarget } from '../../runtime/engine/forward.js';
import { forward, ruriHost, ruriPort, send } from '../../runtime/index.js';
import {
  UdpPeer,
  request,
  requestWith,
  responseTo,
  startTestServer,
  within,
  type TestServer,
} from './support.js';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function setup(route: (ctx: ScriptContext, nextHop: UdpPeer) => number) {
  const client = await UdpPeer.open();
  const nextHop = await UdpPeer.open();
  open.push(client, nextHop);
  const server: TestServer = await startTestServer({ request: (ctx) => route(ctx, nextHop) });
  open.push(server);
  return { client, nextHop, server };
}

describe('forward() over UDP', () => {
  it('sends the request to host:port with our Via on top and Max-Forwards decremented; the reply comes back', async () => {
    const { client, nextHop, server } = await setup((ctx, hop) => forward(ctx, '127.0.0.1', hop.port));
    client.send(request(client, server.port, { callId: 'fw-1' }), server.port);

    const got = await within(nextHop.next(requestWith('MESSAGE', 'fw-1')), 'the forwarded MESSAGE');
    expect(got.vias).toHaveLength(2);
    expect(got.vias[0]!.host).toBe('127.0.0.1');
    expect(got.vias[0]!.port).toBe(server.port);
    expect(got.vias[0]!.branch).toMatch(/^z9hG4bK/);
    expect(got.vias[1]!.port).toBe(client.port);
    expect(got.maxForwards).toBe(69);

    nextHop.reply(got, 200, 'OK');
    const reply = await within(client.next(responseTo('fw-1', 200)), 'the 200 back at the client');
    expect(reply.vias).toHaveLength(1);
    expect(reply.vias[0]!.port).toBe(client.port);
  });

  it('without arguments goes to $du when set, and to the rewritten R-URI otherwise', async () => {
    const { client, nextHop, server } = await setup((ctx, hop) => {
      if (ctx.msg.callId === 'fw-du') ctx.dstUri = `sip:127.0.0.1:${hop.port}`;
      else ctx.ruri = `sip:carol@127.0.0.1:${hop.port}`;
      return forward(ctx);
    });
    client.send(request(client, server.port, { callId: 'fw-du' }), server.port);
    client.send(request(client, server.port, { callId: 'fw-ruri' }), server.port);
    const viaDu = await within(nextHop.next(requestWith('MESSAGE', 'fw-du')), 'the $du forward');
    const viaRuri = await within(nextHop.next(requestWith('MESSAGE', 'fw-ruri')), 'the R-URI forward');
    expect(viaDu.requestUri?.toString()).toBe(`sip:bob@127.0.0.1:${server.port}`);
    expect(viaRuri.requestUri?.toString()).toBe(`sip:carol@127.0.0.1:${nextHop.port}`);
  });

  it('forward(uri:host, uri:port) goes to the host and port of the current R-URI', async () => {
    const { client, nextHop, server } = await setup((ctx, hop) => {
      ctx.ruri = `sip:carol@127.0.0.1:${hop.port}`;
      return forward(ctx, ruriHost(ctx), ruriPort(ctx));
    });
    client.send(request(client, server.port, { callId: 'fw-uri' }), server.port);
    const got = await within(nextHop.next(requestWith('MESSAGE', 'fw-uri')), 'the uri:host forward');
    expect(got.requestUri?.toString()).toBe(`sip:carol@127.0.0.1:${nextHop.port}`);
  });

  it('returns -1 and sends nothing when Max-Forwards is 0', async () => {
    const codes: number[] = [];
    const { client, nextHop, server } = await setup((ctx, hop) => {
      const rc = forward(ctx, `127.0.0.1:${hop.port}`);
      codes.push(rc);
      return rc;
    });
    const zero = request(client, server.port, { callId: 'fw-0' }).replace(
      'Max-Forwards: 70',
      'Max-Forwards: 0',
    );
    client.send(zero, server.port);
    client.send(request(client, server.port, { callId: 'fw-after' }), server.port);
    await within(nextHop.next(requestWith('MESSAGE', 'fw-after')), 'the request after the refused one');
    expect(codes).toEqual([-1, 1]);
    expect(nextHop.count(requestWith('MESSAGE', 'fw-0'))).toBe(0);
  });
});

describe('send()', () => {
  it('passes the request on exactly as received, without a Via of ours', async () => {
    const { client, nextHop, server } = await setup((ctx, hop) => send(ctx, `127.0.0.1:${hop.port}`));
    const text = request(client, server.port, { callId: 'send-1' });
    client.send(text, server.port);
    const got = await within(nextHop.next(requestWith('MESSAGE', 'send-1')), 'the sent MESSAGE');
    expect(got.raw.toString()).toBe(text);
  });
});

describe('explicit targets', () => {
  it('read host, host:port, [v6]:port and SIP URIs; the port argument wins', () => {
    expect(explicitTarget('10.0.0.1', undefined, 'udp')).toEqual({
      proto: 'udp',
      host: '10.0.0.1',
      port: 5060,
    });
    expect(explicitTarget('proxy.example.com:5080', undefined, 'tcp')).toEqual({
      proto: 'tcp',
      host: 'proxy.example.com',
      port: 5080,
    });
    expect(explicitTarget('[::1]:5070', 5090, 'udp')).toEqual({ proto: 'udp', host: '::1', port: 5090 });
    expect(explicitTarget('sip:10.0.0.2:5062;transport=tcp', undefined, 'udp')).toEqual({
      proto: 'tcp',
      host: '10.0.0.2',
      port: 5062,
    });
    // Port 0 is unspecified (uri:port of an R-URI without one): the default port.
    expect(explicitTarget('10.0.0.1', 0, 'udp')).toEqual({ proto: 'udp', host: '10.0.0.1', port: 5060 });
    expect(explicitTarget('', undefined, 'udp')).toBeUndefined();
    expect(explicitTarget('h:99999', undefined, 'udp')).toBeUndefined();
  });
});
