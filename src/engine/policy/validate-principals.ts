// Value rules for Principal/NotPrincipal entries (§2.3): account ids, IAM/STS principal ARNs and unique ids
// for "AWS", service names for "Service", provider ARNs or host names for "Federated"; never a partial wildcard.

import type { PrincipalEntry, Statement } from './ast.js';
import { isAwsPrincipal, isFederatedPrincipal, isServicePrincipal } from './arn.js';
import { POLICY_TYPE_RULES } from './validate-elements.js';
import { flag, type Report } from './validate-report.js';

/** The form AWS uses when it refuses a principal (observed, §1.5). */
const invalidPrincipal = (kind: string, value: string): string =>
  `Invalid principal in policy: ${JSON.stringify(kind)}:${JSON.stringify(value)}`;

export function checkPrincipals(report: Report, statement: Statement): void {
  const { principal } = statement;
  // Where principals are forbidden outright, that is the one finding worth reporting.
  if (principal === undefined || POLICY_TYPE_RULES[report.type].principal === 'forbidden') return;
  for (const entry of principal.entries) checkEntry(report, entry);
}

function checkEntry(report: Report, entry: PrincipalEntry): void {
  if (entry.kind === 'any') return;
  const { kind, value, pointer } = entry;
  if (value === '*') {
    const message = `${JSON.stringify(kind)}:"*" is not the everyone principal; only "*" or {"AWS": "*"} is.`;
    flag(report, 'principal-wildcard-not-any', message, pointer);
    return;
  }
  if (value.includes('*') || value.includes('?')) {
    // Partial wildcards are never allowed in principals (§2.3).
    flag(report, 'invalid-principal', invalidPrincipal(kind, value), pointer);
    return;
  }
  switch (kind) {
    case 'AWS':
      if (!isAwsPrincipal(value)) flag(report, 'invalid-principal', invalidPrincipal(kind, value), pointer);
      return;
    case 'Federated':
      if (!isFederatedPrincipal(value)) flag(report, 'invalid-principal', invalidPrincipal(kind, value), pointer);
      return;
    case 'Service':
      if (!isServicePrincipal(value)) {
        const message = `Service principal ${JSON.stringify(value)} does not end in ".amazonaws.com"; no AWS service has that name.`;
        flag(report, 'unknown-service-principal', message, pointer);
      }
      return;
    case 'CanonicalUser':
      return;
  }
}
