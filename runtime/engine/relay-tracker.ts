// The relays still waiting for a final reply, so close() can let them finish. Relays that settle
// are swept out as new ones arrive: without that, a long-running server kept every relay (with its
// branches and messages) it ever started.
import type { Relay } from '../core/transaction/relay.js';

/** What the tracker needs to know of a relay. */
export type TrackedRelay = Pick<Relay, 'finished'> & {
  readonly server: Pick<Relay['server'], 'isFinal' | 'state'>;
};

const MIN_SWEEP = 64;

function settled(r: TrackedRelay): boolean {
  return r.finished || r.server.isFinal || r.server.state === 'terminated';
}

export class RelayTracker<R extends TrackedRelay = Relay> {
  private readonly relays = new Set<R>();
  /** Size at which the next sweep runs: twice what survived the last one, so adding stays O(1) amortised. */
  private sweepAt = MIN_SWEEP;

  add(relay: R): void {
    this.relays.add(relay);
    if (this.relays.size >= this.sweepAt) {
      this.sweep();
      this.sweepAt = Math.max(MIN_SWEEP, this.relays.size * 2);
    }
  }

  /** Drops the settled relays and returns how many are still pending. */
  sweep(): number {
    for (const r of this.relays) if (settled(r)) this.relays.delete(r);
    return this.relays.size;
  }

  /** Relays held right now, settled or not (for tests and diagnostics). */
  get size(): number {
    return this.relays.size;
  }
}
