// The records IAM keeps in the store (kind, scope, name and the JSON body of each), and the conversions
// between them and the shapes the API returns. Unique ids have distinct prefixes, so an owner id used as a
// scope never collides across users, groups and roles.

import type { StoredRecord } from '../../store/index.js';

export const KIND = {
  account: 'account',
  user: 'user',
  group: 'group',
  role: 'role',
  policy: 'policy',
  policyVersion: 'policy-version',
  inlinePolicy: 'inline-policy',
  attachment: 'attachment',
  membership: 'membership',
  accessKey: 'access-key',
  instanceProfile: 'instance-profile',
  loginProfile: 'login-profile',
  /** A role in an instance profile: scope = the profile's id, name = the role's id (§6.4: at most one). */
  instanceProfileRole: 'instance-profile-role',
  /** id = the provider's ARN, name = its URL without `https://`. */
  oidcProvider: 'oidc-provider',
  /** id = the provider's ARN, name = its Name. */
  samlProvider: 'saml-provider',
  /** id = name = the DeletionTaskId. */
  deletionTask: 'deletion-task',
  /** id = name = an account alias, claimed by the account that holds it (aliases are unique across accounts). */
  accountAlias: 'account-alias',
} as const;

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface AccountData {
  readonly alias?: string;
  readonly passwordPolicy?: Record<string, unknown>;
  /** Outbound identity federation: the issuer and token signing keys (outbound-federation.ts). */
  readonly outboundFederation?: unknown;
}

export interface UserData {
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
  readonly tags: readonly Tag[];
  readonly permissionsBoundary?: string;
}

export interface GroupData {
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
}

export interface RoleData {
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
  readonly assumeRolePolicyDocument: string;
  /** The unique id of each user or role the trust policy named when it was saved, by ARN (§2.3). */
  readonly trustPrincipalIds?: Readonly<Record<string, string>>;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly tags: readonly Tag[];
  readonly permissionsBoundary?: string;
  /** Set for service-linked roles: the service that owns the role. */
  readonly serviceLinkedTo?: string;
}

export interface PolicyData {
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
  readonly updateDate: string;
  readonly description?: string;
  readonly defaultVersionId: string;
  /** The next version number to hand out: versions are never renumbered. */
  readonly nextVersion: number;
  readonly tags: readonly Tag[];
}

export interface PolicyVersionData {
  readonly document: string;
  readonly createDate: string;
}

export type OwnerType = 'user' | 'group' | 'role';

export interface InlinePolicyData {
  readonly ownerType: OwnerType;
  readonly document: string;
}

export interface AttachmentData {
  readonly ownerType: OwnerType;
  readonly policyArn: string;
}

export interface AccessKeyData {
  /** 'root' or the owning user's id. */
  readonly owner: string;
  readonly userName?: string;
  readonly sealedSecret: string;
  readonly status: 'Active' | 'Inactive';
  readonly createDate: string;
  readonly lastUsed?: { readonly date: string; readonly service: string; readonly region: string };
}

export const dataOf = <T>(record: StoredRecord): T => record.data as T;

/** AWS timestamps in responses: ISO-8601 UTC without milliseconds. */
export const isoNow = (now: Date): string => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

// ---- Instance-profile membership, identity providers and service-linked-role deletion tasks.

/** Kinds added with roles, instance profiles, service-linked roles and identity providers. */


export interface InstanceProfileData {
  readonly path: string;
  readonly arn: string;
  readonly createDate: string;
  readonly tags: readonly Tag[];
}

export interface InstanceProfileRoleData {
  readonly roleName: string;
}

/** What STS may record on a role when it is assumed (GetRole's RoleLastUsed); read beside RoleData. */
export interface RoleLastUsedData {
  readonly lastUsed?: { readonly date: string; readonly region: string };
}

export interface OidcProviderData {
  /** The URL without `https://` (host and optional path), as GetOpenIDConnectProvider returns it. */
  readonly url: string;
  readonly arn: string;
  readonly clientIds: readonly string[];
  readonly thumbprints: readonly string[];
  readonly createDate: string;
  readonly tags: readonly Tag[];
}

export interface SamlPrivateKeyData {
  readonly keyId: string;
  readonly timestamp: string;
  /** The PEM private key, sealed under the master key. */
  readonly sealedKey: string;
}

export interface SamlProviderData {
  readonly arn: string;
  /** Stored exactly as given. */
  readonly metadataDocument: string;
  readonly uuid: string;
  readonly createDate: string;
  readonly validUntil: string;
  readonly tags: readonly Tag[];
  readonly assertionEncryptionMode?: 'Required' | 'Allowed';
  readonly privateKeys: readonly SamlPrivateKeyData[];
}

export type DeletionTaskStatus = 'SUCCEEDED' | 'IN_PROGRESS' | 'FAILED' | 'NOT_STARTED';

export interface DeletionTaskData {
  readonly roleName: string;
  readonly roleId: string;
  readonly roleArn: string;
  readonly serviceName: string;
  readonly status: DeletionTaskStatus;
  readonly createDate: string;
  /** Why a FAILED task failed, and what still uses the role. */
  readonly reason?: string;
  readonly roleUsage?: readonly { readonly region: string; readonly resources: readonly string[] }[];
}
