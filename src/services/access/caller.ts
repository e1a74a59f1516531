// Who signed a request, as the services see it: the root user or an IAM user with long-term keys (STS
// sessions join here with the STS capability).

import type { RequestPrincipal } from '../../engine/index.js';
import { rootArn } from '../../domain/index.js';

export type Caller =
  | { readonly kind: 'root'; readonly account: string; readonly accessKeyId: string }
  | {
      readonly kind: 'user';
      readonly account: string;
      readonly accessKeyId: string;
      readonly userId: string;
      readonly userName: string;
      readonly arn: string;
    };

export const callerArn = (caller: Caller): string => (caller.kind === 'root' ? rootArn(caller.account) : caller.arn);

/** The caller's user id as GetCallerIdentity reports it (§5.2). */
export const callerUserId = (caller: Caller): string => (caller.kind === 'root' ? caller.account : caller.userId);

export const callerPrincipal = (caller: Caller): RequestPrincipal =>
  caller.kind === 'root'
    ? { kind: 'root', arn: rootArn(caller.account), account: caller.account }
    : { kind: 'user', arn: caller.arn, account: caller.account, name: caller.userName, userId: caller.userId };
