// Issue 4 "must show": two engine instances sharing one MariaDB with usrloc db_mode 3 — a contact
// registered through one is found by lookup() in the other (the MESSAGE sent to the second server
// reaches the user agent that registered through the first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../runtime/index.js';
import { startMariaDb, type MariaDbServer } from '../support/mariadb.js';
import { describeSipp, SiloView, uac, uas } from './helpers.js';
import { msiloOpensipsScript } from './msilo-opensips-script.js';

describe('usrloc db_mode 3 shared by two servers on one MariaDB', () => {
  let db: MariaDbServer;
  let first: RunningServer;
  let second: RunningServer;
  let silo: SiloView;

  beforeAll(async () => {
    db = await startMariaDb();
    const script = msiloOpensipsScript(db.url, { usrloc: { db_mode: 3, db_url: db.url } });
    first = await startServer(script, { listen: ['udp:127.0.0.1:0'], logLevel: -1 });
    second = await startServer(script, { listen: ['udp:127.0.0.1:0'], logLevel: -1 });
    silo = await SiloView.open(db.url);
  }, 120_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await silo?.close();
    await db?.dispose();
  }, 60_000);

  it('finds through the second server a contact registered through the first', async () => {
    const firstPort = first.addresses[0]!.port;
    const secondPort = second.addresses[0]!.port;
    const alice = await uas('uas-live-200');
    await alice.ready;
    const reg = await uac('register-uac', firstPort, {
      user: 'alice',
      contact_port: String(alice.localPort),
    });
    expect(reg.exitCode, describeSipp(reg)).toBe(0);

    // The second server never saw the REGISTER: only the shared location table can route this.
    const relayed = await uac('message-uac-200', secondPort, { from: 'bob', to: 'alice' });
    expect(relayed.exitCode, describeSipp(relayed)).toBe(0);
    const answered = await alice.done;
    expect(answered.exitCode, describeSipp(answered)).toBe(0);
    expect(await silo.count('alice', '127.0.0.1')).toBe(0);
  }, 120_000);
});
