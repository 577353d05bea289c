// configs/msilo.cfg (Kamailio dialect) hand-written as generated code, on SQLite over real UDP with
// SIPp: store for an offline user, delivery with the offline prefix on REGISTER, and the
// failure route storing after a 405.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startServer, type RunningServer } from '../../runtime/index.js';
import { MsiloFlow, SiloView } from './helpers.js';
import { msiloKamailioScript } from './msilo-kamailio-script.js';

describe('configs/msilo.cfg end to end on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serc-e2e-k-'));
  const url = `sqlite://${join(dir, 'msilo.db')}`;
  let server: RunningServer;
  let silo: SiloView;

  beforeAll(async () => {
    server = await startServer(msiloKamailioScript(url), { listen: ['udp:127.0.0.1:0'], logLevel: -1 });
    silo = await SiloView.open(url);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await silo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores, delivers on REGISTER and stores after a 405', async () => {
    const flow = new MsiloFlow(server.addresses[0]!.port, silo, '127.0.0.1');
    await flow.storesForOffline('alice', 'bob');
    await flow.deliversOnRegister('bob');
    await flow.storesAfter405('alice', 'carol');
  }, 120_000);
});
