// Issue 4 "must show": the msilo-opensips.cfg flow, hand-written as generated code, served by the
// engine over real UDP on 127.0.0.1 with SIPp as the clients and as the registered user agents, once
// on SQLite and once on a private MariaDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../runtime/index.js';
import { startMariaDb, type MariaDbServer } from '../support/mariadb.js';
import { describeSipp, SiloView, uac, uas, waitFor } from './helpers.js';
import { msiloOpensipsScript } from './msilo-opensips-script.js';

interface Backend {
  url: string;
  /** Makes the database unusable for the server ("stopped"). */
  stop(): Promise<void>;
  /** Makes it usable again. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** SQLite "stops" when another connection holds the write lock (SQLITE_BUSY after busy_timeout). */
function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'serc-e2e-'));
  const file = join(dir, 'serc.db');
  let locker: Sqlite.Database | undefined;
  return {
    url: `sqlite://${file}`,
    stop: () => {
      locker = new Sqlite(file);
      locker.exec('BEGIN EXCLUSIVE');
      return Promise.resolve();
    },
    start: () => {
      locker?.exec('COMMIT');
      locker?.close();
      locker = undefined;
      return Promise.resolve();
    },
    dispose: () => {
      locker?.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function mariaBackend(db: MariaDbServer): Backend {
  return { url: db.url, stop: () => db.stop(), start: () => db.start(), dispose: () => db.dispose() };
}

const backends: [string, () => Promise<Backend>][] = [
  ['SQLite', () => Promise.resolve(sqliteBackend())],
  ['MariaDB', async () => mariaBackend(await startMariaDb())],
];

describe.each(backends)('msilo-opensips.cfg end to end on %s', (_name, makeBackend) => {
  let backend: Backend;
  let server: RunningServer;
  let silo: SiloView;
  let port: number;
  const domain = '127.0.0.1';

  beforeAll(async () => {
    backend = await makeBackend();
    server = await startServer(msiloOpensipsScript(backend.url), {
      listen: ['udp:127.0.0.1:0'],
      logLevel: -1,
    });
    port = server.addresses[0]!.port;
    silo = await SiloView.open(backend.url);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await silo?.close();
    await backend?.dispose();
  }, 60_000);

  it('registers, stores, delivers on REGISTER, relays, stores after 405, and answers 503 while the database is down', async () => {
    // REGISTER → 200 listing the contact.
    const reg = await uac('register-uac', port, { user: 'alice', contact_port: '5999' });
    expect(reg.exitCode, describeSipp(reg)).toBe(0);

    // MESSAGE to an unregistered user → 202 and exactly one silo row.
    const stored = await uac('message-uac-202', port, { from: 'alice', to: 'bob' });
    expect(stored.exitCode, describeSipp(stored)).toBe(0);
    expect(await silo.count('bob', domain)).toBe(1);

    // bob registers → the stored MESSAGE arrives at his contact with the prefix; his 200 deletes the row.
    const bobOffline = await uas('uas-offline-200');
    await bobOffline.ready;
    const bobReg = await uac('register-uac', port, {
      user: 'bob',
      contact_port: String(bobOffline.localPort),
    });
    expect(bobReg.exitCode, describeSipp(bobReg)).toBe(0);
    const delivered = await bobOffline.done;
    expect(delivered.exitCode, describeSipp(delivered)).toBe(0);
    await waitFor('the delivered row to be deleted', async () => (await silo.count('bob', domain)) === 0);

    // MESSAGE to a registered user → relayed (the 200 comes from bob's user agent).
    const bobLive = await uas('uas-live-200');
    await bobLive.ready;
    const bobReg2 = await uac('register-uac', port, { user: 'bob', contact_port: String(bobLive.localPort) });
    expect(bobReg2.exitCode, describeSipp(bobReg2)).toBe(0);
    const relayed = await uac('message-uac-200', port, { from: 'alice', to: 'bob' });
    expect(relayed.exitCode, describeSipp(relayed)).toBe(0);
    const live = await bobLive.done;
    expect(live.exitCode, describeSipp(live)).toBe(0);
    expect(await silo.count('bob', domain)).toBe(0);

    // A user agent that answers 405 → failure_route[1] → stored → 202.
    const carol = await uas('uas-reject-405');
    await carol.ready;
    const carolReg = await uac('register-uac', port, {
      user: 'carol',
      contact_port: String(carol.localPort),
    });
    expect(carolReg.exitCode, describeSipp(carolReg)).toBe(0);
    const viaFailure = await uac('message-uac-202', port, { from: 'alice', to: 'carol' });
    expect(viaFailure.exitCode, describeSipp(viaFailure)).toBe(0);
    const rejected = await carol.done;
    expect(rejected.exitCode, describeSipp(rejected)).toBe(0);
    expect(await silo.count('carol', domain)).toBe(1);

    // Database stopped → 503; back → 202 again.
    await backend.stop();
    try {
      const down = await uac('message-uac-503', port, { from: 'alice', to: 'dave' });
      expect(down.exitCode, describeSipp(down)).toBe(0);
    } finally {
      await backend.start();
    }
    const back = await uac('message-uac-202', port, { from: 'alice', to: 'dave' });
    expect(back.exitCode, describeSipp(back)).toBe(0);
    expect(await silo.count('dave', domain)).toBe(1);
  }, 180_000);
});
