// AssumeRoleWithWebIdentity (§5.1, §5.9), unsigned: an OIDC token from an issuer that an IAM OIDC provider
// of the role's account names buys a role session, when the role's trust policy allows the provider.

import { parseIamArn, validationError } from '../../domain/index.js';
import { verifyWebIdentityToken, type OidcProviderRef } from '../../sts/index.js';
import { dataOf, KIND, type OidcProviderData } from '../iam/records.js';
import {
  asAwsError,
  assumedRoleUser,
  checkIdpSessionFacts,
  findFederatedRole,
  packedSizeOf,
  requestedDuration,
  requireTrust,
  issueFederatedSession,
} from './federation.js';
import { readSessionPolicies } from './session-policies.js';
import type { UnsignedStsDeps, UnsignedStsHandler } from './unsigned.js';

const ACTION = 'sts:AssumeRoleWithWebIdentity';

/** The account's OIDC provider whose URL (without https://) is the issuer's. */
const providerLookup = (deps: UnsignedStsDeps, account: string) => (issuerName: string): OidcProviderRef | undefined => {
  const record = deps.state.byName(account, KIND.oidcProvider, '', issuerName);
  if (record === undefined) return undefined;
  const data = dataOf<OidcProviderData>(record);
  return { arn: data.arn, url: data.url, clientIds: data.clientIds };
};

export const assumeRoleWithWebIdentity: UnsignedStsHandler = async (deps, input) => {
  const roleArn = input.RoleArn as string;
  const sessionName = input.RoleSessionName as string;
  const account = parseIamArn(roleArn)?.account;
  if (account === undefined) throw validationError('Request ARN is invalid');
  // The token is judged first: an unknown issuer or a bad signature says so whatever the role.
  const identity = await verifyWebIdentityToken(input.WebIdentityToken as string, {
    findProvider: providerLookup(deps, account),
    keys: deps.issuerKeys,
    now: deps.now,
  }).catch((error: unknown) => {
    throw asAwsError(error);
  });
  checkIdpSessionFacts(identity);
  const role = findFederatedRole(deps, roleArn, ACTION);
  const policies = readSessionPolicies(deps, input, role.account);
  const duration = requestedDuration(input, role);

  // <provider>:aud, :sub and :amr are evaluated here and carried into the session's later requests (§3.9).
  const provider = identity.provider;
  const carriedKeys = {
    [`${provider.url}:aud`]: identity.audience,
    [`${provider.url}:sub`]: identity.subject,
    ...(identity.amr !== undefined && { [`${provider.url}:amr`]: identity.amr }),
  };
  requireTrust(deps, role, { kind: 'web-identity', provider: provider.arn }, ACTION, identity, {
    ...carriedKeys,
    'sts:RoleSessionName': sessionName,
    'aws:FederatedProvider': provider.arn,
  });
  const packed = packedSizeOf(policies, identity);

  const issued = await issueFederatedSession(deps, {
    role,
    sessionName,
    origin: 'AssumeRoleWithWebIdentity',
    policies,
    facts: identity,
    provider: provider.arn,
    carriedKeys,
    duration,
  });
  return {
    Credentials: issued.output,
    SubjectFromWebIdentityToken: identity.subject,
    AssumedRoleUser: assumedRoleUser(role, sessionName),
    ...(packed !== undefined && { PackedPolicySize: packed }),
    // The token's iss, as AWS documents the member (§5.9).
    Provider: identity.issuer,
    Audience: identity.audience,
    ...(identity.sourceIdentity !== undefined && { SourceIdentity: identity.sourceIdentity }),
  };
};
