// tm over real UDP: transactions created by the script, stateful replies, relaying to downstream
// peers, failure routes (sync and async, serial forking, timeouts) with the request's AVPs and flags,
// onreply and branch routes, and the small predicates.
import { afterEach, describe, expect, it } from 'vitest';
import {
  EXIT,
  compilePv,
  isflagset,
  setflag,
  t_check_status,
  t_check_trans,
  t_is_canceled,
  t_lookup_request,
  t_newtran,
  t_on_branch,
  t_on_failure,
  t_on_reply,
  t_relay,
  t_release,
  t_reply,
  t_set_fr,
  type RouteTable,
  type ScriptContext,
} from '../../../runtime/index.js';
import {
  request,
  requestWith,
  responseTo,
  startTestServer,
  UdpPeer,
  within,
  type TestServer,
} from '../../engine/support.js';

const avp = compilePv('$avp(origin)', { dialect: 'K3' });
const replyCode = compilePv('$T_reply_code', { dialect: 'K3' });

let server: TestServer | undefined;
const peers: UdpPeer[] = [];

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await server?.close();
  server = undefined;
});

interface Peers {
  up: UdpPeer;
  down: UdpPeer;
  down2: UdpPeer;
}

/** Opens the upstream and two downstream peers, then the server with routes that may name them. */
async function setup(
  routes: RouteTable | ((p: Peers) => RouteTable),
  modparams: Record<string, Record<string, number | string>> = {},
) {
  const up = await UdpPeer.open();
  const down = await UdpPeer.open();
  const down2 = await UdpPeer.open();
  peers.push(up, down, down2);
  const table = typeof routes === 'function' ? routes({ up, down, down2 }) : routes;
  server = await startTestServer(table, { modparams });
  return { s: server, up, down, down2 };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('t_newtran / t_reply', () => {
  it('returns 1 for a new transaction, 0 for a retransmission that raced it, and t_reply answers statefully', async () => {
    const gate = deferred();
    const codes: number[] = [];
    const { s, up } = await setup({
      request: async (ctx) => {
        codes.push(t_reply(ctx, 500, 'too early'));
        await gate.promise;
        const r = t_newtran(ctx);
        codes.push(r);
        if (r === 0) throw EXIT;
        codes.push(t_reply(ctx, 404, 'Not Found'));
        return 1;
      },
    });
    const text = request(up, s.port, { callId: 'nt-1' });
    up.send(text, s.port);
    up.send(text, s.port);
    await within(
      (async () => {
        while (codes.length < 2) await new Promise((r) => setTimeout(r, 10));
      })(),
      'both copies in the script',
    );
    gate.resolve();
    const reply = await within(up.next(responseTo('nt-1', 404)), '404');
    await within(
      (async () => {
        while (codes.length < 5) await new Promise((r) => setTimeout(r, 10));
      })(),
      'both runs to end',
    );
    // t_reply without a transaction: -1 (twice); then 1, 1 (new, reply) and 0 (retransmission).
    expect(codes.filter((c) => c === -1)).toHaveLength(2);
    expect(codes.filter((c) => c === 0)).toHaveLength(1);
    expect(codes.filter((c) => c === 1)).toHaveLength(2);
    expect(reply.toTag).toBeDefined();
  });

  it('absorbs retransmissions once the transaction exists, and t_lookup_request / t_check_trans see it', async () => {
    let runs = 0;
    const seen: number[] = [];
    const { s, up } = await setup({
      request: (ctx) => {
        runs++;
        seen.push(t_lookup_request(ctx), t_check_trans(ctx));
        t_newtran(ctx);
        seen.push(t_lookup_request(ctx), t_is_canceled(ctx), t_set_fr(ctx, 1000, 500));
        t_reply(ctx, 486, 'Busy Here');
        seen.push(t_release(ctx));
        return 1;
      },
    });
    const text = request(up, s.port, { callId: 'nt-2' });
    up.send(text, s.port);
    await within(up.next(responseTo('nt-2', 486)), '486');
    expect(runs).toBe(1);
    expect(seen).toEqual([-1, -1, 1, -1, 1, 1]);
  });
});

describe('t_relay', () => {
  it('relays to $du and relays the reply back; onreply_route sees the reply', async () => {
    const onreply: number[] = [];
    const { s, up, down } = await setup((p) => ({
      request: (ctx) => {
        ctx.dstUri = p.down.uri;
        t_on_reply(ctx, 'watch');
        return t_relay(ctx);
      },
      onreply: {
        watch: (ctx) => {
          onreply.push(ctx.msg.status, replyCode.get(ctx) as number);
          return 1;
        },
      },
    }));
    up.send(request(up, s.port, { callId: 'rl-1' }), s.port);
    const relayed = await within(down.next(requestWith('MESSAGE', 'rl-1')), 'relayed MESSAGE');
    expect(relayed.vias).toHaveLength(2);
    expect(relayed.maxForwards).toBe(69);
    down.reply(relayed, 200, 'OK');
    const ok = await within(up.next(responseTo('rl-1', 200)), 'relayed 200');
    expect(ok.vias).toHaveLength(1);
    expect(onreply).toEqual([200, 200]);
  });

  it('branch_route may rewrite the R-URI of each branch', async () => {
    const { s, up, down } = await setup((p) => ({
      request: (ctx) => {
        ctx.dstUri = p.down.uri;
        t_on_branch(ctx, 'rewrite');
        return t_relay(ctx);
      },
      branch: {
        rewrite: (ctx) => {
          ctx.ruri = 'sip:rewritten@example.org';
          return 1;
        },
      },
    }));
    up.send(request(up, s.port, { callId: 'br-1' }), s.port);
    const relayed = await within(down.next(requestWith('MESSAGE', 'br-1')), 'relayed MESSAGE');
    expect(relayed.requestUri?.toString()).toBe('sip:rewritten@example.org');
    down.reply(relayed, 200, 'OK');
    await within(up.next(responseTo('br-1', 200)), '200');
  });
});

describe('failure_route', () => {
  const failing = (failure: RouteTable['failure'], down: UdpPeer): RouteTable => ({
    request: (ctx: ScriptContext) => {
      avp.set(ctx, 'from-request');
      setflag(ctx, 3);
      ctx.dstUri = down.uri;
      t_on_failure(ctx, 'f');
      return t_relay(ctx);
    },
    ...(failure ? { failure } : {}),
  });

  it('runs with the request AVPs and flags; t_reply there replaces the winning reply', async () => {
    const seen: unknown[] = [];
    const { s, up, down } = await setup((p) =>
      failing(
        {
          f: (ctx) => {
            seen.push(
              avp.get(ctx),
              isflagset(ctx, 3),
              t_check_status(ctx, /486/),
              replyCode.get(ctx),
              ctx.routeType,
            );
            return t_reply(ctx, 480, 'Try Later');
          },
        },
        p.down,
      ),
    );
    up.send(request(up, s.port, { callId: 'fr-1' }), s.port);
    const relayed = await within(down.next(requestWith('MESSAGE', 'fr-1')), 'relayed');
    down.reply(relayed, 486, 'Busy Here');
    const reply = await within(up.next(responseTo('fr-1')), 'final reply');
    expect(reply.status).toBe(480);
    expect(seen).toEqual(['from-request', 1, 1, 486, 'failure']);
  });

  it('relays the winning reply when the failure route ends without replying (sync and async)', async () => {
    const { s, up, down } = await setup((p) =>
      failing(
        {
          f: async (ctx) => {
            if (ctx.msg.callId === 'fr-async') await new Promise((r) => setTimeout(r, 20));
            return 1;
          },
        },
        p.down,
      ),
    );
    for (const callId of ['fr-sync', 'fr-async']) {
      up.send(request(up, s.port, { callId }), s.port);
      const relayed = await within(down.next(requestWith('MESSAGE', callId)), `relayed ${callId}`);
      down.reply(relayed, 486, 'Busy Here');
      const reply = await within(up.next(responseTo(callId)), `final reply ${callId}`);
      expect(reply.status).toBe(486);
    }
  });

  it('an async failure route can store-and-reply (the relay waits for it)', async () => {
    const { s, up, down } = await setup((p) =>
      failing(
        {
          f: async (ctx) => {
            await new Promise((r) => setTimeout(r, 30));
            return t_reply(ctx, 202, 'Accepted');
          },
        },
        p.down,
      ),
    );
    up.send(request(up, s.port, { callId: 'fr-202' }), s.port);
    const relayed = await within(down.next(requestWith('MESSAGE', 'fr-202')), 'relayed');
    down.reply(relayed, 405, 'Method Not Allowed');
    const reply = await within(up.next(responseTo('fr-202')), 'final reply');
    expect(reply.status).toBe(202);
    expect(up.count(responseTo('fr-202'))).toBe(1);
  });

  it('serial forking: t_relay from an async failure route tries the next destination', async () => {
    const { s, up, down, down2 } = await setup((p) =>
      failing(
        {
          f: async (ctx) => {
            await Promise.resolve();
            ctx.dstUri = p.down2.uri;
            return t_relay(ctx);
          },
        },
        p.down,
      ),
    );
    up.send(request(up, s.port, { callId: 'fr-serial' }), s.port);
    const first = await within(down.next(requestWith('MESSAGE', 'fr-serial')), 'first leg');
    down.reply(first, 486, 'Busy Here');
    const second = await within(down2.next(requestWith('MESSAGE', 'fr-serial')), 'second leg');
    down2.reply(second, 200, 'OK');
    const reply = await within(up.next(responseTo('fr-serial')), 'final reply');
    expect(reply.status).toBe(200);
  });

  it('runs on fr_timer expiry with a local 408 (K3 timers are milliseconds)', async () => {
    const codes: number[] = [];
    const { s, up, down } = await setup(
      (p) =>
        failing(
          {
            f: (ctx) => {
              codes.push(replyCode.get(ctx) as number);
              return t_reply(ctx, 504, 'Nobody Home');
            },
          },
          p.down,
        ),
      { tm: { fr_timer: 300 } },
    );
    up.send(request(up, s.port, { callId: 'fr-408' }), s.port);
    await within(down.next(requestWith('MESSAGE', 'fr-408')), 'relayed');
    const reply = await within(up.next(responseTo('fr-408')), 'final reply');
    expect(reply.status).toBe(504);
    expect(codes).toEqual([408]);
  });

  it('t_set_fr before t_relay shortens fr_timer for this transaction only', async () => {
    const codes: number[] = [];
    const { s, up, down } = await setup((p) => ({
      request: (ctx) => {
        ctx.dstUri = p.down.uri;
        if (ctx.msg.callId === 'fr-short') t_set_fr(ctx, 0, 200);
        t_on_failure(ctx, 'f');
        return t_relay(ctx);
      },
      failure: {
        f: (ctx) => {
          codes.push(replyCode.get(ctx) as number);
          return t_reply(ctx, 504, 'Nobody Home');
        },
      },
    }));
    up.send(request(up, s.port, { callId: 'fr-short' }), s.port);
    await within(down.next(requestWith('MESSAGE', 'fr-short')), 'relayed');
    const reply = await within(up.next(responseTo('fr-short')), 'final reply before the 30 s default');
    expect(reply.status).toBe(504);
    expect(codes).toEqual([408]);
  });
});

describe('tm modparams', () => {
  it('answers an INVITE transaction with 100 Trying unless auto_inv_100 is 0', async () => {
    for (const auto of [1, 0]) {
      const { s, up } = await setup(
        {
          request: async (ctx) => {
            t_newtran(ctx);
            await new Promise((r) => setTimeout(r, 100));
            return t_reply(ctx, 486, 'Busy Here');
          },
        },
        { tm: { auto_inv_100: auto } },
      );
      const callId = `inv-100-${auto}`;
      up.send(request(up, s.port, { method: 'INVITE', callId }), s.port);
      await within(up.next(responseTo(callId, 486)), '486');
      expect(up.count(responseTo(callId, 100))).toBe(auto);
      await server?.close();
      server = undefined;
    }
  });
});
