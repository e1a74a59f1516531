// Matching a request principal against a Principal / NotPrincipal element (§2.3, §2.4). The kind of match
// matters: a same-account resource-based policy grants on its own or only within the boundary and
// session policy depending on which entry matched (§4.3).

import type { PrincipalEntry } from '../policy/index.js';
import type { RequestPrincipal } from './request-principal.js';

/**
 * direct: `*`, the user ARN, the session ARN or the federated-user ARN — a grant that stands alone.
 * role: the role ARN of a role session — capped by boundary and session policy.
 * parent: the IAM user ARN of a federated user's parent — capped by boundary and session policy.
 * account: the principal's account — only delegates to identity policies.
 * federated / service: a `Federated` IdP or an AWS service principal.
 */
export type PrincipalMatch = 'direct' | 'role' | 'parent' | 'account' | 'federated' | 'service' | 'none';

/** Strength of a match: a grant through a stronger entry is capped by fewer policies (§4.3). */
export const PRINCIPAL_MATCH_RANK: Readonly<Record<PrincipalMatch, number>> = {
  direct: 6,
  role: 5,
  parent: 4,
  federated: 3,
  service: 3,
  account: 2,
  none: 0,
};

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;

/** The account an `AWS` entry names (`123456789012` or `arn:aws:iam::123456789012:root`), if it names one. */
export const accountOfEntry = (value: string): string | undefined => {
  if (ACCOUNT_ID.test(value)) return value;
  return ROOT_ARN.exec(value)?.[1];
};

const matchAwsEntry = (value: string, principal: RequestPrincipal): PrincipalMatch => {
  const account = accountOfEntry(value);
  if (account !== undefined) return 'account' in principal && principal.account === account ? 'account' : 'none';
  switch (principal.kind) {
    case 'user':
      return value === principal.arn || (principal.userId !== undefined && value === principal.userId) ? 'direct' : 'none';
    case 'role-session':
      if (value === principal.arn) return 'direct';
      return value === principal.roleArn || (principal.roleId !== undefined && value === principal.roleId) ? 'role' : 'none';
    case 'federated-user':
      if (value === principal.arn) return 'direct';
      return value === principal.parentUserArn ? 'parent' : 'none';
    default:
      return 'none';
  }
};

export const matchEntry = (entry: PrincipalEntry, principal: RequestPrincipal): PrincipalMatch => {
  switch (entry.kind) {
    case 'any':
      return 'direct';
    case 'AWS':
      return matchAwsEntry(entry.value, principal);
    case 'Service':
      return principal.kind === 'service' && principal.service.toLowerCase() === entry.value.toLowerCase()
        ? 'service'
        : 'none';
    case 'Federated':
      return (principal.kind === 'web-identity' || principal.kind === 'saml') && principal.provider === entry.value
        ? 'federated'
        : 'none';
    case 'CanonicalUser':
      return 'none';
  }
};

/** The strongest match among a Principal element's entries (entries are OR-ed, §2.3). */
export const bestMatch = (entries: readonly PrincipalEntry[], principal: RequestPrincipal): PrincipalMatch => {
  let best: PrincipalMatch = 'none';
  for (const entry of entries) {
    const match = matchEntry(entry, principal);
    if (PRINCIPAL_MATCH_RANK[match] > PRINCIPAL_MATCH_RANK[best]) best = match;
  }
  return best;
};

/**
 * Is the principal exempt from a NotPrincipal statement? Only when every identity in its chain is listed
 * (§2.4): a user needs its account and user ARN; a role session its account, role ARN and session ARN.
 */
export const isExemptFromNotPrincipal = (entries: readonly PrincipalEntry[], principal: RequestPrincipal): boolean => {
  if (entries.some((e) => e.kind === 'any')) return true;
  const listed = (test: (e: PrincipalEntry) => boolean): boolean => entries.some(test);
  const awsValue = (value: string) => (e: PrincipalEntry) => e.kind === 'AWS' && e.value === value;
  const accountListed = (account: string) =>
    listed((e) => e.kind === 'AWS' && accountOfEntry(e.value) === account);
  switch (principal.kind) {
    case 'user':
      return (
        accountListed(principal.account) &&
        (listed(awsValue(principal.arn)) || (principal.userId !== undefined && listed(awsValue(principal.userId))))
      );
    case 'role-session':
      return (
        accountListed(principal.account) &&
        (listed(awsValue(principal.roleArn)) || (principal.roleId !== undefined && listed(awsValue(principal.roleId)))) &&
        listed(awsValue(principal.arn))
      );
    case 'federated-user':
      return accountListed(principal.account) && listed(awsValue(principal.arn));
    case 'root':
      return accountListed(principal.account);
    case 'service':
      return listed((e) => matchEntry(e, principal) === 'service');
    case 'web-identity':
    case 'saml':
      return listed((e) => matchEntry(e, principal) === 'federated');
    case 'anonymous':
      return false;
  }
};
