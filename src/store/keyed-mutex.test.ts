// KeyedMutex: one queue per key, first come first served; keys do not wait on each other.
import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedMutex', () => {
  it('runs work on one key one at a time, first come first served', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    await Promise.all(
      [0, 1, 2].map((i) =>
        mutex.run('k', async () => {
          events.push(`start ${i}`);
          await tick();
          events.push(`end ${i}`);
        }),
      ),
    );
    expect(events).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('runs different keys side by side', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let most = 0;
    await Promise.all(
      ['a', 'b', 'c'].map((key) =>
        mutex.run(key, async () => {
          most = Math.max(most, ++running);
          await tick();
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('passes results and errors through, releases after a throw, and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    const failed = mutex.run('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
    expect(mutex.activeKeys).toBe(0);
  });
});
