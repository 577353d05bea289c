// Serialises work on one AoR: a save() reads, decides and writes asynchronously, and two REGISTERs
// for the same AoR must not interleave (Kamailio holds the udomain slot lock for the same reason).
export class AorLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(aor: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(aor) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(aor, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(aor) === tail) this.tails.delete(aor);
    }
  }
}
