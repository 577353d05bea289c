// usrloc: one UDomain per location table, created on first use, plus the timer that expires
// bindings and flushes write-back changes. The timer is unref'd so it never keeps a process alive.
import type { UDomain, DomainOptions } from './domain.js';
import type { Clock, LocationBackend } from './ports.js';
import type { MatchingMode } from './record.js';
import { systemClock } from './ports.js';
import { CachedDomain } from './cached-domain.js';
import { DbOnlyDomain } from './db-domain.js';

export type DbMode = 0 | 1 | 2 | 3;

export interface UsrlocOptions {
  dbMode: DbMode;
  /** Opens the `location`-shaped table of that name; required for db_mode 1–3. */
  openTable?: (table: string) => LocationBackend;
  useDomain?: boolean;
  matchingMode?: MatchingMode;
  /** Seconds (usrloc `cseq_delay`, default 20). */
  cseqDelay?: number;
  descTimeOrder?: boolean;
  /** Seconds between timer runs (usrloc `timer_interval`, default 60). */
  timerInterval?: number;
  clock?: Clock;
  /** Where timer failures are reported (a database outage must not crash the server). */
  onTimerError?: (err: unknown) => void;
}

export class Usrloc {
  readonly clock: Clock;
  private readonly domains = new Map<string, UDomain>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: UsrlocOptions) {
    this.clock = options.clock ?? systemClock;
    if (options.dbMode !== 0 && !options.openTable) {
      throw new Error(`usrloc db_mode ${options.dbMode} needs a database (db_url)`);
    }
  }

  /** The domain for a table name (the first argument of save/lookup). */
  domain(table: string): UDomain {
    let d = this.domains.get(table);
    if (!d) {
      d = this.create(table);
      this.domains.set(table, d);
    }
    return d;
  }

  /** Starts the periodic timer; load of modes 1/2 happens on the domain's first use. */
  start(): void {
    if (this.timer) return;
    const seconds = this.options.timerInterval ?? 60;
    this.timer = setInterval(() => {
      void this.tick().catch((err: unknown) => this.options.onTimerError?.(err));
    }, seconds * 1000);
    this.timer.unref();
  }

  /** One timer run over every domain; overlapping runs are folded into the one in progress. */
  tick(): Promise<void> {
    if (!this.running) {
      const now = this.clock.now();
      this.running = (async () => {
        for (const d of this.domains.values()) await d.timer(now);
      })().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Stops the timer and writes what write-back mode still holds. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.running) await this.running.catch(() => undefined);
    for (const d of this.domains.values()) await d.flush();
  }

  private create(table: string): UDomain {
    const o = this.options;
    const options: DomainOptions = {
      name: table,
      useDomain: o.useDomain ?? false,
      matchingMode: o.matchingMode ?? 0,
      cseqDelay: o.cseqDelay ?? 20,
      descTimeOrder: o.descTimeOrder ?? false,
    };
    const backend = o.openTable?.(table);
    if (o.dbMode === 3) {
      if (!backend) throw new Error('usrloc db_mode 3 needs a database');
      return new DbOnlyDomain(options, backend);
    }
    return new CachedDomain(options, o.dbMode, o.dbMode === 0 ? undefined : backend);
  }
}
