// IAM identity providers that federation trusts: OpenID Connect providers (§5.9) and SAML providers (§5.10),
// each at most 100 per account, with tags. Both are named by ARN in every call after creation.

import { createPrivateKey, randomBytes } from 'node:crypto';
import { entityAlreadyExists, invalidInput, limitExceeded, noSuchEntity, PARTITION } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { AuthorizationCheck, IamContext, IamHandler } from './context.js';
import { dataOf, isoNow, KIND, type OidcProviderData, type SamlPrivateKeyData, type SamlProviderData, type Tag } from './records.js';
import { checkNewTags, readTags, requestTagContext, resourceTagContext, tagsOutput } from './tags.js';
import { tagOperations } from './tag-operations.js';

export const OIDC_PROVIDERS_PER_ACCOUNT = 100;
export const SAML_PROVIDERS_PER_ACCOUNT = 100;
export const CLIENT_IDS_PER_OIDC_PROVIDER = 100;
export const THUMBPRINTS_PER_OIDC_PROVIDER = 5;
export const PRIVATE_KEYS_PER_SAML_PROVIDER = 2;

type ProviderKind = 'oidc' | 'saml';

const KINDS = {
  oidc: { kind: KIND.oidcProvider, arnType: 'oidc-provider', notFound: 'OpenIDConnect Provider not found for arn' },
  saml: { kind: KIND.samlProvider, arnType: 'saml-provider', notFound: 'Manifest not found for arn' },
} as const;

const providerArn = (account: string, kind: ProviderKind, name: string): string =>
  `arn:${PARTITION}:iam::${account}:${KINDS[kind].arnType}/${name}`;

