// AWS services over the store and the engine: one folder per service.

export { IAM_OPERATIONS, Authorizer, ManagedCatalogue, KIND, dataOf, isoNow } from './iam/index.js';
export type { AccessKeyData, AccountData, AuthorizationCheck, Enforcement, IamContext, IamHandler, RequestFacts, SoftDenial, UserData } from './iam/index.js';
export { checkCredentialScope, revokeOlderSessions, REVOKE_POLICY_NAME, STS_OPERATIONS } from './sts/index.js';
export { UNSIGNED_STS_OPERATIONS, type UnsignedStsDeps, type UnsignedStsHandler } from './sts/index.js';
export { callerArn, callerPrincipal, callerUserId, type Caller } from './access/caller.js';
export { accountByIssuerId, ISSUER_PATH_PREFIX, TOKEN_SIGNING_ALGORITHMS } from './iam/outbound-federation.js';
