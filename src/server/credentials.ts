// Resolves the credentials of a signed request to its caller and secret. Long-term keys come from the
// snapshot; temporary credentials open their sealed session token (DESIGN decision 4) — neither asks the
// database on the hot path. Unsealed long-term secrets are cached per key revision, with a bound.

import type { SecretBox } from '../domain/index.js';
import { dataOf, KIND, type AccessKeyData, type Caller, type UserData } from '../services/index.js';
import type { Snapshot } from '../state/index.js';
import { openSessionToken, tokenKeyId, type KeyRing, type SessionClaims } from '../sts/index.js';

const MAX_CACHED = 10_000;
/**
 * A token naming a key this node has not seen makes it read the change feed, for a key another node created
 * moments ago. Requests that miss while such a read runs wait for it; a new read starts at most this often,
 * so tokens with made-up key ids cannot turn into a database read each. (The feed is polled anyway.)
 */
const UNKNOWN_KEY_CATCH_UP_MS = 25;

export type CredentialResolution =
  | { readonly ok: true; readonly caller: Caller; readonly secretAccessKey: string }
  | { readonly ok: false; readonly code: 'InvalidClientTokenId' | 'ExpiredToken'; readonly message: string };

const INVALID: CredentialResolution = {
  ok: false,
  code: 'InvalidClientTokenId',
  message: 'The security token included in the request is invalid.',
};
const EXPIRED: CredentialResolution = { ok: false, code: 'ExpiredToken', message: 'The security token included in the request is expired' };

export class CredentialResolver {
  readonly #secrets = new Map<string, string>();
  #lastUnknownKeyCatchUp = Number.NEGATIVE_INFINITY;
  #unknownKeyCatchUp: Promise<void> | undefined;

  constructor(
    private readonly state: Snapshot,
    private readonly box: SecretBox,
    private readonly keyRing: KeyRing,
  ) {}

  async resolve(accessKeyId: string, securityToken: string | undefined, now: Date): Promise<CredentialResolution> {
    return securityToken === undefined ? this.#longTerm(accessKeyId) : this.#session(accessKeyId, securityToken, now);
  }

  #longTerm(accessKeyId: string): CredentialResolution {
    const record = this.state.get(KIND.accessKey, accessKeyId);
    if (record === undefined) return INVALID;
    const data = dataOf<AccessKeyData>(record);
    if (data.status !== 'Active') return INVALID;
    const cacheKey = `${record.id}@${record.revision}`;
    let secret = this.#secrets.get(cacheKey);
    if (secret === undefined) {
      secret = this.box.open(data.sealedSecret);
      if (this.#secrets.size >= MAX_CACHED) this.#secrets.clear();
      this.#secrets.set(cacheKey, secret);
    }
    if (data.owner === 'root') return { ok: true, caller: { kind: 'root', account: record.account, accessKeyId }, secretAccessKey: secret };
    const user = this.state.get(KIND.user, data.owner);
    if (user === undefined) return INVALID;
    const caller: Caller = { kind: 'user', account: record.account, accessKeyId, userId: user.id, userName: user.name, arn: dataOf<UserData>(user).arn };
    return { ok: true, caller, secretAccessKey: secret };
  }

  async #session(accessKeyId: string, token: string, now: Date): Promise<CredentialResolution> {
    const keyId = tokenKeyId(token);
    if (keyId === undefined) return INVALID;
    let key = this.keyRing.find(keyId);
    if (key === undefined) {
      // A key another node created moments ago may not have reached this node's snapshot yet.
      await this.#catchUpForUnknownKey();
      key = this.keyRing.find(keyId);
    }
    const claims = key && openSessionToken(token, key);
    if (claims === undefined || claims.accessKeyId !== accessKeyId) return INVALID;
    if (claims.expiresAt <= now.getTime()) return EXPIRED;
    const caller = this.#sessionCaller(claims);
    return caller === undefined ? INVALID : { ok: true, caller, secretAccessKey: claims.secretAccessKey };
  }

  #catchUpForUnknownKey(): Promise<void> {
    if (this.#unknownKeyCatchUp !== undefined) return this.#unknownKeyCatchUp;
    if (performance.now() - this.#lastUnknownKeyCatchUp < UNKNOWN_KEY_CATCH_UP_MS) return Promise.resolve();
    this.#lastUnknownKeyCatchUp = performance.now();
    this.#unknownKeyCatchUp = this.state.catchUp().finally(() => {
      this.#unknownKeyCatchUp = undefined;
    });
    return this.#unknownKeyCatchUp;
  }

  #sessionCaller(session: SessionClaims): Caller | undefined {
    const base = { account: session.account, accessKeyId: session.accessKeyId, session };
    const p = session.principal;
    switch (p.kind) {
      case 'root':
        return { kind: 'root', ...base };
      case 'user': {
        const user = this.state.get(KIND.user, p.userId);
        return user === undefined ? undefined : { kind: 'user', ...base, userId: user.id, userName: user.name, arn: dataOf<UserData>(user).arn };
      }
      case 'role-session':
        return { kind: 'role-session', ...base, roleId: p.roleId, roleName: p.roleName, roleArn: p.roleArn, sessionName: p.sessionName };
      case 'federated-user':
        return {
          kind: 'federated-user',
          ...base,
          name: p.name,
          parentUserArn: p.parentUserArn,
          ...(p.parentUserId !== undefined && { parentUserId: p.parentUserId }),
        };
    }
  }
}
