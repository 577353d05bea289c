// Issue 5 must-show: the compiled SER 0.8.8 script registers a user agent and routes an INVITE
// dialog (INVITE/180/200, ACK, BYE/200) between two SIPp user agents over real UDP.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSipp, uac } from '../e2e/helpers.js';
import { runSipp, startSipp } from '../support/sipp.js';
import { compileToBundle, startBundle, type BundleProcess, type CompiledBundle } from './bundle-process.js';

const SCENARIOS = join(fileURLToPath(new URL('.', import.meta.url)), 'scenarios');

describe('compiled ser-0.8.8.cfg', () => {
  let bundle: CompiledBundle;
  let server: BundleProcess;

  beforeAll(async () => {
    bundle = await compileToBundle('configs/ser-0.8.8.cfg');
    server = await startBundle(bundle.path, ['-l', 'udp:127.0.0.1:0']);
  }, 180_000);

  afterAll(async () => {
    const code = await server?.stop();
    bundle?.dispose();
    expect(code).toBe(0);
  }, 60_000);

  it('registers the callee and routes the caller INVITE, ACK and BYE to it', async () => {
    const callee = await startSipp({ scenario: join(SCENARIOS, 'invite-uas.xml'), timeoutSeconds: 40 });
    await callee.ready;
    const reg = await uac('register-uac', server.port, {
      user: 'callee',
      contact_port: String(callee.localPort),
    });
    expect(reg.exitCode, describeSipp(reg) + server.output()).toBe(0);
    const caller = await runSipp({
      scenario: join(SCENARIOS, 'invite-uac.xml'),
      remote: { host: '127.0.0.1', port: server.port },
      keys: { callee: 'callee' },
      timeoutSeconds: 30,
    });
    expect(caller.exitCode, describeSipp(caller) + server.output()).toBe(0);
    const answered = await callee.done;
    expect(answered.exitCode, describeSipp(answered)).toBe(0);
  }, 120_000);
});
