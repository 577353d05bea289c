// Transactions over real UDP sockets on 127.0.0.1: retransmissions, timeouts and the failure hook,
// CANCEL, hop-by-hop ACK, forking and best-reply selection. Timers are small; only outcomes are checked.
import { afterEach, describe, expect, it } from 'vitest';
import { startSipStack } from '../../runtime/core/transaction/stack.js';
import { silentLogger } from '../../runtime/core/transport/types.js';
import { UdpPeer, isRequest, isResponse, request, sibling } from './peer.js';
import { startProxy, type Proxy } from './proxy-fixture.js';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function peer(): Promise<UdpPeer> {
  const p = await UdpPeer.open();
  cleanup.push(() => p.close());
  return p;
}

async function proxy(options: Parameters<typeof startProxy>[0]): Promise<Proxy> {
  const p = await startProxy(options);
  cleanup.push(() => p.close());
  return p;
}

describe('server transactions', () => {
  it('absorbs a retransmitted request: same reply again, handler called once', async () => {
    let handled = 0;
    const server = await proxy({ onLocal: () => handled++ });
    const client = await peer();
    const text = request({
      method: 'MESSAGE',
      uri: `sip:u@127.0.0.1:${server.port}`,
      fromPort: client.port,
      body: 'x',
    });
    client.send(text, server.port);
    const first = await client.next(isResponse(200));
    client.send(text, server.port);
    client.send(text, server.port);
    // Three 200s in all, byte-identical (the stored reply is re-sent, not rebuilt).
    await waitFor(() => client.count(isResponse(200)) === 3);
    const all = client.received.filter(isResponse(200)).map((m) => m.serialize().toString());
    expect(new Set(all).size).toBe(1);
    expect(all[0]).toBe(first.serialize().toString());
    expect(handled).toBe(1);
    expect(server.stack.transactions.stats.absorbedRetransmissions).toBe(2);
  });

  it('absorbs retransmissions without the magic cookie (RFC 2543 matching)', async () => {
    let handled = 0;
    const server = await proxy({ onLocal: () => handled++ });
    const client = await peer();
    const text = request({
      method: 'OPTIONS',
      uri: `sip:u@127.0.0.1:${server.port}`,
      fromPort: client.port,
      branch: 'old2543',
    });
    client.send(text, server.port);
    await client.next(isResponse(200));
    client.send(text, server.port);
    await waitFor(() => client.count(isResponse(200)) === 2);
    expect(handled).toBe(1);
  });

  it('answers INVITE with 100 Trying at once and re-sends it for a retransmitted INVITE', async () => {
    const callee = await peer();
    const server = await proxy({ branches: () => [{ uri: callee.uri }] });
    const client = await peer();
    const text = request({ method: 'INVITE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port });
    client.send(text, server.port);
    await client.next(isResponse(100));
    await callee.next(isRequest('INVITE'));
    client.send(text, server.port);
    await waitFor(() => client.count(isResponse(100)) === 2);
    expect(server.seen.filter((m) => m.method === 'INVITE')).toHaveLength(1);
  });
});

describe('stateful relay', () => {
  it('times out a silent branch: local 408 reaches the failure hook before anything is relayed', async () => {
    const silent = await peer();
    const client = await peer();
    let seenInHook: number | undefined;
    let clientRepliesDuringHook = -1;
    const server = await proxy({
      branches: () => [{ uri: silent.uri }],
      hooks: () => ({
        onFailure: (relay) => {
          seenInHook = relay.winner?.status;
          clientRepliesDuringHook = client.received.filter((m) => m.status >= 200).length;
        },
      }),
    });
    client.send(
      request({ method: 'MESSAGE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const final = await client.next((m) => m.status >= 200);
    expect(seenInHook).toBe(408);
    expect(clientRepliesDuringHook).toBe(0);
    expect(final.status).toBe(408);
    // The silent branch got the request and its UDP retransmissions (Timer E).
    expect(silent.count(isRequest('MESSAGE'))).toBeGreaterThan(1);
  });

  it('still relays the best reply when the failure hook throws', async () => {
    const silent = await peer();
    const server = await proxy({
      branches: () => [{ uri: silent.uri }],
      hooks: () => ({
        onFailure: () => {
          throw new Error('script error in failure route');
        },
      }),
    });
    const client = await peer();
    client.send(
      request({ method: 'MESSAGE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const final = await client.next((m) => m.status >= 200);
    expect(final.status).toBe(408);
  });

  it('lets the failure hook answer itself instead of relaying the 408', async () => {
    const silent = await peer();
    const server = await proxy({
      branches: () => [{ uri: silent.uri }],
      hooks: () => ({ onFailure: (relay) => void relay.reply(202, 'Accepted') }),
    });
    const client = await peer();
    client.send(
      request({ method: 'MESSAGE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const final = await client.next((m) => m.status >= 200);
    expect(final.status).toBe(202);
    expect(client.count(isResponse(408))).toBe(0);
  });

  it('serial forking: the failure hook adds a branch after a 486 and the 200 from it is relayed', async () => {
    const busy = await peer();
    const next = await peer();
    const server = await proxy({
      branches: () => [{ uri: busy.uri }],
      hooks: () => ({ onFailure: (relay) => void relay.addBranches([{ uri: next.uri }]) }),
    });
    const client = await peer();
    client.send(
      request({ method: 'MESSAGE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    busy.reply(await busy.next(isRequest('MESSAGE')), 486, 'Busy Here');
    next.reply(await next.next(isRequest('MESSAGE')), 200, 'OK');
    const final = await client.next((m) => m.status >= 200);
    expect(final.status).toBe(200);
    expect(client.count(isResponse(486))).toBe(0);
  });

  it('CANCEL of a pending INVITE: 200 to the CANCEL, CANCEL relayed to the branch, 487 to the INVITE', async () => {
    const callee = await peer();
    const server = await proxy({ branches: () => [{ uri: callee.uri }] });
    const client = await peer();
    const invite = request({
      method: 'INVITE',
      uri: `sip:u@127.0.0.1:${server.port}`,
      fromPort: client.port,
    });
    client.send(invite, server.port);
    const forwarded = await callee.next(isRequest('INVITE'));
    callee.reply(forwarded, 180, 'Ringing');
    await client.next(isResponse(180));
    client.send(sibling(invite, 'CANCEL'), server.port);
    await client.next(isResponse(200, 'CANCEL'));
    const cancel = await callee.next(isRequest('CANCEL'));
    // Hop-by-hop CANCEL: same branch and CSeq number as the INVITE this proxy sent.
    expect(cancel.via.branch).toBe(forwarded.via.branch);
    expect(cancel.cseq.seq).toBe(forwarded.cseq.seq);
    callee.reply(cancel, 200, 'OK');
    callee.reply(forwarded, 487, 'Request Terminated');
    const terminated = await client.next(isResponse(487, 'INVITE'));
    expect(terminated.via.branch).toBe(parseBranch(invite));
    // The proxy ACKs the 487 on its own (hop-by-hop).
    const ack = await callee.next(isRequest('ACK'));
    expect(ack.via.branch).toBe(forwarded.via.branch);
    expect(server.relays[0]!.canceled).toBe(true);
  });

  it('CANCEL of an INVITE the proxy answers itself (UAS): 487 from the transaction layer', async () => {
    const client = await peer();
    const server = await proxy({ branches: () => undefined });
    // Replace local handling: keep the INVITE pending by creating the transaction without replying.
    server.stack.transactions.onRequest((req, rcv) => {
      if (req.method === 'INVITE') server.stack.transactions.createServer(req, rcv);
    });
    const invite = request({
      method: 'INVITE',
      uri: `sip:u@127.0.0.1:${server.port}`,
      fromPort: client.port,
    });
    client.send(invite, server.port);
    await client.next(isResponse(100));
    client.send(sibling(invite, 'CANCEL'), server.port);
    await client.next(isResponse(200, 'CANCEL'));
    await client.next(isResponse(487, 'INVITE'));
  });

  it('with autoCancel off, the core sees the CANCEL and cancels the INVITE through cancelInvite()', async () => {
    const stack = await startSipStack({
      listen: [{ proto: 'udp', host: '127.0.0.1', port: 0 }],
      logger: silentLogger,
      autoCancel: false,
    });
    cleanup.push(() => stack.close());
    const seenByCore: string[] = [];
    stack.transactions.onRequest((req, rcv) => {
      seenByCore.push(req.method);
      if (req.method === 'INVITE') stack.transactions.createServer(req, rcv);
      if (req.method === 'CANCEL') expect(stack.transactions.cancelInvite(req, rcv)).toBe(true);
    });
    const client = await peer();
    const port = stack.bound[0]!.port;
    const invite = request({ method: 'INVITE', uri: `sip:u@127.0.0.1:${port}`, fromPort: client.port });
    client.send(invite, port);
    await client.next(isResponse(100));
    client.send(sibling(invite, 'CANCEL'), port);
    await client.next(isResponse(200, 'CANCEL'));
    await client.next(isResponse(487, 'INVITE'));
    expect(seenByCore).toEqual(['INVITE', 'CANCEL']);
  });

  it('per-relay timers (t_set_fr) override the layer timers', async () => {
    const silent = await peer();
    const server = await proxy({
      timers: { frTimer: 60_000 },
      relayTimers: { t1: 50, frTimer: 200 },
      branches: () => [{ uri: silent.uri }],
    });
    const client = await peer();
    client.send(
      request({ method: 'MESSAGE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const final = await client.next((m) => m.status >= 200);
    expect(final.status).toBe(408);
  });

  it('hop-by-hop ACK for a non-2xx: the proxy ACKs downstream and absorbs the ACK from upstream', async () => {
    const callee = await peer();
    const server = await proxy({ branches: () => [{ uri: callee.uri }] });
    const client = await peer();
    const invite = request({
      method: 'INVITE',
      uri: `sip:u@127.0.0.1:${server.port}`,
      fromPort: client.port,
    });
    client.send(invite, server.port);
    const forwarded = await callee.next(isRequest('INVITE'));
    callee.reply(forwarded, 486, 'Busy Here', 'busy1');
    const ackDown = await callee.next(isRequest('ACK'));
    expect(ackDown.via.branch).toBe(forwarded.via.branch);
    expect(ackDown.cseq).toEqual({ seq: forwarded.cseq.seq, method: 'ACK' });
    expect(ackDown.toTag).toBe('busy1');
    expect(ackDown.requestUri?.toString()).toBe(forwarded.requestUri?.toString());
    const busy = await client.next(isResponse(486));
    client.send(sibling(invite, 'ACK', busy.toTag), server.port);
    await waitFor(() => server.stack.transactions.stats.absorbedAcks === 1);
    // The upstream ACK was consumed by the transaction layer: neither the core nor the callee saw it.
    expect(server.seen.filter((m) => m.method === 'ACK')).toHaveLength(0);
    expect(callee.count(isRequest('ACK'))).toBe(1);
  });

  it('parallel forking: the lowest class wins (302 over 486 and 503)', async () => {
    const [a, b, c] = await Promise.all([peer(), peer(), peer()]);
    const server = await proxy({ branches: () => [{ uri: a.uri }, { uri: b.uri }, { uri: c.uri }] });
    const client = await peer();
    client.send(
      request({ method: 'MESSAGE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    a.reply(await a.next(isRequest('MESSAGE')), 486, 'Busy Here');
    b.reply(await b.next(isRequest('MESSAGE')), 302, 'Moved Temporarily');
    c.reply(await c.next(isRequest('MESSAGE')), 503, 'Service Unavailable');
    const final = await client.next((m) => m.status >= 200);
    expect(final.status).toBe(302);
    expect(client.received.filter((m) => m.status >= 200)).toHaveLength(1);
  });

  it('parallel forking: a 6xx wins and the pending INVITE branches are cancelled', async () => {
    const [decline, ringing] = await Promise.all([peer(), peer()]);
    const server = await proxy({ branches: () => [{ uri: decline.uri }, { uri: ringing.uri }] });
    const client = await peer();
    client.send(
      request({ method: 'INVITE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const toRinging = await ringing.next(isRequest('INVITE'));
    ringing.reply(toRinging, 180, 'Ringing');
    await client.next(isResponse(180));
    decline.reply(await decline.next(isRequest('INVITE')), 603, 'Decline');
    const cancel = await ringing.next(isRequest('CANCEL'));
    ringing.reply(cancel, 200, 'OK');
    ringing.reply(toRinging, 487, 'Request Terminated');
    const final = await client.next((m) => m.status >= 200 && m.cseq.method === 'INVITE');
    expect(final.status).toBe(603);
  });

  it('parallel forking: a 2xx is relayed at once and the other branches are cancelled', async () => {
    const [answer, ringing] = await Promise.all([peer(), peer()]);
    const server = await proxy({ branches: () => [{ uri: answer.uri }, { uri: ringing.uri }] });
    const client = await peer();
    client.send(
      request({ method: 'INVITE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const toRinging = await ringing.next(isRequest('INVITE'));
    ringing.reply(toRinging, 180, 'Ringing');
    answer.reply(await answer.next(isRequest('INVITE')), 200, 'OK', 'answered');
    const ok = await client.next(isResponse(200, 'INVITE'));
    expect(ok.toTag).toBe('answered');
    await ringing.next(isRequest('CANCEL'));
    expect(server.relays[0]?.finished).toBe(true);
  });

  it('ring timeout (fr_inv_timer) after a 180: the branch is cancelled and the caller gets 408', async () => {
    const callee = await peer();
    const statuses: number[] = [];
    const server = await proxy({
      branches: () => [{ uri: callee.uri }],
      hooks: () => ({ onFailure: (relay) => void statuses.push(relay.winner?.status ?? 0) }),
    });
    const client = await peer();
    client.send(
      request({ method: 'INVITE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const forwarded = await callee.next(isRequest('INVITE'));
    callee.reply(forwarded, 180, 'Ringing');
    const cancel = await callee.next(isRequest('CANCEL'));
    expect(cancel.via.branch).toBe(forwarded.via.branch);
    const final = await client.next((m) => m.status >= 200 && m.cseq.method === 'INVITE');
    expect(final.status).toBe(408);
    expect(statuses).toEqual([408]);
  });

  it('runs the onReply hook for every branch response and the onBranch hook on each branch copy', async () => {
    const callee = await peer();
    const replies: number[] = [];
    const server = await proxy({
      branches: () => [{ uri: callee.uri }],
      hooks: () => ({
        onReply: (response) => void replies.push(response.status),
        onBranch: (copy, branch) => copy.addHeader('X-Branch', String(branch.index)),
      }),
    });
    const client = await peer();
    client.send(
      request({ method: 'INVITE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const forwarded = await callee.next(isRequest('INVITE'));
    expect(forwarded.header('x-branch')).toBe('0');
    callee.reply(forwarded, 180, 'Ringing');
    await client.next(isResponse(180));
    callee.reply(forwarded, 486, 'Busy Here');
    await client.next(isResponse(486));
    expect(replies).toEqual([180, 486]);
  });

  it('relays provisional responses upstream with the proxy Via removed', async () => {
    const callee = await peer();
    const server = await proxy({ branches: () => [{ uri: callee.uri }] });
    const client = await peer();
    client.send(
      request({ method: 'INVITE', uri: `sip:u@127.0.0.1:${server.port}`, fromPort: client.port }),
      server.port,
    );
    const forwarded = await callee.next(isRequest('INVITE'));
    expect(forwarded.vias).toHaveLength(2);
    expect(forwarded.maxForwards).toBe(69);
    callee.reply(forwarded, 183, 'Session Progress');
    const progress = await client.next(isResponse(183));
    expect(progress.vias).toHaveLength(1);
    expect(progress.via.port).toBe(client.port);
  });
});

function parseBranch(text: string): string {
  return /branch=([^;\r\n]+)/.exec(text)![1]!;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}
