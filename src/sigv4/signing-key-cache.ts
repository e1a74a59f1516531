// A bounded least-recently-used cache of signing keys. A key is valid for one secret, day, region and
// service, so a busy server derives each only once a day instead of four HMACs per request.

import { deriveSigningKey } from './signing-key.js';

export class SigningKeyCache {
  readonly #maxEntries: number;
  /** Map iteration order is insertion order; re-inserting on every hit keeps the oldest entry first. */
  readonly #entries = new Map<string, Buffer>();

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`SigningKeyCache needs a positive whole number of entries; got ${maxEntries}.`);
    }
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
    const id = cacheId(secretAccessKey, date, region, service);
    const cached = this.#entries.get(id);
    if (cached !== undefined) {
      this.#entries.delete(id);
      this.#entries.set(id, cached);
      return cached;
    }
    const key = deriveSigningKey(secretAccessKey, date, region, service);
    this.#entries.set(id, key);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return key;
  }

  /** Keeps derived keys out of console.log and util.inspect output. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SigningKeyCache { size: ${this.#entries.size}, maxEntries: ${this.#maxEntries} }`;
  }
}

/**
 * The map key joins the four parts with newlines, which none of the scope parts can hold (a scope is split
 * on "/" and sent in one header line). The map is private and inspection above shows only its size; the
 * process holds every secret anyway to verify with it, so hashing the key bought nothing but a hash per
 * request.
 */
const cacheId = (secretAccessKey: string, date: string, region: string, service: string): string =>
  `${date}\n${region}\n${service}\n${secretAccessKey}`;
