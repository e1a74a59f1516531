// The snapshot's catch-up: a node's own write is visible once catchUp() returns, even when a pass that read
// the change feed before the write committed was still running when the writer asked.

import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore, type Change } from '../store/index.js';
import { Snapshot } from './snapshot.js';

/** A real store whose change-feed reads can be held after they read, to pin one interleaving. */
class HeldFeedStore extends SqliteStore {
  hold: Promise<void> | undefined;
  feedReads = 0;

  override async changesSince(after: number, limit: number): Promise<Change[]> {
    const changes = await super.changesSince(after, limit);
    this.feedReads += 1;
    if (this.hold !== undefined) await this.hold;
    return changes;
  }
}

const account = '123456789012';
let store: HeldFeedStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('Snapshot.catchUp', () => {
  it('shows a write committed while an earlier pass, which read the feed before it, is still running', async () => {
    store = new HeldFeedStore(':memory:');
    await store.migrate();
    const snapshot = new Snapshot(store);
    await snapshot.load();

    let release!: () => void;
    store.hold = new Promise((resolve) => (release = resolve));
    const readsBefore = store.feedReads;
    const earlier = snapshot.catchUp(); // reads an empty feed, then is held
    while (store.feedReads === readsBefore) await new Promise((resolve) => setImmediate(resolve));
    store.hold = undefined;

    const alice = await store.transaction(account, (tx) =>
      tx.insert({ account, kind: 'user', id: 'AIDAALICE', scope: '', name: 'alice', data: {} }),
    );
    const mine = snapshot.catchUp();
    release();
    await earlier;
    await mine;
    expect(snapshot.get('user', alice.id)?.name).toBe('alice');
  });

  it('makes callers that ask while a pass runs share the one queued pass behind it', async () => {
    store = new HeldFeedStore(':memory:');
    await store.migrate();
    const snapshot = new Snapshot(store);
    await snapshot.load();
    const before = store.feedReads;
    await Promise.all([snapshot.catchUp(), snapshot.catchUp(), snapshot.catchUp(), snapshot.catchUp()]);
    // One pass running and one queued behind it, each ending on one empty read of the feed.
    expect(store.feedReads - before).toBe(2);
  });
});
