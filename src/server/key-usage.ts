// When each long-term access key was last used, for GetAccessKeyLastUsed and the credential report: the
// first use is written straight away, later ones at most hourly per key, so the hot path writes almost
// never, and never waits: the write runs beside the request, and a failed one is tried again a minute later.
// Within that hour the stored service and region are those of the first use (AWS too reports last use with
// a delay; its exact rule is unverified).

import type { Logger } from 'pino';
import { dataOf, isoNow, KIND, type AccessKeyData } from '../services/index.js';
import type { Snapshot } from '../state/index.js';
import type { Store } from '../store/index.js';

const RECORD_EVERY_MS = 3_600_000;
const RETRY_AFTER_MS = 60_000;
const MAX_SEEN = 100_000;

export class AccessKeyUsage {
  /** Writes in flight by key: concurrent requests with one key share a write. */
  readonly #pending = new Map<string, Promise<void>>();
  /** The last recorded use per key, in ms, as this node last saw it (spares parsing the stored date per request). */
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly state: Snapshot,
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** Notes a use of a long-term key for service in region, without waiting for the write; never throws. */
  record(accessKeyId: string, service: string, region: string, now: Date): void {
    const at = now.getTime();
    const seen = this.#seen.get(accessKeyId);
    if (seen !== undefined && at - seen < RECORD_EVERY_MS) return;
    const key = this.state.get(KIND.accessKey, accessKeyId);
    if (key === undefined || this.#pending.has(accessKeyId)) return;
    const last = dataOf<AccessKeyData>(key).lastUsed;
    const lastAt = last === undefined ? undefined : Date.parse(last.date);
    if (this.#seen.size >= MAX_SEEN) this.#seen.clear();
    if (lastAt !== undefined && at - lastAt < RECORD_EVERY_MS) {
      this.#seen.set(accessKeyId, lastAt);
      return;
    }
    this.#seen.set(accessKeyId, at);
    const write = this.#write(key.account, accessKeyId, { date: isoNow(now), service, region })
      .catch((error: unknown) => {
        this.#seen.set(accessKeyId, at - RECORD_EVERY_MS + RETRY_AFTER_MS);
        this.log.warn({ err: error, accessKeyId }, 'could not record the access key use');
      })
      .finally(() => this.#pending.delete(accessKeyId));
    this.#pending.set(accessKeyId, write);
  }

  /** Resolves once the writes in flight are done (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all(this.#pending.values());
  }

  async #write(account: string, accessKeyId: string, lastUsed: NonNullable<AccessKeyData['lastUsed']>): Promise<void> {
    await this.store.transaction(account, async (tx) => {
      const current = await tx.getById(KIND.accessKey, accessKeyId);
      if (current !== undefined) await tx.update(KIND.accessKey, accessKeyId, { data: { ...dataOf<AccessKeyData>(current), lastUsed } });
    });
    await this.state.catchUp();
  }
}
