// A bounded least-recently-used cache of signing keys. A key is valid for one secret, day, region and
// service, so a busy server derives each only once a day instead of four HMACs per request.

import { createHash } from 'node:crypto';
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
 * The map key is a SHA-256 over all four parts, so the secret itself is never held as a key, and a
 * dump of the cache does not reveal it. JSON encoding keeps the parts from running into each other.
 */
const cacheId = (secretAccessKey: string, date: string, region: string, service: string): string =>
  createHash('sha256').update(JSON.stringify([secretAccessKey, date, region, service]), 'utf8').digest('base64');
