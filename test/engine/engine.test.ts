// The engine's script semantics on real traffic: a fresh context per message, exit/drop/exceptions
// never escaping (500 only when a transaction is pending), $var sticky across messages, modparam
// overrides and unit conversion, and runMain's argument parsing and signal shutdown.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { tmConfig } from '../../runtime/engine/modules.js';
import {
  DROP,
  EXIT,
  ModparamError,
  applyModparamOverrides,
  compilePv,
  isflagset,
  parseMainArgs,
  runMain,
  setflag,
  sl_send_reply,
  startServer,
  t_newtran,
  UsageError,
  type CompiledScript,
  type RouteFn,
} from '../../runtime/index.js';
import { request, responseTo, serverPerTest, UdpPeer, within } from './support.js';

const { setup: start, closeAfter } = serverPerTest();

async function setup(route: RouteFn) {
  const { server, peer } = await start(route);
  return { s: server, p: peer };
}

const avp = compilePv('$avp(seen)', { dialect: 'K3' });
const counter = compilePv('$var(count)', { dialect: 'K3' });

describe('request route outcomes', () => {
  it('answers 500 when the route throws with a transaction pending, and nothing when there is none', async () => {
    const { s, p } = await setup(async (ctx) => {
      if (ctx.msg.callId === 'e-tx') t_newtran(ctx);
      if (ctx.msg.callId === 'e-ok') return sl_send_reply(ctx, 200, 'OK');
      await Promise.resolve();
      throw new Error('boom');
    });
    p.send(request(p, s.port, { callId: 'e-tx' }), s.port);
    const reply = await within(p.next(responseTo('e-tx')), '500');
    expect(reply.status).toBe(500);
    p.send(request(p, s.port, { callId: 'e-none' }), s.port);
    p.send(request(p, s.port, { callId: 'e-ok' }), s.port);
    // The server keeps serving; the request without a transaction got no reply (loopback keeps order).
    await within(p.next(responseTo('e-ok', 200)), '200 after the failures');
    expect(p.count(responseTo('e-none'))).toBe(0);
    expect(s.logs.some((l) => l.includes('boom'))).toBe(true);
  });

  it('exit and drop end the script silently; a reply sent before exit goes out', async () => {
    const { s, p } = await setup((ctx) => {
      if (ctx.msg.callId === 'x-exit') {
        sl_send_reply(ctx, 202, 'Accepted');
        throw EXIT;
      }
      if (ctx.msg.callId === 'x-drop') throw DROP;
      return sl_send_reply(ctx, 200, 'OK');
    });
    p.send(request(p, s.port, { callId: 'x-exit' }), s.port);
    p.send(request(p, s.port, { callId: 'x-drop' }), s.port);
    p.send(request(p, s.port, { callId: 'x-after' }), s.port);
    await within(p.next(responseTo('x-after', 200)), '200');
    expect(p.count(responseTo('x-exit', 202))).toBe(1);
    expect(p.count(responseTo('x-drop'))).toBe(0);
    expect(s.logs.filter((l) => l.includes('ERROR'))).toEqual([]);
  });

  it('gives every message fresh flags and AVPs while $var stays per process', async () => {
    const seen: unknown[] = [];
    const { s, p } = await setup((ctx) => {
      seen.push(isflagset(ctx, 1), avp.get(ctx), counter.get(ctx));
      setflag(ctx, 1);
      avp.set(ctx, 'x');
      counter.set(ctx, Number(counter.get(ctx)) + 1);
      return sl_send_reply(ctx, 200, 'OK');
    });
    p.send(request(p, s.port, { callId: 'v-1' }), s.port);
    await within(p.next(responseTo('v-1', 200)), 'first 200');
    p.send(request(p, s.port, { callId: 'v-2' }), s.port);
    await within(p.next(responseTo('v-2', 200)), 'second 200');
    expect(seen).toEqual([-1, null, 0, -1, null, 1]);
  });
});

const script: CompiledScript = {
  dialect: 'O1',
  modparams: { tm: { fr_timer: 10 } },
  routes: { request: () => 1 },
};

