// configs/msilo.cfg (Kamailio dialect) hand-written as generated code, on SQLite over real UDP with
// SIPp: store for an offline user, delivery with the offline prefix on REGISTER, and the
// failure route storing after a 405.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../runtime/index.js';
import { describeSipp, SiloView, uac, uas, waitFor } from './helpers.js';
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
    const port = server.addresses[0]!.port;
    const stored = await uac('message-uac-202', port, { from: 'alice', to: 'bob' });
    expect(stored.exitCode, describeSipp(stored)).toBe(0);
    expect(await silo.count('bob', '127.0.0.1')).toBe(1);

    const bob = await uas('uas-offline-200');
    await bob.ready;
    const reg = await uac('register-uac', port, { user: 'bob', contact_port: String(bob.localPort) });
    expect(reg.exitCode, describeSipp(reg)).toBe(0);
    const delivered = await bob.done;
    expect(delivered.exitCode, describeSipp(delivered)).toBe(0);
    await waitFor(
      'the delivered row to be deleted',
      async () => (await silo.count('bob', '127.0.0.1')) === 0,
    );

    const carol = await uas('uas-reject-405');
    await carol.ready;
    const carolReg = await uac('register-uac', port, {
      user: 'carol',
      contact_port: String(carol.localPort),
    });
    expect(carolReg.exitCode, describeSipp(carolReg)).toBe(0);
    const viaFailure = await uac('message-uac-202', port, { from: 'alice', to: 'carol' });
    expect(viaFailure.exitCode, describeSipp(viaFailure)).toBe(0);
    expect((await carol.done).exitCode).toBe(0);
    expect(await silo.count('carol', '127.0.0.1')).toBe(1);
  }, 120_000);
});
