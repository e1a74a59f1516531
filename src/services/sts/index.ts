// The STS operations (§5.1): GetCallerIdentity (never denied, §4.6 step 0), GetAccessKeyInfo, AssumeRole,
// GetSessionToken, GetFederationToken and DecodeAuthorizationMessage; and the per-request check of what
// temporary credentials may call (§5.3).

import { accountOfAccessKeyId, AwsError } from '../../domain/index.js';
import { callerArn, callerUserId } from '../access/caller.js';
import type { IamHandler } from '../iam/index.js';
import { KIND } from '../iam/index.js';
import { ASSUME_ROLE_OPERATIONS } from './assume-role.js';
import { decodeTrace } from './authorization-message.js';
import { FEDERATION_TOKEN_OPERATIONS } from './federation-token.js';
import { SESSION_TOKEN_OPERATIONS } from './session-token.js';
import { WEB_IDENTITY_TOKEN_OPERATIONS } from './web-identity-token.js';
import { assumeRoleWithSAML } from './assume-role-with-saml.js';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js';
import type { UnsignedStsHandler } from './unsigned.js';

export { checkCredentialScope } from './restrictions.js';
export { revokeOlderSessions, REVOKE_POLICY_NAME } from './revoke.js';

const getCallerIdentity: IamHandler = async (ctx) => ({
  UserId: callerUserId(ctx.caller),
  Account: ctx.account,
  Arn: callerArn(ctx.caller),
});

/**
 * The account of any access key: a stored long-term key's record, otherwise the account the id itself names
 * (session keys, keys of other accounts and deployments, as AWS answers for them).
 */
const getAccessKeyInfo: IamHandler = async (ctx, input) => {
  const id = input.AccessKeyId as string;
  ctx.authorize({ action: 'sts:GetAccessKeyInfo', resource: '*' });
  const account = ctx.state.get(KIND.accessKey, id)?.account ?? accountOfAccessKeyId(id);
  if (account === undefined) throw new AwsError('InvalidParameterValue', `The access key ${id} is not valid.`);
  return { Account: account };
};

/** The decision trace an AccessDenied carried (DESIGN decision 9), for callers of the same account. */
const decodeAuthorizationMessage: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'sts:DecodeAuthorizationMessage', resource: '*' });
  return { DecodedMessage: JSON.stringify(decodeTrace(ctx.secrets, input.EncodedMessage as string, ctx.account)) };
};

export const STS_OPERATIONS: Readonly<Record<string, IamHandler>> = {
  GetCallerIdentity: getCallerIdentity,
  GetAccessKeyInfo: getAccessKeyInfo,
  DecodeAuthorizationMessage: decodeAuthorizationMessage,
  ...ASSUME_ROLE_OPERATIONS,
  ...SESSION_TOKEN_OPERATIONS,
  ...FEDERATION_TOKEN_OPERATIONS,
  ...WEB_IDENTITY_TOKEN_OPERATIONS,
};

/** The operations served without a signature (§7.4): the IdP's token or assertion is the credential. */
export const UNSIGNED_STS_OPERATIONS: Readonly<Record<string, UnsignedStsHandler>> = {
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
  AssumeRoleWithSAML: assumeRoleWithSAML,
};
export type { UnsignedStsDeps, UnsignedStsHandler } from './unsigned.js';
