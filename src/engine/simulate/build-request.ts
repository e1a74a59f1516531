// Turns a simulate input into the prepared AuthorizationRequest the evaluator takes.

import type { AuthorizationRequest } from '../evaluate/index.js';
import { principalAccount } from '../principal/index.js';
import { buildContext } from './context.js';
import type { SimulateInput } from './input.js';
import { resolvePrincipal } from './principal.js';

const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

export const buildRequest = (input: SimulateInput, now?: Date): AuthorizationRequest => {
  const principal = resolvePrincipal(input);
  const resource = input.resource ?? '*';
  // The resource's owner: as given, else the account in its ARN, else (S3 buckets, `*`) the caller's own.
  const resourceAccount = input.resourceAccount ?? ARN_ACCOUNT.exec(resource)?.[1] ?? principalAccount(principal);
  const actionKey = input.action.toLowerCase();
  const info = input.principalInfo ?? {};
  const isManagementAccount = info.isManagementAccount ?? false;
  const isSameAccount = resourceAccount !== undefined && resourceAccount === principalAccount(principal);
  return {
    principal,
    action: input.action,
    actionKey,
    service: actionKey.slice(0, actionKey.indexOf(':')),
    resource,
    resourceAccount,
    context: buildContext(input.context, principal, resourceAccount, now),
    isServiceLinkedRole: info.isServiceLinkedRole ?? false,
    isManagementAccount,
    resourceAccountIsManagement: input.resourceAccountIsManagement ?? (isSameAccount && isManagementAccount),
  };
};
