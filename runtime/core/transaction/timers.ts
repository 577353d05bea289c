// Timer values (milliseconds at this layer; the tm module converts dialect units) and a cheap
// per-transaction timer slot: one setTimeout at a time, unref'd, always cleared on termination.

export interface TransactionTimers {
  /** RFC 3261 T1: RTT estimate, first retransmission interval (tm retr_timer1). */
  t1: number;
  /** RFC 3261 T2: cap of the non-INVITE / reply retransmission interval (tm retr_timer2). */
  t2: number;
  /** RFC 3261 T4: how long the network may hold a message (Timer K, Timer I). */
  t4: number;
  /** tm fr_timer: wait for a final reply when no provisional came (Timers B and F). */
  frTimer: number;
  /** tm fr_inv_timer: INVITE ring time after a provisional (Timer C-like; restarted on each 1xx). */
  frInvTimer: number;
  /** tm wt_timer: keep a completed transaction to absorb retransmissions (Timers D and J). */
  wtTimer: number;
}

export const DEFAULT_TIMERS: Readonly<TransactionTimers> = Object.freeze({
  t1: 500,
  t2: 4000,
  t4: 5000,
  frTimer: 30000,
  frInvTimer: 120000,
  wtTimer: 5000,
});

export function resolveTimers(timers?: Partial<TransactionTimers>): TransactionTimers {
  return { ...DEFAULT_TIMERS, ...timers };
}

/** Where an exception thrown by a timer callback (e.g. a failure hook) goes instead of crashing. */
let timerErrorReporter: (error: unknown) => void = (error) =>
  console.error(`transaction timer callback failed: ${error instanceof Error ? error.stack : String(error)}`);

export function setTimerErrorReporter(reporter: (error: unknown) => void): void {
  timerErrorReporter = reporter;
}

/** One pending timeout; re-arming replaces the previous one. */
export class TimerSlot {
  private handle: NodeJS.Timeout | undefined;

  set(ms: number, callback: () => void): void {
    this.clear();
    this.handle = setTimeout(() => {
      this.handle = undefined;
      try {
        callback();
      } catch (error) {
        timerErrorReporter(error);
      }
    }, ms);
    // Transactions must never keep the process alive on their own.
    this.handle.unref();
  }

  clear(): void {
    if (this.handle !== undefined) {
      clearTimeout(this.handle);
      this.handle = undefined;
    }
  }

  get armed(): boolean {
    return this.handle !== undefined;
  }
}

/** Retransmission interval schedule: T1, 2·T1, 4·T1 … capped at `cap` (Infinity for Timer A). */
export function nextInterval(current: number, cap: number): number {
  return Math.min(current * 2, cap);
}
