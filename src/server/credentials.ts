// Resolves the access key id of a signed request to its caller and secret, from the snapshot (no database
// query on the hot path). Unsealed secrets are cached per key revision, with a bound.

import type { SecretBox } from '../domain/index.js';
import { dataOf, KIND, type AccessKeyData, type Caller, type UserData } from '../services/index.js';
import type { Snapshot } from '../state/index.js';

const MAX_CACHED = 10_000;

export interface ResolvedCredentials {
  readonly caller: Caller;
  readonly secretAccessKey: string;
}

export class CredentialResolver {
  readonly #secrets = new Map<string, string>();

  constructor(
    private readonly state: Snapshot,
    private readonly box: SecretBox,
  ) {}

  /** Undefined for unknown, deleted or inactive keys (all InvalidClientTokenId to the caller). */
  resolve(accessKeyId: string): ResolvedCredentials | undefined {
    const record = this.state.get(KIND.accessKey, accessKeyId);
    if (record === undefined) return undefined;
    const data = dataOf<AccessKeyData>(record);
    if (data.status !== 'Active') return undefined;
    const cacheKey = `${record.id}@${record.revision}`;
    let secret = this.#secrets.get(cacheKey);
    if (secret === undefined) {
      secret = this.box.open(data.sealedSecret);
      if (this.#secrets.size >= MAX_CACHED) this.#secrets.clear();
      this.#secrets.set(cacheKey, secret);
    }
    if (data.owner === 'root') return { caller: { kind: 'root', account: record.account, accessKeyId }, secretAccessKey: secret };
    const user = this.state.get(KIND.user, data.owner);
    if (user === undefined) return undefined;
    return {
      caller: {
        kind: 'user',
        account: record.account,
        accessKeyId,
        userId: user.id,
        userName: user.name,
        arn: dataOf<UserData>(user).arn,
      },
      secretAccessKey: secret,
    };
  }
}
