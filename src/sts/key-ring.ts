// The session-token key ring (DESIGN decision 4): keys stored sealed under the master key in the store, so
// every node shares them through the change feed. The newest key seals; every key opens until the last
// token it could have sealed has expired. Keys rotate on a schedule and on command.

import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../domain/index.js';
import type { Snapshot } from '../state/index.js';
import type { Store, StoredRecord } from '../store/index.js';
import type { TokenKey } from './session-token.js';

/** Keys are records of the system account, which no caller can reach. */
export const KEY_RING_ACCOUNT = 'keycard';
export const TOKEN_KEY_KIND = 'sts-token-key';

/** The longest session STS issues (GetSessionToken / GetFederationToken, §5.4): 36 hours. */
export const MAX_SESSION_MS = 129_600_000;

interface TokenKeyData {
  readonly sealedKey: string;
  /** Epoch ms after which the key no longer seals new tokens. */
  readonly sealsUntil: number;
}

export interface KeyRingOptions {
  /** How long a key seals new tokens before the next one takes over. */
  readonly rotationMs: number;
}

export class KeyRing {
  readonly #opened = new Map<string, TokenKey>();

  constructor(
    private readonly store: Store,
    private readonly state: Snapshot,
    private readonly box: SecretBox,
    private readonly options: KeyRingOptions,
  ) {}

  #open(record: StoredRecord): TokenKey {
    let key = this.#opened.get(record.id);
    if (key === undefined) {
      key = { id: record.id, key: Buffer.from(this.box.open((record.data as TokenKeyData).sealedKey), 'base64') };
      this.#opened.set(record.id, key);
    }
    return key;
  }

  /** The key for a token's key id; undefined for keys this deployment never had or has retired. */
  find(id: string): TokenKey | undefined {
    const record = this.state.get(TOKEN_KEY_KIND, id);
    return record === undefined ? undefined : this.#open(record);
  }

  /** The key that seals new tokens now, creating one when none is current (first use, or rotation due). */
  async current(now: number): Promise<TokenKey> {
    const newest = this.#newest();
    if (newest !== undefined && (newest.data as TokenKeyData).sealsUntil > now) return this.#open(newest);
    return this.rotate(now);
  }

  /** Starts a new key now and drops keys whose every token has expired. */
  async rotate(now: number): Promise<TokenKey> {
    const id = randomBytes(16).toString('hex');
    const data: TokenKeyData = { sealedKey: this.box.seal(randomBytes(32).toString('base64')), sealsUntil: now + this.options.rotationMs };
    await this.store.transaction(KEY_RING_ACCOUNT, async (tx) => {
      for (const old of await tx.list(KEY_RING_ACCOUNT, TOKEN_KEY_KIND)) {
        const until = (old.data as TokenKeyData).sealsUntil;
        // A key that stopped sealing more than the longest session ago opens no live token.
        if (until + MAX_SESSION_MS < now) await tx.delete(TOKEN_KEY_KIND, old.id);
        else if (until > now) await tx.update(TOKEN_KEY_KIND, old.id, { data: { ...(old.data as TokenKeyData), sealsUntil: now } });
      }
      await tx.insert({ account: KEY_RING_ACCOUNT, kind: TOKEN_KEY_KIND, id, scope: '', name: id, data });
    });
    await this.state.catchUp();
    return this.find(id)!;
  }

  #newest(): StoredRecord | undefined {
    let newest: StoredRecord | undefined;
    for (const record of this.state.list(KEY_RING_ACCOUNT, TOKEN_KEY_KIND)) {
      if (newest === undefined || (record.data as TokenKeyData).sealsUntil > (newest.data as TokenKeyData).sealsUntil) newest = record;
    }
    return newest;
  }
}
