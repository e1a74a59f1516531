// AWS's SAML attributes (§5.10, §5.7, §5.8): the Role pairs the call must match, RoleSessionName, and the
// optional SessionDuration, SourceIdentity, PrincipalTag:<Key> and TransitiveTagKeys. Names are case-sensitive.

import { FederationError, invalidToken } from '../federation-error.js';

const PREFIX = 'https://aws.amazon.com/SAML/Attributes/';
const ROLE = `${PREFIX}Role`;
const ROLE_SESSION_NAME = `${PREFIX}RoleSessionName`;
const SOURCE_IDENTITY = `${PREFIX}SourceIdentity`;
const PRINCIPAL_TAG = `${PREFIX}PrincipalTag:`;
const TRANSITIVE_TAG_KEYS = `${PREFIX}TransitiveTagKeys`;
const SESSION_DURATION = `${PREFIX}SessionDuration`;
/** SessionDuration's range (§5.10): 15 minutes to 12 hours. */
const SESSION_DURATION_SECONDS = { min: 900, max: 43_200 } as const;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export interface AwsSamlAttributes {
  readonly roleSessionName: string;
  /** SessionDuration: the IdP's cap on the session, in seconds (§5.4: it can shorten an API session). */
  readonly sessionDuration?: number;
  readonly sourceIdentity?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly transitiveTagKeys?: readonly string[];
}

/** Is "roleArn,providerArn" (either order, spaces ignored) among the assertion's Role values? */
const hasRolePair = (values: readonly string[], roleArn: string, principalArn: string): boolean =>
  values.some((value) => {
    const parts = value.split(',').map((p) => p.trim());
    if (parts.length !== 2) return false;
    return (parts[0] === roleArn && parts[1] === principalArn) || (parts[0] === principalArn && parts[1] === roleArn);
  });

const single = (attributes: ReadonlyMap<string, readonly string[]>, name: string): string | undefined => {
  const values = attributes.get(name);
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw invalidToken(`The SAML attribute ${name} must have one value.`);
  return values[0];
};

export const readAwsAttributes = (
  attributes: ReadonlyMap<string, readonly string[]>,
  roleArn: string,
  principalArn: string,
): AwsSamlAttributes => {
  const roles = attributes.get(ROLE);
  if (roles === undefined || roles.length === 0) throw invalidToken('Missing Role Attribute');
  if (!hasRolePair(roles, roleArn, principalArn)) {
    throw new FederationError('IDPRejectedClaim', `The SAML assertion does not allow role ${roleArn} with provider ${principalArn}.`);
  }
  const roleSessionName = single(attributes, ROLE_SESSION_NAME);
  if (roleSessionName === undefined) throw invalidToken('RoleSessionName is required in AuthnResponse');
  if (!SESSION_NAME.test(roleSessionName)) throw invalidToken(`RoleSessionName ${roleSessionName} must be 2 to 64 characters of [\\w+=,.@-].`);
  const sourceIdentity = single(attributes, SOURCE_IDENTITY);
  const sessionDurationText = single(attributes, SESSION_DURATION);
  const sessionDuration = sessionDurationText === undefined ? undefined : Number(sessionDurationText.trim());
  if (
    sessionDuration !== undefined &&
    (!/^\d+$/.test(sessionDurationText!.trim()) || sessionDuration < SESSION_DURATION_SECONDS.min || sessionDuration > SESSION_DURATION_SECONDS.max)
  ) {
    throw invalidToken(`The SAML attribute SessionDuration must be a whole number of seconds from ${SESSION_DURATION_SECONDS.min} to ${SESSION_DURATION_SECONDS.max}; got '${sessionDurationText!.slice(0, 20)}'.`);
  }
  const tags: Record<string, string> = {};
  for (const [name, values] of attributes) {
    if (!name.startsWith(PRINCIPAL_TAG)) continue;
    if (values.length !== 1) throw invalidToken(`The SAML attribute ${name} must have one value.`);
    tags[name.slice(PRINCIPAL_TAG.length)] = values[0]!;
  }
  const transitiveTagKeys = attributes.get(TRANSITIVE_TAG_KEYS) ?? [];
  return {
    roleSessionName,
    ...(sessionDuration !== undefined && { sessionDuration }),
    ...(sourceIdentity !== undefined && { sourceIdentity }),
    ...(Object.keys(tags).length > 0 && { tags }),
    ...(transitiveTagKeys.length > 0 && { transitiveTagKeys }),
  };
};
