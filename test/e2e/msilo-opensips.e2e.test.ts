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
import { describeSipp, MsiloFlow, SiloView, uac } from './helpers.js';
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
    const flow = new MsiloFlow(port, silo, domain);
    await flow.register('alice', 5999);
    await flow.storesForOffline('alice', 'bob');
    await flow.deliversOnRegister('bob');
    await flow.relaysToOnline('alice', 'bob');
    // A user agent that answers 405 → failure_route[1] → stored → 202.
    await flow.storesAfter405('alice', 'carol');

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
