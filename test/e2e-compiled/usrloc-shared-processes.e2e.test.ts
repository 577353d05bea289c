// Issue 4 must-show, with real processes: two serc processes (the compiled msilo-opensips.cfg bundle,
// run twice as child processes) share one MariaDB with usrloc db_mode 3 — a contact registered
// through one is found by lookup() in the other, so a MESSAGE sent to the second process reaches
// the user agent that registered through the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMariaDb, type MariaDbServer } from '../support/mariadb.js';
import { describeSipp, SiloView, uac, uas } from '../e2e/helpers.js';
import { compileToBundle, startBundle, type BundleProcess, type CompiledBundle } from './bundle-process.js';

describe('two serc processes sharing usrloc db_mode 3 on one MariaDB', () => {
  let db: MariaDbServer;
  let bundle: CompiledBundle;
  let first: BundleProcess;
  let second: BundleProcess;
  let silo: SiloView;

  beforeAll(async () => {
    db = await startMariaDb();
    bundle = await compileToBundle('configs/msilo-opensips.cfg');
    const args = [
      '-l',
      'udp:127.0.0.1:0',
      '-m',
      `msilo.db_url=${db.url}`,
      '-m',
      'usrloc.db_mode=3',
      '-m',
      `usrloc.db_url=${db.url}`,
    ];
    first = await startBundle(bundle.path, args);
    second = await startBundle(bundle.path, args);
    silo = await SiloView.open(db.url);
  }, 180_000);

  afterAll(async () => {
    const codes = [await first?.stop(), await second?.stop()];
    await silo?.close();
    await db?.dispose();
    bundle?.dispose();
    expect(codes).toEqual([0, 0]);
  }, 60_000);

  it('routes through the second process to a contact registered through the first', async () => {
    const alice = await uas('uas-live-200');
    await alice.ready;
    const reg = await uac('register-uac', first.port, {
      user: 'alice',
      contact_port: String(alice.localPort),
    });
    expect(reg.exitCode, describeSipp(reg)).toBe(0);

    // The second process never saw the REGISTER: only the shared location table can route this.
    const relayed = await uac('message-uac-200', second.port, { from: 'bob', to: 'alice' });
    expect(relayed.exitCode, `${describeSipp(relayed)}\n${second.output()}`).toBe(0);
    const answered = await alice.done;
    expect(answered.exitCode, describeSipp(answered)).toBe(0);
    expect(await silo.count('alice', '127.0.0.1')).toBe(0);
  }, 120_000);
});
