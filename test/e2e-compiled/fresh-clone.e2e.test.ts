// Issue 5 must-show: a fresh clone works as the README says. Clone the committed repository to a
// temporary folder, run `npm ci` there (the npm cache makes it mostly offline), then
// `serc run configs/msilo.cfg` and register a user with SIPp.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SERC_ROOT } from '../../compiler/generate/paths.js';
import { describeSipp, uac } from '../e2e/helpers.js';
import { startListeningProcess } from './bundle-process.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'serc-fresh-clone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a fresh clone', () => {
  it(
    'installs with npm ci, runs configs/msilo.cfg with serc run, and answers a REGISTER',
    async () => {
      const clone = join(dir, 'serc');
      await run('git', ['clone', '--quiet', SERC_ROOT, clone], { timeout: 120_000 });
      await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
        cwd: clone,
        timeout: 12 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });

      const db = join(dir, 'msilo.db');
      const server = await startListeningProcess(
        [
          join(clone, 'bin', 'serc.mjs'),
          'run',
          'configs/msilo.cfg',
          '-l',
          'udp:127.0.0.1:0',
          '-m',
          `msilo.db_url=sqlite://${db}`,
        ],
        { cwd: clone, timeoutMs: 120_000, what: 'serc run' },
      );
      let code: number | null;
      try {
        const reg = await uac('register-uac', server.port, { user: 'alice', contact_port: '5999' });
        expect(reg.exitCode, describeSipp(reg) + server.output()).toBe(0);
      } finally {
        code = await server.stop();
      }
      expect(code).toBe(0);
    },
    20 * 60_000,
  );
});