/** A provider of the caller's account named by ARN: InvalidInput when it is no such ARN, NoSuchEntity when absent. */
export const findProvider = (ctx: IamContext, kind: ProviderKind, arn: string): StoredRecord => {
  const shape = new RegExp(`^arn:[^:]+:iam::\\d{12}:${KINDS[kind].arnType}/.+$`);
  if (!shape.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  const record = ctx.state.get(KINDS[kind].kind, arn);
  if (record === undefined || record.account !== ctx.account) throw noSuchEntity(`${KINDS[kind].notFound} ${arn}`);
  return record;
};

const providerCheck = (action: string, provider: StoredRecord): AuthorizationCheck => ({
  action,
  resource: provider.id,
  context: resourceTagContext((provider.data as { tags: readonly Tag[] }).tags),
});

/** Re-reads the provider in a write and stores change(data). */
const updateProvider = <T>(ctx: IamContext, kind: ProviderKind, provider: StoredRecord, change: (data: T) => T) =>
  ctx.write(async (tx) => {
    const current = await tx.getById(KINDS[kind].kind, provider.id);
    if (current === undefined) throw noSuchEntity(`${KINDS[kind].notFound} ${provider.id}`);
    await tx.update(KINDS[kind].kind, provider.id, { data: change(dataOf<T>(current)) });
  });

/** Tag, Untag and List…Tags for one provider kind: the same rules as every other taggable entity. */
const providerTagOperations = (kind: ProviderKind, arnMember: string, label: string): Record<string, IamHandler> =>
  tagOperations({
    label,
    keyCase: 'sensitive',
    find: (ctx, input) => findProvider(ctx, kind, input[arnMember] as string),
    check: providerCheck,
    notFound: (provider) => noSuchEntity(`${KINDS[kind].notFound} ${provider.id}`),
  });

const deleteOperation = (kind: ProviderKind, arnMember: string, label: string): IamHandler => async (ctx, input) => {
  const provider = findProvider(ctx, kind, input[arnMember] as string);
  ctx.authorize(providerCheck(`iam:Delete${label}`, provider));
  await ctx.write(async (tx) => {
    if (!(await tx.delete(KINDS[kind].kind, provider.id))) throw noSuchEntity(`${KINDS[kind].notFound} ${provider.id}`);
  });
  return undefined;
};

// ---- OpenID Connect (§5.9)

/** https only, a host without port or credentials, an optional path, no query or fragment. */
const OIDC_URL = /^https:\/\/([^/?#:@\s]+)(\/[^?#\s]*)?$/;

/** The URL without its scheme and trailing slashes: the ARN's resource name and the stored Url. */
const oidcUrlName = (url: string): string => {
  const match = OIDC_URL.exec(url);
  if (match === null) {
    throw invalidInput(`The URL ${url} is not valid: it must begin with https://, name a host without a port, and have no query or fragment.`);
  }
  return url.slice('https://'.length).replace(/\/+$/, '');
};

const uniqueClientIds = (value: unknown): string[] => [...new Set((value as string[] | undefined) ?? [])];

const checkThumbprints = (thumbprints: readonly string[], tooMany: (message: string) => Error): void => {
  if (thumbprints.length > THUMBPRINTS_PER_OIDC_PROVIDER) {
    throw tooMany(`Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: ${THUMBPRINTS_PER_OIDC_PROVIDER}`);
  }
  for (const thumbprint of thumbprints) {
    if (!/^[0-9a-fA-F]{40}$/.test(thumbprint)) throw invalidInput(`Thumbprint ${thumbprint} is not 40 hexadecimal characters.`);
  }
};

const checkClientIds = (clientIds: readonly string[]): void => {
  if (clientIds.length > CLIENT_IDS_PER_OIDC_PROVIDER) {
    throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${CLIENT_IDS_PER_OIDC_PROVIDER}`);
  }
};

const createOpenIDConnectProvider: IamHandler = async (ctx, input) => {
  const name = oidcUrlName(input.Url as string);
  const clientIds = uniqueClientIds(input.ClientIDList);
  const thumbprints = (input.ThumbprintList as string[] | undefined) ?? [];
  const tags = readTags(input.Tags);
  checkNewTags(tags, 'sensitive');
  const arn = providerArn(ctx.account, 'oidc', name);
  ctx.authorize({ action: 'iam:CreateOpenIDConnectProvider', resource: arn, context: requestTagContext(tags) });
  checkClientIds(clientIds);
  checkThumbprints(thumbprints, limitExceeded);
  await ctx.write(async (tx) => {
    if (await tx.getByName(ctx.account, KIND.oidcProvider, '', name)) {
      throw entityAlreadyExists(`Provider with url https://${name} already exists.`);
    }
    if ((await tx.count(ctx.account, KIND.oidcProvider)) >= OIDC_PROVIDERS_PER_ACCOUNT) {
      throw limitExceeded(`Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${OIDC_PROVIDERS_PER_ACCOUNT}`);
    }
    const data: OidcProviderData = { url: name, arn, clientIds, thumbprints, createDate: isoNow(ctx.now), tags };
    await tx.insert({ account: ctx.account, kind: KIND.oidcProvider, id: arn, scope: '', name, data });
  });
  return { OpenIDConnectProviderArn: arn, ...tagsOutput(tags) };
};

const getOpenIDConnectProvider: IamHandler = async (ctx, input) => {
  const provider = findProvider(ctx, 'oidc', input.OpenIDConnectProviderArn as string);
  ctx.authorize(providerCheck('iam:GetOpenIDConnectProvider', provider));
  const data = dataOf<OidcProviderData>(provider);
  return { Url: data.url, ClientIDList: data.clientIds, ThumbprintList: data.thumbprints, CreateDate: data.createDate, ...tagsOutput(data.tags) };
};

const listOpenIDConnectProviders: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:ListOpenIDConnectProviders', resource: '*' });
  return { OpenIDConnectProviderList: ctx.state.list(ctx.account, KIND.oidcProvider).map((p) => ({ Arn: p.id })) };
};

/** Adding an id already there and removing one that is not are both accepted without change (AWS: idempotent). */
const changeClientIds = (action: 'Add' | 'Remove'): IamHandler => async (ctx, input) => {
  const provider = findProvider(ctx, 'oidc', input.OpenIDConnectProviderArn as string);
  ctx.authorize(providerCheck(`iam:${action === 'Add' ? 'AddClientIDTo' : 'RemoveClientIDFrom'}OpenIDConnectProvider`, provider));
  const clientId = input.ClientID as string;
  await updateProvider<OidcProviderData>(ctx, 'oidc', provider, (data) => {
    const clientIds = action === 'Add' ? uniqueClientIds([...data.clientIds, clientId]) : data.clientIds.filter((c) => c !== clientId);
    checkClientIds(clientIds);
    return { ...data, clientIds };
  });
  return undefined;
};

