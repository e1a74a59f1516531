// The in-memory view of every stored record that a node serves reads and authorization from (DESIGN
// decision 3): loaded once, then kept current from the store's change feed. A node catches up right after
// its own writes (read-your-writes) and polls for other nodes' writes.

import type { Store, StoredRecord } from '../store/index.js';

const groupKey = (account: string, kind: string, scope: string): string => `${account}\u0000${kind}\u0000${scope}`;

export class Snapshot {
  readonly #store: Store;
  readonly #byId = new Map<string, Map<string, StoredRecord>>();
  readonly #byGroup = new Map<string, Map<string, StoredRecord>>();
  /** (account, kind, lower-cased name) → records in every scope: reverse lookups (a user's groups). */
  readonly #byNameAnyScope = new Map<string, Map<string, StoredRecord>>();
  #seq = 0;
  #generation = 0;
  /** The pass reading the change feed now, if any. */
  #running: Promise<void> | undefined;
  /** The pass that starts when the running one ends, shared by everyone who asked while it ran. */
  #queued: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Changes once per applied change: caches derived from the snapshot key on it. */
  get generation(): number {
    return this.#generation;
  }

  get seq(): number {
    return this.#seq;
  }

  async load(): Promise<void> {
    // Take the sequence first: changes racing the full load are then re-applied by catchUp (idempotent).
    const seq = await this.#store.latestSeq();
    this.#byId.clear();
    this.#byGroup.clear();
    this.#byNameAnyScope.clear();
    for (const record of await this.#store.loadAll()) this.#put(record);
    this.#seq = seq;
    this.#generation++;
    await this.catchUp();
  }

  /**
   * Applies every change committed before the call. A pass already running may have read the feed before
   * the caller's own write committed, so a caller arriving then waits for the next pass, which every caller
   * arriving meanwhile shares: at most one pass runs and one waits.
   */
  catchUp(): Promise<void> {
    if (this.#queued !== undefined) return this.#queued;
    if (this.#running === undefined) {
      this.#running = this.#applyChanges().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    const next = (): Promise<void> => {
      this.#queued = undefined;
      return this.catchUp();
    };
    this.#queued = this.#running.then(next, next);
    return this.#queued;
  }

  async #applyChanges(): Promise<void> {
    for (;;) {
      const changes = await this.#store.changesSince(this.#seq, 500);
      if (changes.length === 0) return;
      for (const change of changes) {
        const record = change.op === 'delete' ? undefined : await this.#store.getById(change.kind, change.id);
        this.#remove(change.kind, change.id);
        if (record !== undefined) this.#put(record);
        this.#seq = change.seq;
      }
      this.#generation++;
    }
  }

  /** Polls the change feed for other nodes' writes. */
  follow(intervalMs: number, onError: (error: unknown) => void): void {
    this.stop();
    this.#timer = setInterval(() => {
      this.catchUp().catch(onError);
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  get(kind: string, id: string): StoredRecord | undefined {
    return this.#byId.get(kind)?.get(id);
  }

  byName(account: string, kind: string, scope: string, name: string): StoredRecord | undefined {
    return this.#byGroup.get(groupKey(account, kind, scope))?.get(name.toLowerCase());
  }

  /** Records of a kind in an account and scope, ordered by lower-cased name. */
  list(account: string, kind: string, scope = ''): StoredRecord[] {
    const group = this.#byGroup.get(groupKey(account, kind, scope));
    if (group === undefined) return [];
    return [...group.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  }

  /** Records of a kind with this name in any scope of the account (e.g. the memberships naming a user). */
  withName(account: string, kind: string, name: string): StoredRecord[] {
    return [...(this.#byNameAnyScope.get(groupKey(account, kind, name.toLowerCase()))?.values() ?? [])];
  }

  /** Every record of a kind, in any account and scope. */
  all(kind: string): StoredRecord[] {
    return [...(this.#byId.get(kind)?.values() ?? [])];
  }

  #put(record: StoredRecord): void {
    let ids = this.#byId.get(record.kind);
    if (ids === undefined) this.#byId.set(record.kind, (ids = new Map()));
    ids.set(record.id, record);
    const key = groupKey(record.account, record.kind, record.scope);
    let group = this.#byGroup.get(key);
    if (group === undefined) this.#byGroup.set(key, (group = new Map()));
    group.set(record.name.toLowerCase(), record);
    const nameKey = groupKey(record.account, record.kind, record.name.toLowerCase());
    let named = this.#byNameAnyScope.get(nameKey);
    if (named === undefined) this.#byNameAnyScope.set(nameKey, (named = new Map()));
    named.set(record.id, record);
  }

  #remove(kind: string, id: string): void {
    const previous = this.#byId.get(kind)?.get(id);
    if (previous === undefined) return;
    this.#byId.get(kind)!.delete(id);
    this.#byGroup.get(groupKey(previous.account, previous.kind, previous.scope))?.delete(previous.name.toLowerCase());
    this.#byNameAnyScope.get(groupKey(previous.account, previous.kind, previous.name.toLowerCase()))?.delete(id);
  }
}
