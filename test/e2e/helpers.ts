// Shared pieces of the end-to-end tests: SIPp runs against a started server, bounded waits for
// outcomes (rows appearing or disappearing), a direct view of the silo table, and the steps of the
// msilo flow that every msilo suite (hand-written, compiled, each dialect) walks through.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect } from 'vitest';
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

/** The msilo flow against a running server, one step per method; each step asserts its outcome. */
export class MsiloFlow {
  constructor(
    private readonly port: number,
    private readonly silo: SiloView,
    private readonly domain: string,
    /** Extra text for failure messages (a bundle's output). */
    private readonly context: () => string = () => '',
  ) {}

  /** REGISTER → 200 listing the contact. */
  async register(user: string, contactPort: number): Promise<void> {
    const reg = await uac('register-uac', this.port, { user, contact_port: String(contactPort) });
    expect(reg.exitCode, describeSipp(reg) + this.context()).toBe(0);
  }

  /** MESSAGE to an unregistered user → 202 and exactly one silo row. */
  async storesForOffline(from: string, to: string): Promise<void> {
    const stored = await uac('message-uac-202', this.port, { from, to });
    expect(stored.exitCode, describeSipp(stored) + this.context()).toBe(0);
    expect(await this.silo.count(to, this.domain)).toBe(1);
  }

  /** The user registers → the stored MESSAGE arrives at its contact; its 200 deletes the row. */
  async deliversOnRegister(user: string): Promise<void> {
    const agent = await uas('uas-offline-200');
    await agent.ready;
    await this.register(user, agent.localPort);
    const delivered = await agent.done;
    expect(delivered.exitCode, describeSipp(delivered) + this.context()).toBe(0);
    await waitFor(
      'the delivered row to be deleted',
      async () => (await this.silo.count(user, this.domain)) === 0,
    );
  }

  /** MESSAGE to a registered user → relayed (the 200 comes from its user agent), nothing stored. */
  async relaysToOnline(from: string, to: string): Promise<void> {
    const agent = await uas('uas-live-200');
    await agent.ready;
    await this.register(to, agent.localPort);
    const relayed = await uac('message-uac-200', this.port, { from, to });
    expect(relayed.exitCode, describeSipp(relayed) + this.context()).toBe(0);
    const live = await agent.done;
    expect(live.exitCode, describeSipp(live)).toBe(0);
    expect(await this.silo.count(to, this.domain)).toBe(0);
  }

  /** A user agent that answers 405 → the failure route stores the MESSAGE → 202. */
  async storesAfter405(from: string, to: string): Promise<void> {
    const agent = await uas('uas-reject-405');
    await agent.ready;
    await this.register(to, agent.localPort);
    const viaFailure = await uac('message-uac-202', this.port, { from, to });
    expect(viaFailure.exitCode, describeSipp(viaFailure) + this.context()).toBe(0);
    const rejected = await agent.done;
    expect(rejected.exitCode, describeSipp(rejected)).toBe(0);
    expect(await this.silo.count(to, this.domain)).toBe(1);
  }
}
