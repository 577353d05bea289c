// sl over real UDP: stateless replies with stable To tags, 3xx Contacts, append_to_reply headers,
// return codes, sl_reply_error's mapping of internal errors, ACK absorption and send_reply.
import { describe, expect, it } from 'vitest';
import {
  ScriptContext,
  ScriptProcess,
  append_branch,
  append_to_reply,
  send_reply,
  sl_filter_ACK,
  sl_reply_error,
  sl_send_reply,
  statelessToTag,
  t_newtran,
  t_relay,
} from '../../../runtime/index.js';
import {
  parseSip as parse,
  request,
  responseTo,
  serverPerTest,
  within,
  type UdpPeer,
} from '../../engine/support.js';

const { setup } = serverPerTest();

describe('sl_send_reply', () => {
  it('replies statelessly with a To tag that a retransmission gets again, returning 1', async () => {
    const codes: number[] = [];
    const { server: s, peer: p } = await setup((ctx) => {
      codes.push(sl_send_reply(ctx, 404, 'Not Here'));
      return 1;
    });
    const text = request(p, s.port, { callId: 'sl-1' });
    p.send(text, s.port);
    const first = await within(p.next(responseTo('sl-1', 404)), '404');
    p.send(text, s.port);
    await within(
      (async () => {
        while (p.count(responseTo('sl-1', 404)) < 2) await new Promise((r) => setTimeout(r, 20));
      })(),
      'second 404',
    );
    const replies = p.received.filter(responseTo('sl-1', 404));
    expect(first.reason).toBe('Not Here');
    expect(first.toTag).toBeDefined();
    expect(replies[1]!.toTag).toBe(first.toTag);
    // Stateless: the script ran for both copies.
    expect(codes).toEqual([1, 1]);
  });

  it('lists the destination set as Contact in a 3xx and adds append_to_reply headers', async () => {
    const { server: s, peer: p } = await setup((ctx) => {
      ctx.ruri = 'sip:bob@10.0.0.1';
      append_branch(ctx, 'sip:bob@10.0.0.2', '0.5');
      append_to_reply(ctx, 'X-Reason: moved\r\n');
      return sl_send_reply(ctx, 302, 'Moved Temporarily');
    });
    p.send(request(p, s.port, { callId: 'sl-302' }), s.port);
    const reply = await within(p.next(responseTo('sl-302', 302)), '302');
    expect(reply.header('contact')).toBe('<sip:bob@10.0.0.1>, <sip:bob@10.0.0.2>;q=0.5');
    expect(reply.header('x-reason')).toBe('moved');
  });

  it('returns -1 and sends nothing for an invalid code or an ACK', async () => {
    const codes: number[] = [];
    const { server: s, peer: p } = await setup((ctx) => {
      codes.push(sl_send_reply(ctx, 99, 'Bad'));
      if (ctx.msg.method === 'ACK') codes.push(sl_send_reply(ctx, 200, 'OK'));
      else codes.push(sl_send_reply(ctx, 200, 'OK'));
      return 1;
    });
    p.send(request(p, s.port, { method: 'ACK', callId: 'sl-ack', toTag: 'foreign' }), s.port);
    p.send(request(p, s.port, { callId: 'sl-after' }), s.port);
    await within(p.next(responseTo('sl-after', 200)), '200 after the ACK');
    expect(codes).toEqual([-1, -1, -1, 1]);
    expect(p.count(responseTo('sl-ack'))).toBe(0);
  });
});

