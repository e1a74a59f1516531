// What temporary credentials may call, by how they were obtained (§5.3). Checked for every request before
// the operation runs, so no service has to remember: federated users call no IAM API and no STS operation
// but GetCallerIdentity; GetSessionToken sessions call IAM only with MFA and STS only AssumeRole and
// GetCallerIdentity; no session calls GetSessionToken or GetFederationToken.

import type { AwsError } from '../../domain/index.js';
import { callerArn, callerUserId, type Caller } from '../access/caller.js';
import type { IamContext } from '../iam/index.js';
import { accessDenied } from './authorization-message.js';

const LONG_TERM_ONLY: ReadonlySet<string> = new Set(['GetSessionToken', 'GetFederationToken']);
const SESSION_TOKEN_STS: ReadonlySet<string> = new Set(['AssumeRole', 'GetCallerIdentity']);

/** AccessDenied for an operation these credentials may not call, with the reason sealed in the trace. */
const denied = (ctx: IamContext, action: string, message: string, reason: string): AwsError => {
  const { caller } = ctx;
  return accessDenied(ctx.secrets, message, {
    principal: { id: callerUserId(caller), arn: callerArn(caller), account: caller.account },
    action,
    resource: '*',
    context: { 'keycard:CredentialOrigin': caller.session?.origin ?? 'long-term' },
    reason,
  });
};

/** Throws AccessDenied when the caller's kind of credentials may not call service:operation. */
export const checkCredentialScope = (ctx: IamContext, service: 'iam' | 'sts', operation: string): void => {
  const session = ctx.caller.session;
  if (session === undefined) return;
  const action = `${service}:${operation}`;
  const notAuthorized = (why: string) => `User: ${callerArn(ctx.caller)} is not authorized to perform: ${action} ${why}`;
  if (service === 'sts' && LONG_TERM_ONLY.has(operation)) {
    throw denied(ctx, action, `Cannot call ${operation} with session credentials`, 'long-term-credentials-required');
  }
  if (session.origin === 'GetFederationToken' && (service === 'iam' || operation !== 'GetCallerIdentity')) {
    const why = service === 'iam' ? 'because credentials from GetFederationToken cannot call IAM' : 'because credentials from GetFederationToken can call only sts:GetCallerIdentity';
    throw denied(ctx, action, notAuthorized(why), 'federated-user-credential-scope');
  }
  if (session.origin === 'GetSessionToken') {
    if (service === 'iam' && session.mfaAuthenticatedAt === undefined) {
      throw denied(ctx, action, notAuthorized('because credentials from GetSessionToken can call IAM only when MFA was used'), 'session-token-without-mfa');
    }
    if (service === 'sts' && !SESSION_TOKEN_STS.has(operation)) {
      throw denied(ctx, action, notAuthorized('because credentials from GetSessionToken can call only sts:AssumeRole and sts:GetCallerIdentity'), 'session-token-credential-scope');
    }
  }
};

/** The caller of GetSessionToken / GetFederationToken, which must hold long-term keys (also without the hook). */
export const longTermCaller = (ctx: IamContext, operation: string): Extract<Caller, { kind: 'user' | 'root' }> => {
  const { caller } = ctx;
  if (caller.session === undefined && (caller.kind === 'user' || caller.kind === 'root')) return caller;
  throw denied(ctx, `sts:${operation}`, `Cannot call ${operation} with session credentials`, 'long-term-credentials-required');
};
