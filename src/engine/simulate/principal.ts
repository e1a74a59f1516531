// Derives the request principal from the simulate input: the ARN's shape gives the kind unless
// principalInfo.type says otherwise, and the two must agree.

import type { RequestPrincipal } from '../principal/index.js';
import { readCallerArn, type CallerArn } from './caller-arn.js';
import { SimulateInputError, type SimulateInput } from './input.js';

const WEB_IDENTITY_HOSTS = new Set(['accounts.google.com', 'graph.facebook.com', 'www.amazon.com', 'cognito-identity.amazonaws.com']);
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

const inferType = (principal: string, caller: CallerArn | undefined): RequestPrincipal['kind'] => {
  if (caller !== undefined) return caller.kind;
  if (WEB_IDENTITY_HOSTS.has(principal)) return 'web-identity';
  if (SERVICE_PRINCIPAL.test(principal)) return 'service';
  throw new SimulateInputError(
    'principal',
    'is not a caller ARN (user, assumed-role session, federated user, root), a service principal or an identity provider',
  );
};

const mismatch = (type: string): SimulateInputError =>
  new SimulateInputError('principal', `does not have the form of a ${type} principal`);

export const resolvePrincipal = (input: SimulateInput): RequestPrincipal => {
  const info = input.principalInfo ?? {};
  const arn = input.principal;
  if (arn === undefined || arn === '' || info.type === 'anonymous') {
    if (info.type !== undefined && info.type !== 'anonymous') throw new SimulateInputError('principal', `is required for type ${info.type}`);
    return { kind: 'anonymous' };
  }
  const caller = readCallerArn(arn);
  const type = info.type ?? inferType(arn, caller);
  // Optional fields are added by separate literals rather than spreads, which are slow on this hot path.
  switch (type) {
    case 'user': {
      if (caller?.kind !== 'user') throw mismatch(type);
      const { account, name } = caller;
      const { userId } = info;
      return userId === undefined ? { kind: 'user', arn, account, name } : { kind: 'user', arn, account, name, userId };
    }
    case 'root':
      if (caller?.kind !== 'root') throw mismatch(type);
      return { kind: 'root', arn, account: caller.account };
    case 'role-session': {
      if (caller?.kind !== 'role-session') throw mismatch(type);
      const { partition, account, roleName, sessionName } = caller;
      const roleArn = info.roleArn ?? `arn:${partition}:iam::${account}:role/${roleName}`;
      const { roleId } = info;
      return roleId === undefined
        ? { kind: 'role-session', arn, account, roleArn, roleName, sessionName }
        : { kind: 'role-session', arn, account, roleArn, roleName, sessionName, roleId };
    }
    case 'federated-user': {
      if (caller?.kind !== 'federated-user') throw mismatch(type);
      const { account, name } = caller;
      const { parentUserArn } = info;
      return parentUserArn === undefined
        ? { kind: 'federated-user', arn, account, name }
        : { kind: 'federated-user', arn, account, name, parentUserArn };
    }
    case 'service':
      return { kind: 'service', service: arn };
    case 'web-identity':
    case 'saml':
      return { kind: type, provider: arn };
    case 'anonymous':
      return { kind: 'anonymous' };
  }
};