const updateOpenIDConnectProviderThumbprint: IamHandler = async (ctx, input) => {
  const provider = findProvider(ctx, 'oidc', input.OpenIDConnectProviderArn as string);
  ctx.authorize(providerCheck('iam:UpdateOpenIDConnectProviderThumbprint', provider));
  const thumbprints = (input.ThumbprintList as string[] | undefined) ?? [];
  // This operation's model declares no LimitExceeded: too many thumbprints is invalid input here.
  checkThumbprints(thumbprints, invalidInput);
  await updateProvider<OidcProviderData>(ctx, 'oidc', provider, (data) => ({ ...data, thumbprints }));
  return undefined;
};

// ---- SAML (§5.10)

/**
 * A light check without an XML parser: SAML metadata names an EntityDescriptor and carries at least one
 * signing certificate. The document is stored exactly as given; STS reads it when an assertion arrives.
 */
const checkMetadata = (document: string): void => {
  if (!/<([\w-]+:)?EntityDescriptor[\s>]/.test(document) || !/<([\w-]+:)?X509Certificate[\s>]/.test(document)) {
    throw invalidInput('Could not parse metadata');
  }
};

/** The metadata's validUntil when it states one, else a hundred years from now. */
const validUntil = (document: string, now: Date): string => {
  const stated = /<([\w-]+:)?EntityDescriptor\b[^>]*\svalidUntil\s*=\s*["']([^"']+)["']/.exec(document)?.[2];
  const date = stated !== undefined ? new Date(stated) : new Date(Number.NaN);
  if (!Number.isNaN(date.getTime())) return isoNow(date);
  const later = new Date(now);
  later.setUTCFullYear(later.getUTCFullYear() + 100);
  return isoNow(later);
};

/** Key ids and provider UUIDs: the model's `[A-Z0-9]{22,64}`. */
const newKeyId = (): string => randomBytes(16).toString('hex').toUpperCase();

const sealPrivateKey = (ctx: IamContext, pem: string): SamlPrivateKeyData => {
  try {
    createPrivateKey(pem);
  } catch {
    throw invalidInput('The private key is not a valid PEM-encoded private key.');
  }
  return { keyId: newKeyId(), timestamp: isoNow(ctx.now), sealedKey: ctx.secrets.seal(pem) };
};

/** Applies AddPrivateKey/RemovePrivateKey/AssertionEncryptionMode and checks the result. */
const withKeys = (data: SamlProviderData, input: Record<string, unknown>, added?: SamlPrivateKeyData): SamlProviderData => {
  const remove = input.RemovePrivateKey as string | undefined;
  if (remove !== undefined && !data.privateKeys.some((k) => k.keyId === remove)) {
    throw invalidInput(`The private key ${remove} is not on this SAML provider.`);
  }
  const privateKeys = [...data.privateKeys.filter((k) => k.keyId !== remove), ...(added ? [added] : [])];
  if (privateKeys.length > PRIVATE_KEYS_PER_SAML_PROVIDER) {
    throw limitExceeded(`Cannot exceed quota for PrivateKeysPerSAMLProvider: ${PRIVATE_KEYS_PER_SAML_PROVIDER}`);
  }
  const mode = (input.AssertionEncryptionMode as SamlProviderData['assertionEncryptionMode']) ?? data.assertionEncryptionMode;
  if (mode === 'Required' && privateKeys.length === 0) {
    throw invalidInput('AssertionEncryptionMode Required needs a private key to decrypt assertions.');
  }
  return { ...data, privateKeys, ...(mode !== undefined && { assertionEncryptionMode: mode }) };
};

