// What usrloc needs from the outside: a `location` table and a clock. runtime/db provides the
// table (SQLite or MySQL); tests use in-memory implementations.
import type { ContactInfo } from './contact.js';

/** One row of Kamailio's `location` table; `domain` is undefined when use_domain is off. */
export interface LocationRow extends ContactInfo {
  ruid: string;
  username: string;
  domain?: string;
  contact: string;
}

export interface LocationBackend {
  insert(row: LocationRow): Promise<void>;
  /** Rewrites the row with the same ruid. */
  update(row: LocationRow): Promise<void>;
  /** Inserts or rewrites many rows at once (write-back flush); optional, one by one otherwise. */
  upsertMany?(rows: readonly LocationRow[]): Promise<void>;
  deleteByRuid(ruid: string): Promise<void>;
  deleteAor(username: string, domain: string | undefined): Promise<void>;
  selectAor(username: string, domain: string | undefined): Promise<LocationRow[]>;
  selectAll(): Promise<LocationRow[]>;
  /** Deletes rows with 0 < expires <= now. */
  deleteExpired(now: number): Promise<void>;
}

export interface Clock {
  /** Unix time in seconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Math.floor(Date.now() / 1000) };
