// The SIPp helper itself: a SIPp UAS answers a SIPp UAC, both driven through test/support/sipp.ts.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSipp, sippAvailable, startSipp } from '../support/sipp.js';

const scenario = (name: string): string =>
  fileURLToPath(new URL(`../support/scenarios/${name}`, import.meta.url));

describe('SIPp helper', () => {
  it('finds the SIPp binary (scripts/setup installs sip-tester)', () => {
    expect(sippAvailable()).toBe(true);
  });

  it('runs a UAS scenario and a UAC scenario against it, returning exit codes and stats', async () => {
    const uas = await startSipp({ scenario: scenario('answer-uas.xml'), timeoutSeconds: 20 });
    await uas.ready;
    const uac = await runSipp({
      scenario: scenario('options-uac.xml'),
      remote: { host: '127.0.0.1', port: uas.localPort },
      service: 'ping',
      timeoutSeconds: 20,
    });
    const server = await uas.done;
    expect(uac.exitCode, uac.log + uac.errors).toBe(0);
    expect(uac.successfulCalls).toBe(1);
    expect(server.exitCode, server.log + server.errors).toBe(0);
    expect(server.successfulCalls).toBe(1);
  });

  it('reports a failure (non-zero exit, error log) when nobody answers', async () => {
    const silent = await startSipp({ scenario: scenario('answer-uas.xml'), timeoutSeconds: 3, calls: 1 });
    await silent.ready;
    silent.stop();
    await silent.done;
    const uac = await runSipp({
      scenario: scenario('options-uac.xml'),
      remote: { host: '127.0.0.1', port: silent.localPort },
      timeoutSeconds: 2,
    });
    expect(uac.exitCode).not.toBe(0);
    expect(uac.successfulCalls).toBe(0);
  });
});
