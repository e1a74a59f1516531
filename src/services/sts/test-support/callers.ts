// Test support: the caller a node would resolve for credentials STS issued, opened with the harness's key
// ring (the same mapping as the server's credential resolver).

import { openSessionToken, tokenKeyId, type KeyRing, type SessionClaims } from '../../../sts/index.js';
import type { Caller } from '../../access/caller.js';
import type { Snapshot } from '../../../state/index.js';
import { dataOf, KIND, type UserData } from '../../iam/records.js';

export const claimsOf = (keyRing: KeyRing, credentials: unknown): SessionClaims => {
  const token = (credentials as { SessionToken: string }).SessionToken;
  const key = keyRing.find(tokenKeyId(token) ?? '');
  const claims = key && openSessionToken(token, key);
  if (claims === undefined) throw new Error('the session token does not open');
  return claims;
};

export const sessionCaller = (keyRing: KeyRing, state: Snapshot, credentials: unknown): Caller => {
  const session = claimsOf(keyRing, credentials);
  const base = { account: session.account, accessKeyId: session.accessKeyId, session };
  const p = session.principal;
  switch (p.kind) {
    case 'root':
      return { kind: 'root', ...base };
    case 'user': {
      const user = state.get(KIND.user, p.userId)!;
      return { kind: 'user', ...base, userId: user.id, userName: user.name, arn: dataOf<UserData>(user).arn };
    }
    case 'role-session':
      return { kind: 'role-session', ...base, roleId: p.roleId, roleName: p.roleName, roleArn: p.roleArn, sessionName: p.sessionName };
    case 'federated-user':
      return { kind: 'federated-user', ...base, name: p.name, parentUserArn: p.parentUserArn, ...(p.parentUserId !== undefined && { parentUserId: p.parentUserId }) };
  }
};
