// The msilo module as generated code calls it: one instance per script with its storage, UAC and
// timers. Timers are unref'd and stopped by close().
import { checkMsiloConfig, DEFAULT_MSILO_CONFIG, type MsiloConfig } from './config.js';
import { mDump, type DumpDeps } from './dump.js';
import { InFlight } from './in-flight.js';
import type { MsiloRequest, MsiloStorage, MsiloUac } from './ports.js';
import { mStore } from './store.js';
import { cleanSilo, sendReminders } from './timers.js';

export interface MsiloOptions {
  storage: MsiloStorage;
  uac: MsiloUac;
  config?: Partial<MsiloConfig>;
  /** Unix seconds. */
  now?: () => number;
  /** Where failures that do not reach the script are reported (database outages, send errors). */
  onError?: (err: unknown) => void;
}

export class Msilo {
  readonly config: MsiloConfig;
  readonly inFlight = new InFlight();
  private readonly deps: DumpDeps & { now: () => number };
  private cleanRuns = 0;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(options: MsiloOptions) {
    this.config = { ...DEFAULT_MSILO_CONFIG, ...options.config };
    checkMsiloConfig(this.config);
    this.deps = {
      config: this.config,
      storage: options.storage,
      uac: options.uac,
      inFlight: this.inFlight,
      now: options.now ?? (() => Math.floor(Date.now() / 1000)),
      ...(options.onError ? { onError: options.onError } : {}),
    };
  }

  /** Kamailio/OpenSIPS `m_store([owner])`: owner URI, else new R-URI, else original R-URI. */
  store(req: MsiloRequest, owner?: string): Promise<number> {
    return mStore(this.deps, req, { kind: 'uri', ...(owner !== undefined ? { uri: owner } : {}) });
  }

  /** SER/OpenSER `m_store("0"|"1"|"2")`. */
  storeSer(req: MsiloRequest, mode: string): Promise<number> {
    return mStore(this.deps, req, { kind: 'ser-mode', mode });
  }

  /** `m_dump([owner[, maxmsgs]])`: resolves once the messages are handed to the UAC, not when answered. */
  dump(req: MsiloRequest, owner?: string, maxMessages?: number): Promise<number> {
    return mDump(this.deps, req, owner, maxMessages);
  }

  /** One clean-timer run (exposed for tests and for a shared timer service). */
  clean(): Promise<void> {
    this.cleanRuns += 1;
    return cleanSilo(this.deps, this.cleanRuns);
  }

  /** One reminder-timer run. */
  remind(): Promise<void> {
    return sendReminders(this.deps);
  }

  start(): void {
    if (this.timers.length > 0) return;
    const every = (seconds: number, fn: () => Promise<void>): void => {
      let busy = false;
      const t = setInterval(() => {
        if (busy) return;
        busy = true;
        void fn().finally(() => {
          busy = false;
        });
      }, seconds * 1000);
      t.unref();
      this.timers.push(t);
    };
    if (this.config.checkTime > 0) every(this.config.checkTime, () => this.clean());
    if (this.config.sendTime > 0 && this.config.reminder !== undefined)
      every(this.config.sendTime, () => this.remind());
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }
}
