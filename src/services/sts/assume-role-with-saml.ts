// AssumeRoleWithSAML (§5.1, §5.10), unsigned: a SAML Response signed by an IAM SAML provider's IdP, whose
// Role attribute names this role and provider, buys a role session when the trust policy allows the provider.

import { AwsError } from '../../domain/index.js';
import { nameQualifier, parseSamlMetadata, readAwsAttributes, samlAttributeContext, subjectType, verifySamlResponse } from '../../sts/index.js';
import { dataOf, KIND, type SamlProviderData } from '../iam/records.js';
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
import type { UnsignedStsHandler } from './unsigned.js';

const ACTION = 'sts:AssumeRoleWithSAML';

const invalid = (message: string): AwsError => new AwsError('InvalidIdentityToken', message);

export const assumeRoleWithSAML: UnsignedStsHandler = async (deps, input) => {
  const roleArn = input.RoleArn as string;
  const principalArn = input.PrincipalArn as string;
  const provider = deps.state.get(KIND.samlProvider, principalArn);
  // The provider must be one of the role's account (its ARN names the same account).
  if (provider === undefined || !roleArn.startsWith(`arn:aws:iam::${provider.account}:`)) throw invalid(`SAML provider ${principalArn} was not found in the role's account.`);
  const metadata = parseSamlMetadata(dataOf<SamlProviderData>(provider).metadataDocument);
  if (metadata === undefined) throw invalid(`The metadata of SAML provider ${principalArn} has no signing certificate.`);

  let assertion: ReturnType<typeof verifySamlResponse>;
  let attributes: ReturnType<typeof readAwsAttributes>;
  try {
    assertion = verifySamlResponse(input.SAMLAssertion as string, metadata, deps.now);
    attributes = readAwsAttributes(assertion.attributes, roleArn, principalArn);
  } catch (error) {
    throw asAwsError(error);
  }
  checkIdpSessionFacts(attributes);
  const role = findFederatedRole(deps, roleArn, ACTION);
  const policies = readSessionPolicies(deps, input, role.account);
  // The session ends at DurationSeconds, the assertion's SessionNotOnOrAfter or its SessionDuration attribute,
  // whichever is soonest (§5.4).
  const untilSessionEnd = assertion.sessionNotOnOrAfter && Math.floor((assertion.sessionNotOnOrAfter.getTime() - deps.now.getTime()) / 1000);
  const duration = Math.min(requestedDuration(input, role), untilSessionEnd ?? Number.POSITIVE_INFINITY, attributes.sessionDuration ?? Number.POSITIVE_INFINITY);

  const sessionName = attributes.roleSessionName;
  const qualifier = nameQualifier(assertion.issuer, provider.account, provider.name);
  const type = subjectType(assertion.subjectFormat);
  // saml:sub, saml:sub_type and saml:namequalifier carry into the session's later requests (§3.9).
  const carriedKeys = { 'saml:namequalifier': qualifier, 'saml:sub': assertion.subject, 'saml:sub_type': type };
  requireTrust(deps, role, { kind: 'saml', provider: principalArn }, ACTION, attributes, {
    ...samlAttributeContext(assertion.attributes),
    ...carriedKeys,
    'saml:aud': assertion.recipient,
    'saml:iss': assertion.issuer,
    'saml:doc': `${provider.account}/${provider.name}`,
    'sts:RoleSessionName': sessionName,
    'aws:FederatedProvider': principalArn,
  });
  const packed = packedSizeOf(policies, attributes);

  const issued = await issueFederatedSession(deps, {
    role,
    sessionName,
    origin: 'AssumeRoleWithSAML',
    policies,
    facts: attributes,
    provider: principalArn,
    carriedKeys,
    duration,
  });
  return {
    Credentials: issued.output,
    AssumedRoleUser: assumedRoleUser(role, sessionName),
    ...(packed !== undefined && { PackedPolicySize: packed }),
    Subject: assertion.subject,
    SubjectType: type,
    Issuer: assertion.issuer,
    Audience: assertion.recipient,
    NameQualifier: qualifier,
    ...(attributes.sourceIdentity !== undefined && { SourceIdentity: attributes.sourceIdentity }),
  };
};
