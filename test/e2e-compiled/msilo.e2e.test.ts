// Issue 5 must-show: the compiled msilo scripts serve the msilo flow over real UDP, each bundle a
// child process and SIPp the clients and user agents: msilo-opensips.cfg on MariaDB (db_url given
// with -m), configs/msilo.cfg on SQLite, and the SER dialect msilo-ser.cfg.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMariaDb, type MariaDbServer } from '../support/mariadb.js';
import { describeSipp, SiloView, uac, uas, waitFor } from '../e2e/helpers.js';
import { compileToBundle, startBundle, type BundleProcess, type CompiledBundle } from './bundle-process.js';

interface Case {
  cfg: string;
  backend: () => Promise<{ url: string; dispose(): Promise<void> }>;
}

function sqlite(): Promise<{ url: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'serc-e2e-compiled-'));
  return Promise.resolve({
    url: `sqlite://${join(dir, 'msilo.db')}`,
    dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
}

async function maria(): Promise<{ url: string; dispose(): Promise<void> }> {
  const db: MariaDbServer = await startMariaDb();
  return { url: db.url, dispose: () => db.dispose() };
}

const CASES: [string, Case][] = [
  ['msilo-opensips.cfg on MariaDB', { cfg: 'configs/msilo-opensips.cfg', backend: maria }],
  ['msilo.cfg on SQLite', { cfg: 'configs/msilo.cfg', backend: sqlite }],
  ['msilo-ser.cfg (SER dialect) on SQLite', { cfg: 'configs/msilo-ser.cfg', backend: sqlite }],
];

describe.each(CASES)('compiled %s', (_name, c) => {
  let backend: { url: string; dispose(): Promise<void> };
  let bundle: CompiledBundle;
  let server: BundleProcess;
  let silo: SiloView;
  const domain = '127.0.0.1';

  beforeAll(async () => {
    backend = await c.backend();
    bundle = await compileToBundle(c.cfg);
    server = await startBundle(bundle.path, ['-l', 'udp:127.0.0.1:0', '-m', `msilo.db_url=${backend.url}`]);
    silo = await SiloView.open(backend.url);
  }, 180_000);

  afterAll(async () => {
    const code = await server?.stop();
    await silo?.close();
    await backend?.dispose();
    bundle?.dispose();
    expect(code).toBe(0);
  }, 60_000);

  it('registers, stores for offline users, delivers on REGISTER, relays to online users, stores after 405', async () => {
    const port = server.port;
    const reg = await uac('register-uac', port, { user: 'alice', contact_port: '5999' });
    expect(reg.exitCode, describeSipp(reg) + server.output()).toBe(0);

    const stored = await uac('message-uac-202', port, { from: 'alice', to: 'bob' });
    expect(stored.exitCode, describeSipp(stored) + server.output()).toBe(0);
    expect(await silo.count('bob', domain)).toBe(1);

    const bobOffline = await uas('uas-offline-200');
    await bobOffline.ready;
    const bobReg = await uac('register-uac', port, {
      user: 'bob',
      contact_port: String(bobOffline.localPort),
    });
    expect(bobReg.exitCode, describeSipp(bobReg)).toBe(0);
    const delivered = await bobOffline.done;
    expect(delivered.exitCode, describeSipp(delivered) + server.output()).toBe(0);
    await waitFor('the delivered row to be deleted', async () => (await silo.count('bob', domain)) === 0);

    const bobLive = await uas('uas-live-200');
    await bobLive.ready;
    const bobReg2 = await uac('register-uac', port, { user: 'bob', contact_port: String(bobLive.localPort) });
    expect(bobReg2.exitCode, describeSipp(bobReg2)).toBe(0);
    const relayed = await uac('message-uac-200', port, { from: 'alice', to: 'bob' });
    expect(relayed.exitCode, describeSipp(relayed) + server.output()).toBe(0);
    expect((await bobLive.done).exitCode).toBe(0);
    expect(await silo.count('bob', domain)).toBe(0);

    const carol = await uas('uas-reject-405');
    await carol.ready;
    const carolReg = await uac('register-uac', port, {
      user: 'carol',
      contact_port: String(carol.localPort),
    });
    expect(carolReg.exitCode, describeSipp(carolReg)).toBe(0);
    const viaFailure = await uac('message-uac-202', port, { from: 'alice', to: 'carol' });
    expect(viaFailure.exitCode, describeSipp(viaFailure) + server.output()).toBe(0);
    expect((await carol.done).exitCode).toBe(0);
    expect(await silo.count('carol', domain)).toBe(1);
  }, 180_000);
});
