// Outbound identity federation (IAM's EnableOutboundWebIdentityFederation, DisableOutboundWebIdentityFederation
// and GetOutboundWebIdentityFederationInfo): an account turns on JSON Web Tokens for its principals
// (sts:GetWebIdentityToken) and gets an issuer URL of its own, whose OIDC discovery document and keys this node
// serves at `<issuer>/.well-known/openid-configuration` and `<issuer>/.well-known/jwks.json`.
// Each account has one RS256 and one ES384 signing key, generated when the feature is first enabled; the
// private halves are sealed at rest like every other secret. Disabling stops token issue and keeps the issuer
// and keys, so an issuer an external service already trusts stays the same when the feature comes back
// (AWS's behaviour on re-enabling is unverified). The issuer URL is fixed when first enabled; start nodes with
// --public-url when verifiers reach them at another address than the one they listen on.

import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { AwsError, type SecretBox } from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { dataOf, KIND, type AccountData } from './records.js';

export const TOKEN_SIGNING_ALGORITHMS = ['RS256', 'ES384'] as const;
export type TokenSigningAlgorithm = (typeof TOKEN_SIGNING_ALGORITHMS)[number];

export interface TokenSigningKey {
  readonly kid: string;
  readonly alg: TokenSigningAlgorithm;
  readonly publicJwk: Readonly<Record<string, string>>;
  /** PKCS#8 PEM, sealed with the master key. */
  readonly sealedPrivateKey: string;
}

export interface OutboundFederationData {
  readonly issuerId: string;
  /**
   * The issuer URL, fixed when the feature was first enabled (from the node's public URL then), so that every
   * node, and the same node after a restart on another address, names the same issuer, as AWS's does.
   */
  readonly issuer: string;
  readonly enabled: boolean;
  readonly keys: readonly TokenSigningKey[];
}

/** Where an account's issuer lives on this node: under the node's public URL, one path per account. */
export const ISSUER_PATH_PREFIX = '/_keycard/outbound/';
export const issuerUrl = (publicUrl: string, issuerId: string): string => `${publicUrl.replace(/\/+$/, '')}${ISSUER_PATH_PREFIX}${issuerId}`;

const generateKey = (alg: TokenSigningAlgorithm, secrets: SecretBox): TokenSigningKey => {
  const { publicKey, privateKey } =
    alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const kid = randomUUID();
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return {
    kid,
    alg,
    publicJwk: { ...jwk, kid, alg, use: 'sig' },
    sealedPrivateKey: secrets.seal(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
  };
};

export const outboundFederationOf = (account: StoredRecord | undefined): OutboundFederationData | undefined =>
  account === undefined ? undefined : (dataOf<AccountData>(account).outboundFederation as OutboundFederationData | undefined);

/** The account whose issuer has this id, if the feature was ever enabled there. */
export const accountByIssuerId = (state: Snapshot, issuerId: string): { account: StoredRecord; federation: OutboundFederationData } | undefined => {
  for (const account of state.all(KIND.account)) {
    const federation = outboundFederationOf(account);
    if (federation?.issuerId === issuerId) return { account, federation };
  }
  return undefined;
};

/** The private key that signs this account's tokens with alg, and its key id. */
export const signingKeyFor = (
  federation: OutboundFederationData,
  alg: TokenSigningAlgorithm,
  secrets: SecretBox,
): { readonly kid: string; readonly privateKey: KeyObject } => {
  const key = federation.keys.find((k) => k.alg === alg);
  if (key === undefined) throw new Error(`no ${alg} token signing key`);
  return { kid: key.kid, privateKey: createPrivateKey(secrets.open(key.sealedPrivateKey)) };
};

const featureDisabled = () => new AwsError('FeatureDisabled', 'Outbound identity federation is disabled for your account.');

const enable: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:EnableOutboundWebIdentityFederation', resource: '*' });
  // Keys are made before the transaction, so generating them (RSA takes a while) holds no lock.
  const fresh = outboundFederationOf(ctx.state.get(KIND.account, ctx.account)) === undefined ? newFederation(ctx) : undefined;
  const federation = await ctx.write(async (tx) => {
    const account = await tx.getById(KIND.account, ctx.account);
    if (account === undefined) throw new AwsError('NoSuchEntity', `The account ${ctx.account} cannot be found.`);
    const current = outboundFederationOf(account);
    if (current?.enabled) {
      throw new AwsError('FeatureEnabled', 'Outbound identity federation is already enabled for your account. Use GetOutboundWebIdentityFederationInfo to see its issuer.');
    }
    const next: OutboundFederationData = current ? { ...current, enabled: true } : (fresh ?? newFederation(ctx));
    await tx.update(KIND.account, ctx.account, { data: { ...dataOf<AccountData>(account), outboundFederation: next } });
    return next;
  });
  return { IssuerIdentifier: federation.issuer };
};

const newFederation = (ctx: IamContext): OutboundFederationData => {
  const issuerId = randomUUID();
  return {
    issuerId,
    issuer: issuerUrl(ctx.publicUrl, issuerId),
    enabled: true,
    keys: TOKEN_SIGNING_ALGORITHMS.map((alg) => generateKey(alg, ctx.secrets)),
  };
};

const disable: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:DisableOutboundWebIdentityFederation', resource: '*' });
  await ctx.write(async (tx) => {
    const account = await tx.getById(KIND.account, ctx.account);
    const current = outboundFederationOf(account);
    if (account === undefined || !current?.enabled) throw featureDisabled();
    await tx.update(KIND.account, ctx.account, { data: { ...dataOf<AccountData>(account), outboundFederation: { ...current, enabled: false } } });
  });
  return undefined;
};

const info: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:GetOutboundWebIdentityFederationInfo', resource: '*' });
  const current = outboundFederationOf(ctx.state.get(KIND.account, ctx.account));
  if (!current?.enabled) throw featureDisabled();
  return { IssuerIdentifier: current.issuer, JwtVendingEnabled: true };
};

/** The account's federation settings when tokens may be issued; undefined when the feature is off. */
export const enabledFederation = (ctx: IamContext): OutboundFederationData | undefined => {
  const current = outboundFederationOf(ctx.state.get(KIND.account, ctx.account));
  return current?.enabled ? current : undefined;
};

export const OUTBOUND_FEDERATION_OPERATIONS: Record<string, IamHandler> = {
  EnableOutboundWebIdentityFederation: enable,
  DisableOutboundWebIdentityFederation: disable,
  GetOutboundWebIdentityFederationInfo: info,
};
