// Issues temporary credentials: an ASIA access key id, a fresh secret, and the session token that seals
// both with everything the session is (§5.2, DESIGN decision 4).

import { newAccessKeyId, newSecretAccessKey } from '../../domain/index.js';
import { sealSessionToken, type SessionClaims } from '../../sts/index.js';
import type { IamContext } from '../iam/index.js';

/** The claims a caller decides; the keys, times and version are filled in here. */
export type SessionRequest = Omit<SessionClaims, 'version' | 'accessKeyId' | 'secretAccessKey' | 'issuedAt' | 'expiresAt'>;

export interface IssuedCredentials {
  readonly claims: SessionClaims;
  /** The `Credentials` member of the STS responses. */
  readonly output: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
}

/** Needs only the clock and the key ring, so the unsigned operations (no caller) use it too. */
export const issueSession = async (ctx: Pick<IamContext, 'now' | 'keyRing'>, request: SessionRequest, durationSeconds: number): Promise<IssuedCredentials> => {
  const issuedAt = ctx.now.getTime();
  const claims: SessionClaims = {
    version: 1,
    ...request,
    accessKeyId: newAccessKeyId('sessionKey', request.account),
    secretAccessKey: newSecretAccessKey(),
    issuedAt,
    expiresAt: issuedAt + durationSeconds * 1000,
  };
  const key = await ctx.keyRing.current(issuedAt);
  return {
    claims,
    output: {
      AccessKeyId: claims.accessKeyId,
      SecretAccessKey: claims.secretAccessKey,
      SessionToken: sealSessionToken(claims, key),
      Expiration: new Date(claims.expiresAt),
    },
  };
};
