// The credential resolver's guard on unknown token keys: a token naming a key this node has not seen reads the
// change feed (for a key another node made moments ago), but made-up key ids cannot turn every request into a
// database read.

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../domain/index.js';
import { Snapshot } from '../state/index.js';
import { SqliteStore, type Change } from '../store/index.js';
import { KeyRing, sealSessionToken, type SessionClaims } from '../sts/index.js';
import { CredentialResolver } from './credentials.js';

class CountingStore extends SqliteStore {
  feedReads = 0;
  override changesSince(after: number, limit: number): Promise<Change[]> {
    this.feedReads += 1;
    return super.changesSince(after, limit);
  }
}

let store: CountingStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const claims: SessionClaims = {
  version: 1,
  accessKeyId: 'ASIAFORGEDFORGEDFORG',
  secretAccessKey: 'x'.repeat(40),
  account: '123456789012',
  principal: { kind: 'root' },
  origin: 'GetSessionToken',
  issuedAt: Date.now(),
  expiresAt: Date.now() + 3_600_000,
};

const setUp = async () => {
  store = new CountingStore(':memory:');
  await store.migrate();
  const state = new Snapshot(store);
  await state.load();
  const secrets = new SecretBox(randomBytes(32));
  return { state, secrets, resolver: new CredentialResolver(state, secrets, new KeyRing(store, state, secrets, { rotationMs: 86_400_000 })) };
};

describe('CredentialResolver with tokens naming unknown keys', () => {
  it('accepts a token sealed with a key another node made just now, for every request sent with it at once', async () => {
    const { secrets, resolver } = await setUp();
    // Another node on the same store: its own snapshot and key ring make the key this node has not seen.
    const other = new Snapshot(store!);
    await other.load();
    const key = await new KeyRing(store!, other, secrets, { rotationMs: 86_400_000 }).current(Date.now());
    const token = sealSessionToken(claims, key);
    const results = await Promise.all(Array.from({ length: 5 }, () => resolver.resolve(claims.accessKeyId, token, new Date())));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
  });

  it('reads the change feed for the first, and not again for each of many more at once', async () => {
    const { resolver } = await setUp();
    const forged = () => sealSessionToken(claims, { id: randomBytes(16).toString('hex'), key: randomBytes(32) });
    const before = store!.feedReads;
    const results = await Promise.all(Array.from({ length: 50 }, () => resolver.resolve(claims.accessKeyId, forged(), new Date())));
    expect(results.every((r) => !r.ok && r.code === 'InvalidClientTokenId')).toBe(true);
    // One catch-up pass: a read that finds nothing new ends it.
    expect(store!.feedReads - before).toBe(1);
    // One after another, within the guard's interval, they read nothing more.
    for (let i = 0; i < 20; i++) expect((await resolver.resolve(claims.accessKeyId, forged(), new Date())).ok).toBe(false);
    expect(store!.feedReads - before).toBeLessThan(5); // not one per request (a stalled machine may pass the interval once or twice)
  });
});
