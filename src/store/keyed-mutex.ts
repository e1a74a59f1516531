// First-come, first-served queues keyed by a string (an account, or one key for a whole store), so async work
// that must not interleave waits its turn in process instead of holding a database connection while it waits.

export class KeyedMutex {
  /** The promise the next caller for a key waits on; removed when the key's queue empties, so memory stays bounded. */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work running or queued (for tests and diagnostics). */
  get activeKeys(): number {
    return this.tails.size;
  }
}
