// The engine's relay bookkeeping must not grow with every relay a server ever started (a relayed
// MESSAGE load used to keep each relay, its branches and messages until shutdown). The end-to-end
// relay flows (test/e2e, test/e2e-compiled) run the tracker with real relays.
import { describe, expect, it } from 'vitest';
import { RelayTracker, type TrackedRelay } from '../../runtime/engine/relay-tracker.js';

class FakeRelay implements TrackedRelay {
  finished = false;
  server = { isFinal: false, state: 'proceeding' as 'proceeding' | 'terminated' };
}

describe('RelayTracker', () => {
  it('keeps the number of held relays bounded when relays settle', () => {
    const tracker = new RelayTracker<FakeRelay>();
    for (let i = 0; i < 10_000; i++) {
      const relay = new FakeRelay();
      tracker.add(relay);
      relay.finished = true; // answered before the next one arrives
    }
    expect(tracker.size).toBeLessThanOrEqual(64);
    expect(tracker.sweep()).toBe(0);
  });

  it('keeps every relay that is still pending', () => {
    const tracker = new RelayTracker<FakeRelay>();
    const pending: FakeRelay[] = [];
    for (let i = 0; i < 1000; i++) {
      const relay = new FakeRelay();
      tracker.add(relay);
      if (i % 10 === 0) pending.push(relay);
      else relay.server.isFinal = true;
    }
    expect(tracker.sweep()).toBe(pending.length);
    pending[0]!.server.state = 'terminated';
    expect(tracker.sweep()).toBe(pending.length - 1);
  });
});
