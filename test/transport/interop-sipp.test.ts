// Interop: the real SIPp runs UAC scenarios against the test server built on our layers.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendLocalRequest, type LocalRequestOutcome } from '../../runtime/core/transaction/index.js';
import { runSipp, sippAvailable, startSipp } from '../support/sipp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const scenario = (name: string): string =>
  fileURLToPath(new URL(`../support/scenarios/${name}`, import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('SIPp against the test server', () => {
  it('has SIPp installed', () => {
    expect(sippAvailable()).toBe(true);
  });

  it('OPTIONS over UDP gets 200 (SIPp exits 0)', async () => {
    const result = await runSipp({
      scenario: scenario('options-uac.xml'),
      remote: { host: '127.0.0.1', port: server.udpPort },
      calls: 3,
      timeoutSeconds: 20,
    });
    expect(result.exitCode, result.log + result.errors).toBe(0);
    expect(result.successfulCalls).toBe(3);
  });

  it('OPTIONS over TCP gets 200 (SIPp exits 0)', async () => {
    const result = await runSipp({
      scenario: scenario('options-uac.xml'),
      transport: 'tcp',
      remote: { host: '127.0.0.1', port: server.tcpPort },
      timeoutSeconds: 20,
    });
    expect(result.exitCode, result.log + result.errors).toBe(0);
    expect(result.successfulCalls).toBe(1);
  });

  it('REGISTER then MESSAGE to an offline user (from -inf rows): 200 then 202, message kept', async () => {
    const result = await runSipp({
      scenario: scenario('register-message-uac.xml'),
      remote: { host: '127.0.0.1', port: server.udpPort },
      inf: { rows: [['alice', 'bob', '127.0.0.1']] },
      timeoutSeconds: 20,
    });
    expect(result.exitCode, result.log + result.errors).toBe(0);
    expect(result.successfulCalls).toBe(1);
    expect(server.registrations.get('alice@127.0.0.1')?.length).toBe(1);
    const kept = server.stored.find((m) => m.to === 'sip:bob@127.0.0.1');
    expect(kept?.from).toBe('sip:alice@127.0.0.1');
    expect(kept?.body.trim()).toBe('hello from sipp');
  });

  it('REGISTER then MESSAGE over TCP: 200 then 202', async () => {
    const result = await runSipp({
      scenario: scenario('register-message-uac.xml'),
      transport: 'tcp',
      remote: { host: '127.0.0.1', port: server.tcpPort },
      inf: { rows: [['frank', 'grace', '127.0.0.1']] },
      timeoutSeconds: 20,
    });
    expect(result.exitCode, result.log + result.errors).toBe(0);
    expect(server.registrations.get('frank@127.0.0.1')?.[0]?.contact.toLowerCase()).toContain(
      'transport=tcp',
    );
    expect(server.stored.some((m) => m.to === 'sip:grace@127.0.0.1')).toBe(true);
  });

  it('REGISTER then MESSAGE to a user registered at a SIPp UAS: relayed statefully, 200 end to end', async () => {
    const uas = await startSipp({ scenario: scenario('answer-uas.xml'), timeoutSeconds: 20 });
    await uas.ready;
    server.registrations.set('dave@127.0.0.1', [
      { contact: `sip:dave@127.0.0.1:${uas.localPort}`, expiresAt: Date.now() + 60_000 },
    ]);
    const uac = await runSipp({
      scenario: scenario('register-message-uac.xml'),
      remote: { host: '127.0.0.1', port: server.udpPort },
      inf: { rows: [['erin', 'dave', '127.0.0.1']] },
      timeoutSeconds: 20,
    });
    const callee = await uas.done;
    expect(uac.exitCode, uac.log + uac.errors).toBe(0);
    expect(callee.exitCode, callee.log + callee.errors).toBe(0);
    expect(server.stored.some((m) => m.to === 'sip:dave@127.0.0.1')).toBe(false);
  });

  it('our UAC sends a MESSAGE to a SIPp UAS and gets its 200', async () => {
    const uas = await startSipp({ scenario: scenario('answer-uas.xml'), timeoutSeconds: 20 });
    await uas.ready;
    const target = `sip:uas@127.0.0.1:${uas.localPort}`;
    const outcome = await new Promise<LocalRequestOutcome>((resolve) =>
      sendLocalRequest(
        server.stack.transactions,
        server.stack.local,
        {
          method: 'MESSAGE',
          uri: target,
          from: 'sip:silo@127.0.0.1',
          to: target,
          body: 'stored',
          contentType: 'text/plain',
        },
        resolve,
      ),
    );
    const result = await uas.done;
    expect(outcome.status).toBe(200);
    expect(result.exitCode, result.log + result.errors).toBe(0);
  });
});
