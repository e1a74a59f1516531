// Derives the request principal from the simulate input: the ARN's shape gives the kind unless
// principalInfo.type says otherwise, and the two must agree.

import type { RequestPrincipal } from '../principal/index.js';
import { SimulateInputError, type SimulateInput } from './input.js';

const IAM_ARN = /^arn:([^:]+):iam::(\d{12}):(root|user\/(?:.*\/)?([^/]+))$/;
const STS_ARN = /^arn:([^:]+):sts::(\d{12}):(assumed-role\/([^/]+)\/([^/]+)|federated-user\/([^/]+))$/;
const IDP_ARN = /^arn:[^:]+:iam::\d{12}:(oidc-provider|saml-provider)\/.+$/;
const WEB_IDENTITY_HOSTS = new Set(['accounts.google.com', 'graph.facebook.com', 'www.amazon.com', 'cognito-identity.amazonaws.com']);

const inferType = (principal: string): RequestPrincipal['kind'] => {
  const iam = IAM_ARN.exec(principal);
  if (iam) return iam[3] === 'root' ? 'root' : 'user';
  const sts = STS_ARN.exec(principal);
  if (sts) return sts[4] !== undefined ? 'role-session' : 'federated-user';
  const idp = IDP_ARN.exec(principal);
  if (idp) return idp[1] === 'saml-provider' ? 'saml' : 'web-identity';
  if (WEB_IDENTITY_HOSTS.has(principal)) return 'web-identity';
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) return 'service';
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
  const type = info.type ?? inferType(arn);
  switch (type) {
    case 'user': {
      const m = IAM_ARN.exec(arn);
      if (!m || m[4] === undefined) throw mismatch(type);
      return { kind: 'user', arn, account: m[2]!, name: m[4], ...(info.userId !== undefined && { userId: info.userId }) };
    }
    case 'root': {
      const m = IAM_ARN.exec(arn);
      if (!m || m[3] !== 'root') throw mismatch(type);
      return { kind: 'root', arn, account: m[2]! };
    }
    case 'role-session': {
      const m = STS_ARN.exec(arn);
      if (!m || m[4] === undefined) throw mismatch(type);
      const roleArn = info.roleArn ?? `arn:${m[1]}:iam::${m[2]}:role/${m[4]}`;
      return {
        kind: 'role-session',
        arn,
        account: m[2]!,
        roleArn,
        roleName: m[4],
        sessionName: m[5]!,
        ...(info.roleId !== undefined && { roleId: info.roleId }),
      };
    }
    case 'federated-user': {
      const m = STS_ARN.exec(arn);
      if (!m || m[6] === undefined) throw mismatch(type);
      return {
        kind: 'federated-user',
        arn,
        account: m[2]!,
        name: m[6],
        ...(info.parentUserArn !== undefined && { parentUserArn: info.parentUserArn }),
      };
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