describe('modparams', () => {
  it('reads tm timers in the dialect unit and converts them to milliseconds', () => {
    expect(tmConfig(script).frTimer).toBe(10_000);
    expect(tmConfig({ ...script, dialect: 'K3', modparams: { tm: { fr_timer: 300 } } }).frTimer).toBe(300);
    // Defaults come from the descriptor: 120 s (O1) / 120000 ms (K3).
    expect(tmConfig(script).frInvTimer).toBe(120_000);
    expect(tmConfig({ ...script, dialect: 'K3', modparams: {} }).frInvTimer).toBe(120_000);
  });

  it('applies -m overrides typed by the descriptor and rejects unknown or ill-typed ones', () => {
    const next = applyModparamOverrides(script, ['tm.fr_timer=3', 'msilo.db_url=sqlite:///tmp/x.db']);
    expect(next.modparams?.tm?.fr_timer).toBe(3);
    expect(next.modparams?.msilo?.db_url).toBe('sqlite:///tmp/x.db');
    expect(script.modparams?.tm?.fr_timer).toBe(10);
    expect(() => applyModparamOverrides(script, ['tm.fr_timer=soon'])).toThrow(ModparamError);
    expect(() => applyModparamOverrides(script, ['nosuch.x=1'])).toThrow(/unknown module/);
    expect(() => applyModparamOverrides(script, ['tm.nosuch=1'])).toThrow(/no parameter/);
    expect(() => applyModparamOverrides(script, ['fr_timer=1'])).toThrow(/module.param=value/);
  });
});

describe('runMain', () => {
  it('parses -l, -m and --log-level', () => {
    expect(
      parseMainArgs([
        '-l',
        'udp:127.0.0.1:0',
        '-l',
        'tcp:127.0.0.1:0',
        '-m',
        'tm.fr_timer=1',
        '--log-level',
        'debug',
      ]),
    ).toEqual({
      listen: ['udp:127.0.0.1:0', 'tcp:127.0.0.1:0'],
      modparams: ['tm.fr_timer=1'],
      logLevel: 3,
    });
    expect(() => parseMainArgs(['--nope'])).toThrow(UsageError);
    expect(() => parseMainArgs(['--log-level', 'loud'])).toThrow(UsageError);
  });

  it('exits 2 on a bad command line', async () => {
    const codes: number[] = [];
    const out: string[] = [];
    const r = await runMain(script, {
      argv: ['-m', 'tm.fr_timer=x'],
      exit: (c) => codes.push(c),
      stderr: (t) => out.push(t),
    });
    expect(r).toBeUndefined();
    expect(codes).toEqual([2]);
    expect(out.join('')).toMatch(/integer/);
  });

  it('serves until SIGTERM, then closes and exits 0', async () => {
    const signals = new EventEmitter();
    const exited = new Promise<number>((resolve) => {
      void runMain(
        { ...script, routes: { request: (ctx) => sl_send_reply(ctx, 200, 'OK') } },
        {
          argv: ['-l', 'udp:127.0.0.1:0', '--log-level', 'error'],
          exit: resolve,
          stderr: () => {},
          signals,
        },
      ).then(async (running) => {
        if (!running) return;
        const peer = closeAfter(await UdpPeer.open());
        const port = running.addresses[0]!.port;
        peer.send(request(peer, port, { callId: 'main-1' }), port);
        await within(peer.next(responseTo('main-1', 200)), '200 from runMain server');
        signals.emit('SIGTERM');
      });
    });
    expect(await within(exited, 'exit after SIGTERM')).toBe(0);
  });
});

describe('TCP', () => {
  it('runs the script for a request over TCP and answers on the same connection', async () => {
    const net = await import('node:net');
    const running = await startServer(
      { dialect: 'K3', routes: { request: (ctx) => sl_send_reply(ctx, 200, ctx.rcv.proto) } },
      { listen: ['tcp:127.0.0.1:0'], logLevel: -1 },
    );
    try {
      const port = running.addresses[0]!.port;
      const socket = net.connect(port, '127.0.0.1');
      await within(new Promise((r) => socket.once('connect', r)), 'TCP connect');
      const data = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes('\r\n\r\n')) resolve(text);
        });
      });
      const local = socket.localPort ?? 0;
      socket.write(
        [
          `OPTIONS sip:127.0.0.1:${port};transport=tcp SIP/2.0`,
          `Via: SIP/2.0/TCP 127.0.0.1:${local};branch=z9hG4bK-tcp1`,
          'From: <sip:alice@127.0.0.1>;tag=t1',
          'To: <sip:127.0.0.1>',
          'Call-ID: tcp-1@test',
          'CSeq: 1 OPTIONS',
          'Max-Forwards: 70',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
      const reply = await within(data, 'reply over TCP');
      expect(reply.startsWith('SIP/2.0 200 tcp\r\n')).toBe(true);
      socket.destroy();
    } finally {
      await running.close();
    }
  });
});