describe('sl_reply_error', () => {
  it('answers the last internal error as Kamailio maps it: too many hops → 483', async () => {
    const codes: number[] = [];
    const { server: s, peer: p } = await setup((ctx) => {
      const relayed = t_relay(ctx);
      codes.push(relayed);
      if (relayed < 0) codes.push(sl_reply_error(ctx));
      return 1;
    });
    const text = request(p, s.port, { callId: 'sl-483' }).replace('Max-Forwards: 70', 'Max-Forwards: 0');
    p.send(text, s.port);
    const reply = await within(p.next(responseTo('sl-483')), 'error reply');
    expect(reply.status).toBe(483);
    expect(codes).toEqual([-1, 1]);
  });

  it('uses default_code/default_reason when no error is known', async () => {
    const { server: s, peer: p } = await setup((ctx) => sl_reply_error(ctx), {
      sl: { default_code: 503, default_reason: 'Try Later' },
    });
    p.send(request(p, s.port, { callId: 'sl-default' }), s.port);
    const reply = await within(p.next(responseTo('sl-default')), 'default error reply');
    expect(reply.status).toBe(503);
    expect(reply.reason).toBe('Try Later');
  });
});

describe('ACKs to stateless replies', () => {
  it('absorbs the ACK of a local stateless reply before the script runs', async () => {
    const methods: string[] = [];
    const { server: s, peer: p } = await setup((ctx) => {
      methods.push(ctx.msg.method);
      if (ctx.msg.method === 'INVITE') sl_send_reply(ctx, 486, 'Busy Here');
      return 1;
    });
    p.send(request(p, s.port, { method: 'INVITE', callId: 'sl-inv', branch: 'z9hG4bK-inv1' }), s.port);
    const busy = await within(p.next(responseTo('sl-inv', 486)), '486');
    p.send(
      request(p, s.port, { method: 'ACK', callId: 'sl-inv', branch: 'z9hG4bK-inv1', toTag: busy.toTag! }),
      s.port,
    );
    // A later request shows the ACK was handled first (UDP on loopback keeps order).
    p.send(request(p, s.port, { method: 'OPTIONS', callId: 'sl-later' }), s.port);
    await within(
      (async () => {
        while (!methods.includes('OPTIONS')) await new Promise((r) => setTimeout(r, 20));
      })(),
      'OPTIONS to reach the script',
    );
    expect(methods).toEqual(['INVITE', 'OPTIONS']);
  });

  it('sl_filter_ACK returns 0 for an ACK to our stateless reply and 1 otherwise', () => {
    const invite = parse(
      request({ port: 5 } as UdpPeer, 5060, { method: 'INVITE', callId: 'f1', branch: 'z9hG4bK-f1' }),
    );
    const tag = statelessToTag(invite);
    const proc = new ScriptProcess('S08');
    const rcv = {
      proto: 'udp' as const,
      srcIp: '127.0.0.1',
      srcPort: 5,
      localIp: '127.0.0.1',
      localPort: 5060,
    };
    const ours = parse(request({ port: 5 } as UdpPeer, 5060, { method: 'ACK', callId: 'f1', toTag: tag }));
    const theirs = parse(request({ port: 5 } as UdpPeer, 5060, { method: 'ACK', callId: 'f1', toTag: 'x' }));
    const invite2 = parse(request({ port: 5 } as UdpPeer, 5060, { method: 'INVITE', callId: 'f2' }));
    expect(sl_filter_ACK(new ScriptContext(ours, rcv, proc))).toBe(0);
    expect(sl_filter_ACK(new ScriptContext(theirs, rcv, proc))).toBe(1);
    expect(sl_filter_ACK(new ScriptContext(invite2, rcv, proc))).toBe(1);
  });
});

describe('send_reply', () => {
  it('replies through the transaction when there is one, so a retransmission is answered without the script', async () => {
    let runs = 0;
    const { server: s, peer: p } = await setup((ctx) => {
      runs++;
      if (ctx.msg.callId === 'sr-stateful') t_newtran(ctx);
      return send_reply(ctx, 480, 'Temporarily Unavailable');
    });
    const stateful = request(p, s.port, { callId: 'sr-stateful' });
    p.send(stateful, s.port);
    await within(p.next(responseTo('sr-stateful', 480)), 'first 480');
    p.send(stateful, s.port);
    await within(
      (async () => {
        while (p.count(responseTo('sr-stateful', 480)) < 2) await new Promise((r) => setTimeout(r, 20));
      })(),
      're-sent 480',
    );
    expect(runs).toBe(1);
  });
});
