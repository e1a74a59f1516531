// Revoking a role's active sessions as AWS's console does (DESIGN decision 4, IAM "Revoking IAM role
// temporary security credentials"): the inline role policy AWSRevokeOlderSessions denies everything to
// sessions whose aws:TokenIssueTime is before now. Written straight to the store, so `keycard
// revoke-sessions` works with no node running; PutRolePolicy through the API does the same.

import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/index.js';
import { isoNow, KIND, type InlinePolicyData } from '../iam/records.js';

export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';

/**
 * The console's policy. aws:TokenIssueTime has whole seconds, so the cut-off is rounded up to the next
 * second: every session issued before the call is revoked (and one issued in the same second, too).
 */
export const revokePolicyDocument = (now: Date): string => {
  const cutOff = new Date(Math.ceil(now.getTime() / 1000) * 1000);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': isoNow(cutOff) } } }],
  });
};

/** Puts (or replaces) the revocation policy on the role; false when the account has no such role. */
export const revokeOlderSessions = async (store: Store, account: string, roleName: string, now: Date): Promise<boolean> =>
  store.transaction(account, async (tx) => {
    const role = await tx.getByName(account, KIND.role, '', roleName);
    if (role === undefined) return false;
    const data: InlinePolicyData = { ownerType: 'role', document: revokePolicyDocument(now) };
    const existing = await tx.getByName(account, KIND.inlinePolicy, role.id, REVOKE_POLICY_NAME);
    if (existing !== undefined) await tx.update(KIND.inlinePolicy, existing.id, { name: REVOKE_POLICY_NAME, data });
    else await tx.insert({ account, kind: KIND.inlinePolicy, id: randomUUID(), scope: role.id, name: REVOKE_POLICY_NAME, data });
    return true;
  });
