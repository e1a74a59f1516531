// Who signed a request, as the services see it: the root user or an IAM user (with long-term keys, or with
// GetSessionToken credentials), a role session, or a federated user. Temporary credentials carry their
// session claims.

import type { RequestPrincipal } from '../../engine/index.js';
import { assumedRoleArn, rootArn } from '../../domain/index.js';
import type { SessionClaims } from '../../sts/index.js';

export type Caller =
  | { readonly kind: 'root'; readonly account: string; readonly accessKeyId: string; readonly session?: SessionClaims }
  | {
      readonly kind: 'user';
      readonly account: string;
      readonly accessKeyId: string;
      readonly userId: string;
      readonly userName: string;
      readonly arn: string;
      readonly session?: SessionClaims;
    }
  | {
      readonly kind: 'role-session';
      readonly account: string;
      readonly accessKeyId: string;
      readonly roleId: string;
      readonly roleName: string;
      readonly roleArn: string;
      readonly sessionName: string;
      readonly session: SessionClaims;
    }
  | {
      readonly kind: 'federated-user';
      readonly account: string;
      readonly accessKeyId: string;
      readonly name: string;
      readonly parentUserId?: string;
      readonly parentUserArn: string;
      readonly session: SessionClaims;
    };

export const callerArn = (caller: Caller): string => {
  switch (caller.kind) {
    case 'root':
      return rootArn(caller.account);
    case 'user':
      return caller.arn;
    case 'role-session':
      return assumedRoleArn(caller.account, caller.roleName, caller.sessionName);
    case 'federated-user':
      return `arn:aws:sts::${caller.account}:federated-user/${caller.name}`;
  }
};

/** The caller's user id as GetCallerIdentity reports it (§5.2). */
export const callerUserId = (caller: Caller): string => {
  switch (caller.kind) {
    case 'root':
      return caller.account;
    case 'user':
      return caller.userId;
    case 'role-session':
      return `${caller.roleId}:${caller.sessionName}`;
    case 'federated-user':
      return `${caller.account}:${caller.name}`;
  }
};

export const callerPrincipal = (caller: Caller): RequestPrincipal => {
  switch (caller.kind) {
    case 'root':
      return { kind: 'root', arn: rootArn(caller.account), account: caller.account };
    case 'user':
      return { kind: 'user', arn: caller.arn, account: caller.account, name: caller.userName, userId: caller.userId };
    case 'role-session':
      return {
        kind: 'role-session',
        arn: callerArn(caller),
        account: caller.account,
        roleArn: caller.roleArn,
        roleName: caller.roleName,
        sessionName: caller.sessionName,
        roleId: caller.roleId,
      };
    case 'federated-user':
      return { kind: 'federated-user', arn: callerArn(caller), account: caller.account, name: caller.name, parentUserArn: caller.parentUserArn };
  }
};
