// Verifies an OIDC ID token for AssumeRoleWithWebIdentity (§5.9): the IAM OIDC provider named by `iss`,
// a signature by one of the issuer's published keys (RS256/384/512, ES256/384/512 only), the time claims,
// and an audience among the provider's client ids. Session tags and source identity come from AWS's claims.

import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { FederationError, invalidToken } from '../federation-error.js';
import type { IssuerKeys } from './issuer-keys.js';

export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const;

/** Tolerated clock difference with the issuer for `nbf` and `iat`, and for `exp`. */
export const CLOCK_SKEW_SECONDS = 60;

const TAGS_CLAIM = 'https://aws.amazon.com/tags';
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

/** The IAM OIDC provider a token's issuer names: its ARN, its URL without https:// and its client ids. */
export interface OidcProviderRef {
  readonly arn: string;
  readonly url: string;
  readonly clientIds: readonly string[];
}

export interface VerifiedWebIdentity {
  readonly provider: OidcProviderRef;
  /** The token's `iss` as it was written. */
  readonly issuer: string;
  readonly subject: string;
  /** The client id that matched the token's audience. */
  readonly audience: string;
  readonly amr?: readonly string[];
  /** Session tags from the `https://aws.amazon.com/tags` claim (§5.7). */
  readonly tags?: Readonly<Record<string, string>>;
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string;
}

export interface VerifyTokenOptions {
  /** The provider of the role's account whose URL is the issuer (without https://), if any. */
  readonly findProvider: (issuerName: string) => OidcProviderRef | undefined;
  readonly keys: IssuerKeys;
  readonly now: Date;
}

const decode = (token: string): { payload: JWTPayload; alg: string | undefined } => {
  try {
    return { payload: decodeJwt(token), alg: decodeProtectedHeader(token).alg };
  } catch {
    throw invalidToken('The web identity token is not a well-formed JWT.');
  }
};

/** `aws:`-style session tag claim: {"principal_tags": {"Key": ["value"]}, "transitive_tag_keys": ["Key"]}. */
const readTagsClaim = (claim: unknown): Pick<VerifiedWebIdentity, 'tags' | 'transitiveTagKeys'> => {
  if (claim === undefined) return {};
  const malformed = () => invalidToken(`The ${TAGS_CLAIM} claim is malformed.`);
  if (typeof claim !== 'object' || claim === null) throw malformed();
  const { principal_tags: principalTags, transitive_tag_keys: transitive } = claim as Record<string, unknown>;
  const tags: Record<string, string> = {};
  if (principalTags !== undefined) {
    if (typeof principalTags !== 'object' || principalTags === null) throw malformed();
    for (const [key, value] of Object.entries(principalTags)) {
      // AWS's claim lists each value in an array, and a session tag holds one value.
      const values = Array.isArray(value) ? value : [value];
      if (values.length !== 1 || typeof values[0] !== 'string') throw malformed();
      tags[key] = values[0];
    }
  }
  if (transitive !== undefined && (!Array.isArray(transitive) || transitive.some((k) => typeof k !== 'string'))) throw malformed();
  const transitiveTagKeys = (transitive as string[] | undefined) ?? [];
  return {
    ...(Object.keys(tags).length > 0 && { tags }),
    ...(transitiveTagKeys.length > 0 && { transitiveTagKeys }),
  };
};

const requireIntegerDates = (payload: JWTPayload): void => {
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = payload[claim];
    if (value !== undefined && !Number.isInteger(value)) throw invalidToken(`The ${claim} claim of the web identity token is not an integer.`);
  }
};

const expired = (now: Date, exp: number): FederationError =>
  new FederationError(
    'ExpiredTokenException',
    `Token expired: current date/time ${Math.floor(now.getTime() / 1000)} must be before the expiration date/time ${exp}`,
  );

/** Signature and time claims; a key the cached set lacks is looked up once more at the issuer. */
const verifySignature = async (token: string, issuer: string, options: VerifyTokenOptions): Promise<void> => {
  const attempt = (jwks: JSONWebKeySet) =>
    jwtVerify(token, createLocalJWKSet(jwks), {
      algorithms: [...OIDC_ALGORITHMS],
      currentDate: options.now,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
  const now = options.now.getTime();
  try {
    try {
      await attempt(await options.keys.keys(issuer, now));
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      const fresh = await options.keys.refetch(issuer, now);
      if (fresh === undefined) throw error;
      await attempt(fresh);
    }
  } catch (error) {
    if (error instanceof FederationError) throw error;
    if (error instanceof errors.JWTExpired) throw expired(options.now, error.payload.exp!);
    if (error instanceof errors.JWKSNoMatchingKey) throw invalidToken('The web identity token is signed by a key the issuer does not publish.');
    if (error instanceof errors.JWTClaimValidationFailed) throw invalidToken(`The web identity token's ${error.claim} claim is not valid now.`);
    throw invalidToken('The web identity token signature could not be verified.');
  }
};

export const verifyWebIdentityToken = async (token: string, options: VerifyTokenOptions): Promise<VerifiedWebIdentity> => {
  const { payload, alg } = decode(token);
  if (alg === undefined || !(OIDC_ALGORITHMS as readonly string[]).includes(alg)) {
    throw invalidToken(`The web identity token is signed with ${alg ?? 'no algorithm'}; only ${OIDC_ALGORITHMS.join(', ')} are accepted.`);
  }
  const issuer = payload.iss;
  if (typeof issuer !== 'string' || issuer === '') throw invalidToken('The web identity token has no iss claim.');
  const provider = issuer.startsWith('https://') ? options.findProvider(issuer.slice('https://'.length).replace(/\/+$/, '')) : undefined;
  if (provider === undefined) throw invalidToken(`No OpenIDConnect provider found in your account for ${issuer}`);
  requireIntegerDates(payload);
  if (payload.exp === undefined) throw invalidToken('The web identity token has no exp claim.');

  const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
  const audience = audiences.find((a) => provider.clientIds.includes(a));
  await verifySignature(token, `https://${provider.url}`, options);
  if (audience === undefined) throw invalidToken('Incorrect token audience');
  if (payload.iat !== undefined && payload.iat > options.now.getTime() / 1000 + CLOCK_SKEW_SECONDS) {
    throw invalidToken('The web identity token was issued in the future.');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') throw invalidToken('The web identity token has no sub claim.');
  const amr = payload.amr;
  if (amr !== undefined && (!Array.isArray(amr) || amr.some((v) => typeof v !== 'string'))) throw invalidToken('The amr claim is malformed.');
  const sourceIdentity = payload[SOURCE_IDENTITY_CLAIM];
  if (sourceIdentity !== undefined && typeof sourceIdentity !== 'string') throw invalidToken(`The ${SOURCE_IDENTITY_CLAIM} claim is malformed.`);
  return {
    provider,
    issuer,
    subject: payload.sub,
    audience,
    ...(amr !== undefined && { amr: amr as string[] }),
    ...readTagsClaim(payload[TAGS_CLAIM]),
    ...(sourceIdentity !== undefined && { sourceIdentity }),
  };
};
