// Issue 5 must-show: the compiled msilo scripts serve the msilo flow over real UDP, each bundle a
// child process and SIPp the clients and user agents: msilo-opensips.cfg on MariaDB (db_url given
// with -m), configs/msilo.cfg on SQLite, and the SER dialect msilo-ser.cfg.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMariaDb, type MariaDbServer } from '../support/mariadb.js';
import { MsiloFlow, SiloView } from '../e2e/helpers.js';
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
    const flow = new MsiloFlow(server.port, silo, domain, () => server.output());
    await flow.register('alice', 5999);
    await flow.storesForOffline('alice', 'bob');
    await flow.deliversOnRegister('bob');
    await flow.relaysToOnline('alice', 'bob');
    await flow.storesAfter405('alice', 'carol');
  }, 180_000);
});
