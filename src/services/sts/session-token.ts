// GetSessionToken (§5.1, §5.3, §5.4): long-term credentials of an IAM user or the root user only, no
// authorization step (§4.6 step 0), optional MFA; the session has the caller's own permissions.

import type { IamHandler } from '../iam/index.js';
import { issueSession } from './issue.js';
import { longTermCaller } from './restrictions.js';
import { verifyRequestMfa } from './mfa.js';

export const DEFAULT_SESSION_TOKEN_SECONDS = 43_200;
/** The root user's GetSessionToken and GetFederationToken sessions are capped at an hour, silently (§5.4). */
export const ROOT_SESSION_MAX_SECONDS = 3600;

const getSessionToken: IamHandler = async (ctx, input) => {
  const caller = longTermCaller(ctx, 'GetSessionToken');
  const requested = (input.DurationSeconds as number | undefined) ?? DEFAULT_SESSION_TOKEN_SECONDS;
  const duration = caller.kind === 'root' ? Math.min(requested, ROOT_SESSION_MAX_SECONDS) : requested;
  const mfaAuthenticatedAt = await verifyRequestMfa(ctx, input, 'sts:GetSessionToken');
  const principal =
    caller.kind === 'root' ? ({ kind: 'root' } as const) : ({ kind: 'user', userId: caller.userId, userName: caller.userName, arn: caller.arn } as const);
  const issued = await issueSession(
    ctx,
    { account: caller.account, principal, origin: 'GetSessionToken', ...(mfaAuthenticatedAt !== undefined && { mfaAuthenticatedAt }) },
    duration,
  );
  return { Credentials: issued.output };
};

export const SESSION_TOKEN_OPERATIONS: Readonly<Record<string, IamHandler>> = { GetSessionToken: getSessionToken };
