// The signing keys of OIDC issuers, per node: the discovery document names the JWKS, both fetched with a
// timeout, kept for a while in a bounded cache, and fetched again (at most once per cooldown) when a
// token names a key the cached set lacks, as happens after an issuer rotates its keys (§5.9).

import type { JSONWebKeySet } from 'jose';
import { FederationError } from '../federation-error.js';
import { FetchFailure, fetchJson, type FetchSettings } from './fetch-json.js';

export interface IssuerKeysOptions {
  readonly extraCa?: readonly string[];
  readonly connectTo?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** How long a fetched key set is used before it is fetched again. */
  readonly ttlMs?: number;
  /** The least time between two fetches for one issuer when a token names an unknown key. */
  readonly refetchCooldownMs?: number;
  readonly maxIssuers?: number;
}

interface Entry {
  readonly keys: JSONWebKeySet;
  readonly fetchedAt: number;
}

const MAX_DOCUMENT_BYTES = 1024 * 1024;

const communicationError = (issuer: string, detail: string): FederationError =>
  new FederationError('IDPCommunicationError', `Couldn't retrieve verification key from your identity provider ${issuer}: ${detail}`);

export class IssuerKeys {
  readonly #entries = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<Entry>>();
  readonly #fetch: FetchSettings;
  readonly #ttlMs: number;
  readonly #cooldownMs: number;
  readonly #maxIssuers: number;

  constructor(options: IssuerKeysOptions = {}) {
    this.#fetch = {
      ...(options.extraCa !== undefined && { extraCa: options.extraCa }),
      ...(options.connectTo !== undefined && { connectTo: options.connectTo }),
      timeoutMs: options.timeoutMs ?? 5_000,
      maxBytes: MAX_DOCUMENT_BYTES,
    };
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#cooldownMs = options.refetchCooldownMs ?? 10_000;
    this.#maxIssuers = options.maxIssuers ?? 1_000;
  }

  /** The issuer's keys, from the cache while fresh. Throws IDPCommunicationError when they cannot be had. */
  async keys(issuer: string, now: number): Promise<JSONWebKeySet> {
    const cached = this.#entries.get(issuer);
    if (cached !== undefined && now - cached.fetchedAt < this.#ttlMs) return cached.keys;
    return (await this.#load(issuer, now)).keys;
  }

  /** Fetches the keys again after a token named a key the set lacks; undefined while the cooldown lasts. */
  async refetch(issuer: string, now: number): Promise<JSONWebKeySet | undefined> {
    const cached = this.#entries.get(issuer);
    if (cached !== undefined && now - cached.fetchedAt < this.#cooldownMs) return undefined;
    return (await this.#load(issuer, now)).keys;
  }

  /** One fetch per issuer at a time: concurrent requests share it. */
  #load(issuer: string, now: number): Promise<Entry> {
    let pending = this.#pending.get(issuer);
    if (pending === undefined) {
      pending = this.#download(issuer, now).finally(() => this.#pending.delete(issuer));
      this.#pending.set(issuer, pending);
    }
    return pending;
  }

  async #download(issuer: string, now: number): Promise<Entry> {
    const base = issuer.replace(/\/+$/, '');
    try {
      const discovery = (await fetchJson(`${base}/.well-known/openid-configuration`, this.#fetch)) as Record<string, unknown> | null;
      const jwksUri = discovery?.jwks_uri;
      if (typeof jwksUri !== 'string') throw communicationError(issuer, 'the discovery document names no jwks_uri');
      if (typeof discovery?.issuer === 'string' && discovery.issuer.replace(/\/+$/, '') !== base) {
        throw new FederationError('InvalidIdentityToken', `The discovery document of ${issuer} names another issuer, ${discovery.issuer}`);
      }
      const jwks = (await fetchJson(jwksUri, this.#fetch)) as Record<string, unknown> | null;
      if (!Array.isArray(jwks?.keys)) throw communicationError(issuer, 'the JWKS document has no keys');
      const entry: Entry = { keys: jwks as unknown as JSONWebKeySet, fetchedAt: now };
      this.#entries.delete(issuer);
      if (this.#entries.size >= this.#maxIssuers) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(issuer, entry);
      return entry;
    } catch (error) {
      if (error instanceof FetchFailure) throw communicationError(issuer, error.message);
      throw error;
    }
  }
}
