// Shared pieces of the end-to-end tests: SIPp runs against a started server, bounded waits for
// outcomes (rows appearing or disappearing), and a direct view of the silo table.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openDatabase, type Database, type SiloStore } from '../../runtime/db/index.js';
import { runSipp, startSipp, type SippResult, type SippRun } from '../support/sipp.js';

export const SCENARIOS = join(fileURLToPath(new URL('.', import.meta.url)), 'scenarios');

export function scenario(name: string): string {
  return join(SCENARIOS, `${name}.xml`);
}

/** Polls `check` until it returns true; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function describeSipp(r: SippResult): string {
  return `sipp exit ${r.exitCode}\n${r.errors}\n${r.log.slice(-2000)}`;
}

/** A UAC scenario against the server; resolves with SIPp's result. */
export function uac(
  name: string,
  serverPort: number,
  keys: Record<string, string>,
  timeoutSeconds = 30,
): Promise<SippResult> {
  return runSipp({
    scenario: scenario(name),
    remote: { host: '127.0.0.1', port: serverPort },
    keys,
    timeoutSeconds,
  });
}

/** A UAS scenario (the registered user agent) on a free port; wait for `ready` before using it. */
export function uas(name: string, calls = 1, timeoutSeconds = 40): Promise<SippRun> {
  return startSipp({ scenario: scenario(name), calls, timeoutSeconds });
}

/** The test's own connection to the silo table, to observe rows. */
export class SiloView {
  private constructor(
    private readonly db: Database,
    private readonly silo: SiloStore,
  ) {}

  static async open(url: string): Promise<SiloView> {
    const db = await openDatabase(url);
    return new SiloView(db, await db.silo());
  }

  async count(user: string, domain: string): Promise<number> {
    return (await this.silo.pendingByOwner(user, domain)).length;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
