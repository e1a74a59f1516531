// GetFederationToken (§5.1–5.7): an IAM user or the root user, with long-term keys, mints a federated-user
// session whose permissions are the parent's capped by the session policies (none ⇒ none, §4.3). Tags are
// allowed but never transitive.

import { callerArn } from '../access/caller.js';
import type { IamHandler } from '../iam/index.js';
import { issueSession } from './issue.js';
import { longTermCaller } from './restrictions.js';
import { packedPolicySize, readSessionPolicies, requirePackedSize } from './session-policies.js';
import { DEFAULT_SESSION_TOKEN_SECONDS, ROOT_SESSION_MAX_SECONDS } from './session-token.js';
import { readSessionTags, sessionTagContext } from './session-tags.js';

export const federatedUserArn = (account: string, name: string): string => `arn:aws:sts::${account}:federated-user/${name}`;

const getFederationToken: IamHandler = async (ctx, input) => {
  const caller = longTermCaller(ctx, 'GetFederationToken');
  const name = input.Name as string;
  const arn = federatedUserArn(caller.account, name);
  const tags = readSessionTags(input, {}, false);
  const policies = readSessionPolicies(ctx, input, caller.account);
  const check = { resource: arn, context: sessionTagContext(tags, []) };
  ctx.authorize({ ...check, action: 'sts:GetFederationToken' });
  if (tags.passed.length > 0) ctx.authorize({ ...check, action: 'sts:TagSession' });

  const requested = (input.DurationSeconds as number | undefined) ?? DEFAULT_SESSION_TOKEN_SECONDS;
  const duration = caller.kind === 'root' ? Math.min(requested, ROOT_SESSION_MAX_SECONDS) : requested;
  const packed = packedPolicySize(policies, tags.tags);
  requirePackedSize(packed);
  const issued = await issueSession(
    ctx,
    {
      account: caller.account,
      principal: {
        kind: 'federated-user',
        name,
        parentUserArn: callerArn(caller),
        ...(caller.kind === 'user' && { parentUserId: caller.userId }),
      },
      origin: 'GetFederationToken',
      ...(policies.policy !== undefined && { policy: policies.policy }),
      ...(policies.policyArns.length > 0 && { policyArns: policies.policyArns }),
      ...(tags.passed.length > 0 && { tags: tags.tags }),
    },
    duration,
  );
  const hasSessionInput = policies.policy !== undefined || policies.policyArns.length > 0 || tags.passed.length > 0;
  return {
    Credentials: issued.output,
    FederatedUser: { FederatedUserId: `${caller.account}:${name}`, Arn: arn },
    ...(hasSessionInput && { PackedPolicySize: packed }),
  };
};

export const FEDERATION_TOKEN_OPERATIONS: Readonly<Record<string, IamHandler>> = { GetFederationToken: getFederationToken };