const createSAMLProvider: IamHandler = async (ctx, input) => {
  const name = input.Name as string;
  const document = input.SAMLMetadataDocument as string;
  const tags = readTags(input.Tags);
  checkNewTags(tags, 'sensitive');
  const arn = providerArn(ctx.account, 'saml', name);
  ctx.authorize({ action: 'iam:CreateSAMLProvider', resource: arn, context: requestTagContext(tags) });
  checkMetadata(document);
  const key = typeof input.AddPrivateKey === 'string' ? sealPrivateKey(ctx, input.AddPrivateKey) : undefined;
  const base: SamlProviderData = {
    arn,
    metadataDocument: document,
    uuid: newKeyId(),
    createDate: isoNow(ctx.now),
    validUntil: validUntil(document, ctx.now),
    tags,
    privateKeys: [],
  };
  const data = withKeys(base, input, key);
  await ctx.write(async (tx) => {
    if (await tx.getByName(ctx.account, KIND.samlProvider, '', name)) throw entityAlreadyExists(`SAMLProvider ${name} already exists.`);
    if ((await tx.count(ctx.account, KIND.samlProvider)) >= SAML_PROVIDERS_PER_ACCOUNT) {
      throw limitExceeded(`Cannot exceed quota for SAMLProvidersPerAccount: ${SAML_PROVIDERS_PER_ACCOUNT}`);
    }
    await tx.insert({ account: ctx.account, kind: KIND.samlProvider, id: arn, scope: '', name, data });
  });
  return { SAMLProviderArn: arn, ...tagsOutput(tags) };
};

const getSAMLProvider: IamHandler = async (ctx, input) => {
  const provider = findProvider(ctx, 'saml', input.SAMLProviderArn as string);
  ctx.authorize(providerCheck('iam:GetSAMLProvider', provider));
  const data = dataOf<SamlProviderData>(provider);
  return {
    SAMLProviderUUID: data.uuid,
    SAMLMetadataDocument: data.metadataDocument,
    CreateDate: data.createDate,
    ValidUntil: data.validUntil,
    ...tagsOutput(data.tags),
    ...(data.assertionEncryptionMode !== undefined && { AssertionEncryptionMode: data.assertionEncryptionMode }),
    ...(data.privateKeys.length > 0 && { PrivateKeyList: data.privateKeys.map((k) => ({ KeyId: k.keyId, Timestamp: k.timestamp })) }),
  };
};

const listSAMLProviders: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:ListSAMLProviders', resource: '*' });
  const providers = ctx.state.list(ctx.account, KIND.samlProvider).map((p) => {
    const data = dataOf<SamlProviderData>(p);
    return { Arn: p.id, ValidUntil: data.validUntil, CreateDate: data.createDate };
  });
  return { SAMLProviderList: providers };
};

const updateSAMLProvider: IamHandler = async (ctx, input) => {
  const provider = findProvider(ctx, 'saml', input.SAMLProviderArn as string);
  ctx.authorize(providerCheck('iam:UpdateSAMLProvider', provider));
  const document = input.SAMLMetadataDocument as string | undefined;
  if (document !== undefined) checkMetadata(document);
  const key = typeof input.AddPrivateKey === 'string' ? sealPrivateKey(ctx, input.AddPrivateKey) : undefined;
  await updateProvider<SamlProviderData>(ctx, 'saml', provider, (data) =>
    withKeys(
      document === undefined ? data : { ...data, metadataDocument: document, validUntil: validUntil(document, ctx.now) },
      input,
      key,
    ),
  );
  return { SAMLProviderArn: provider.id };
};

export const PROVIDER_OPERATIONS: Record<string, IamHandler> = {
  CreateOpenIDConnectProvider: createOpenIDConnectProvider,
  GetOpenIDConnectProvider: getOpenIDConnectProvider,
  ListOpenIDConnectProviders: listOpenIDConnectProviders,
  DeleteOpenIDConnectProvider: deleteOperation('oidc', 'OpenIDConnectProviderArn', 'OpenIDConnectProvider'),
  AddClientIDToOpenIDConnectProvider: changeClientIds('Add'),
  RemoveClientIDFromOpenIDConnectProvider: changeClientIds('Remove'),
  UpdateOpenIDConnectProviderThumbprint: updateOpenIDConnectProviderThumbprint,
  ...providerTagOperations('oidc', 'OpenIDConnectProviderArn', 'OpenIDConnectProvider'),
  CreateSAMLProvider: createSAMLProvider,
  GetSAMLProvider: getSAMLProvider,
  ListSAMLProviders: listSAMLProviders,
  UpdateSAMLProvider: updateSAMLProvider,
  DeleteSAMLProvider: deleteOperation('saml', 'SAMLProviderArn', 'SAMLProvider'),
  ...providerTagOperations('saml', 'SAMLProviderArn', 'SAMLProvider'),
};
