// AWS's AccessDenied wording (§8.3, IAM "Troubleshooting access denied error messages"): "User: ARN is not
// authorized to perform: ACTION on resource: ARN" and a context naming the policy type that denied.

import type { Decision } from '../evaluate/index.js';

/** How AWS names each policy type inside the message. */
const TYPE_WORDING: Record<string, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: 'role trust policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
};

/** The context clause: why the request was denied; empty for allowed requests and root role assumption. */
export const denialContext = (decision: Decision, action: string): string => {
  const wording = TYPE_WORDING[decision.decidedBy];
  if (decision.decision === 'Allow' || wording === undefined) return '';
  // AWS words SCP and RCP implicit denies as explicit ones too (§4.1).
  const isWordedExplicit = decision.decision === 'ExplicitDeny' || decision.decidedBy === 'scp' || decision.decidedBy === 'rcp';
  const article = /^[aeiou]/.test(wording) ? 'an' : 'a';
  return isWordedExplicit ? `with an explicit deny in ${article} ${wording}` : `because no ${wording} allows the ${action} action`;
};

export const denialMessage = (decision: Decision, principalArn: string, action: string, resource: string): string => {
  const context = denialContext(decision, action);
  const base = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}`;
  return context === '' ? base : `${base} ${context}`;
};
