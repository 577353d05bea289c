// The SER 2001 rule table compiled and run as a bundle over real UDP on 127.0.0.1: the first rule
// whose method and URI regexes match forwards the request statelessly (our Via on top), the next
// hop's reply returns to the client, and a request no rule matches goes nowhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScratchDir } from '../compile/helpers.js';
import { UdpPeer, request, requestWith, responseTo, within } from '../engine/support.js';
import { compileToBundle, startBundle, type BundleProcess, type CompiledBundle } from './bundle-process.js';

describe('compiled SER 2001 rule table', () => {
  const scratch = new ScratchDir();
  let client: UdpPeer;
  let first: UdpPeer;
  let second: UdpPeer;
  let bundle: CompiledBundle;
  let server: BundleProcess;

  beforeAll(async () => {
    [client, first, second] = await Promise.all([UdpPeer.open(), UdpPeer.open(), UdpPeer.open()]);
    const table = [
      '# format: method_re uri_re dest_host',
      `^MESS      ^sip:bob@      127.0.0.1:${first.port}`,
      `.*         ^sip:bob@      127.0.0.1:${second.port}   # shadowed for MESSAGE by the rule above`,
      `^OPTIONS   .*             127.0.0.1:${second.port}`,
      '',
    ].join('\n');
    bundle = await compileToBundle(scratch.write('rules.cfg', table));
    server = await startBundle(bundle.path, ['-l', 'udp:127.0.0.1:0']);
  }, 180_000);

  afterAll(async () => {
    const code = await server?.stop();
    bundle?.dispose();
    scratch.dispose();
    for (const p of [client, first, second]) p?.close();
    expect(code).toBe(0);
  }, 60_000);

  it('forwards on the first matching rule, and the reply comes back statelessly', async () => {
    client.send(request(client, server.port, { callId: 'rule-1' }), server.port);
    const got = await within(first.next(requestWith('MESSAGE', 'rule-1')), 'the MESSAGE at rule 1');
    expect(got.vias).toHaveLength(2);
    expect(got.vias[0]!.port).toBe(server.port);
    expect(got.vias[1]!.port).toBe(client.port);
    expect(got.maxForwards).toBe(69);
    first.reply(got, 200, 'OK');
    const reply = await within(client.next(responseTo('rule-1', 200)), 'the 200 at the client');
    expect(reply.vias).toHaveLength(1);
    expect(second.count(requestWith('MESSAGE', 'rule-1'))).toBe(0);
  });

  it('uses a later rule when the first does not match, and forwards nothing when none does', async () => {
    client.send(
      request(client, server.port, { method: 'INFO', callId: 'rule-none', uri: 'sip:carol@127.0.0.1' }),
      server.port,
    );
    client.send(request(client, server.port, { method: 'OPTIONS', callId: 'rule-3' }), server.port);
    await within(second.next(requestWith('OPTIONS', 'rule-3')), 'the OPTIONS at rule 3');
    // A MESSAGE after them reaches the first peer too: each peer has now received, in order,
    // anything the server sent it for the INFO.
    client.send(request(client, server.port, { callId: 'rule-fence' }), server.port);
    await within(first.next(requestWith('MESSAGE', 'rule-fence')), 'the fence MESSAGE at rule 1');
    expect(
      first.count(requestWith('INFO', 'rule-none')) + second.count(requestWith('INFO', 'rule-none')),
    ).toBe(0);
  });
});
