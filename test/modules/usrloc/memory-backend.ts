// An in-memory `location` table for unit tests, recording every call so tests can see what
// usrloc wrote and when.
import type { LocationBackend, LocationRow } from '../../../runtime/modules/usrloc/index.js';

export class MemoryLocationBackend implements LocationBackend {
  readonly rows = new Map<string, LocationRow>();
  readonly calls: string[] = [];
  failing = false;

  private check(call: string): void {
    this.calls.push(call);
    if (this.failing) throw new Error('database unavailable');
  }

  async insert(row: LocationRow): Promise<void> {
    this.check(`insert ${row.contact}`);
    this.rows.set(row.ruid, { ...row });
  }
  async update(row: LocationRow): Promise<void> {
    this.check(`update ${row.contact}`);
    this.rows.set(row.ruid, { ...row });
  }
  async deleteByRuid(ruid: string): Promise<void> {
    this.check(`delete ${this.rows.get(ruid)?.contact ?? ruid}`);
    this.rows.delete(ruid);
  }
  async deleteAor(username: string, domain: string | undefined): Promise<void> {
    this.check(`deleteAor ${username}`);
    for (const [k, r] of this.rows) if (r.username === username && r.domain === domain) this.rows.delete(k);
  }
  async selectAor(username: string, domain: string | undefined): Promise<LocationRow[]> {
    this.check(`selectAor ${username}`);
    return [...this.rows.values()]
      .filter((r) => r.username === username && r.domain === domain)
      .map((r) => ({ ...r }));
  }
  async selectAll(): Promise<LocationRow[]> {
    this.check('selectAll');
    return [...this.rows.values()].map((r) => ({ ...r }));
  }
  async deleteExpired(now: number): Promise<void> {
    this.check('deleteExpired');
    for (const [k, r] of this.rows) if (r.expires !== 0 && r.expires <= now) this.rows.delete(k);
  }
}

/** A clock tests can move. */
export class ManualClock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}
