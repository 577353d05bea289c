// The shortcuts taken on the receive → route → send path keep their semantics: the cheap stateless
// To tag is stable per request and distinct across requests, replies without local headers still
// carry the ones a script adds, and the single promise that tracks an asynchronous route run still
// answers 500 when the route fails and lets close() finish.
import { describe, expect, it } from 'vitest';
import type { SipMessage } from '../../runtime/core/sip/index.js';
import {
  EXIT,
  append_to_reply,
  isAckForStatelessReply,
  sl_send_reply,
  statelessToTag,
  t_newtran,
  t_reply,
  type RouteFn,
} from '../../runtime/index.js';
import {
  parseSip as parse,
  request,
  responseTo,
  serverPerTest,
  within,
  type TestServer,
  type UdpPeer,
} from '../engine/support.js';

const { setup: start } = serverPerTest();

function invite(callId: string, branch: string, fromTag = 'a1'): SipMessage {
  return parse(
    [
      'INVITE sip:bob@127.0.0.1 SIP/2.0',
      `Via: SIP/2.0/UDP 127.0.0.1:5999;branch=${branch}`,
      `From: <sip:alice@127.0.0.1>;tag=${fromTag}`,
      'To: <sip:bob@127.0.0.1>',
      `Call-ID: ${callId}`,
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
}

async function setup(route: RouteFn): Promise<{ s: TestServer; p: UdpPeer }> {
  const { server, peer } = await start(route);
  return { s: server, p: peer };
}

describe('stateless To tag', () => {
  it('is the same for a retransmission and recognised on the ACK', () => {
    const tag = statelessToTag(invite('c1', 'z9hG4bK-1'));
    expect(statelessToTag(invite('c1', 'z9hG4bK-1'))).toBe(tag);
    expect(tag).toMatch(/^[0-9a-f]{8}\.[0-9a-f]{12}$/);
    const ack = parse(
      [
        'ACK sip:bob@127.0.0.1 SIP/2.0',
        'Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-1',
        'From: <sip:alice@127.0.0.1>;tag=a1',
        `To: <sip:bob@127.0.0.1>;tag=${tag}`,
        'Call-ID: c1',
        'CSeq: 1 ACK',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    expect(isAckForStatelessReply(ack)).toBe(true);
  });

  it('differs when the Call-ID, branch or From tag differs', () => {
    const tags = new Set<string>();
    for (let i = 0; i < 3000; i++) tags.add(statelessToTag(invite(`call-${i}`, 'z9hG4bK-x')));
    for (let i = 0; i < 1000; i++) tags.add(statelessToTag(invite('same', `z9hG4bK-${i}`)));
    for (let i = 0; i < 1000; i++) tags.add(statelessToTag(invite('same2', 'z9hG4bK-y', `f${i}`)));
    expect(tags.size).toBe(5000);
  });
});

describe('replies without local headers', () => {
  it('share no state: a later reply still carries the headers its own script appended', async () => {
    let n = 0;
    const { s, p } = await setup((ctx) => {
      n++;
      if (n === 2) append_to_reply(ctx, 'X-Second: yes\r\n');
      sl_send_reply(ctx, 200, 'OK');
      return 1;
    });
    p.send(request(p, s.port, { callId: 'h-1' }), s.port);
    const first = await within(p.next(responseTo('h-1', 200)), 'first 200');
    p.send(request(p, s.port, { callId: 'h-2' }), s.port);
    const second = await within(p.next(responseTo('h-2', 200)), 'second 200');
    p.send(request(p, s.port, { callId: 'h-3' }), s.port);
    const third = await within(p.next(responseTo('h-3', 200)), 'third 200');
    expect(first.header('X-Second')).toBeUndefined();
    expect(second.header('X-Second')).toBe('yes');
    expect(third.header('X-Second')).toBeUndefined();
  });
});

describe('asynchronous route runs', () => {
  it('answer 500 when the route rejects, nothing when it exits, and close() finishes', async () => {
    const { s, p } = await setup(async (ctx) => {
      t_newtran(ctx);
      await Promise.resolve();
      if (ctx.msg.callId === 'a-exit') {
        t_reply(ctx, 202, 'Accepted');
        throw EXIT;
      }
      throw new Error('route failed');
    });
    p.send(request(p, s.port, { callId: 'a-exit' }), s.port);
    await within(p.next(responseTo('a-exit', 202)), '202 after exit');
    p.send(request(p, s.port, { callId: 'a-fail' }), s.port);
    await within(p.next(responseTo('a-fail', 500)), '500 for the failed route');
    expect(s.logs.some((l) => l.includes('route failed'))).toBe(true);
    expect(s.logs.some((l) => l.includes('a-exit'))).toBe(false);
    await within(s.close(), 'close()');
  });
});
