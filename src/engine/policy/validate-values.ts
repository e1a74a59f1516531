// Value rules for Action/NotAction (§2.1) and Resource/NotResource (§2.2, §3.6), and the warning for
// policy variables in a document whose Version does not substitute them (§3.6).

import type { Policy, Statement } from './ast.js';
import { resourceOffset, splitArn } from './arn.js';
import { flag, itemPointer, type Report } from './validate-report.js';

const SERVICE_PREFIX = /^[A-Za-z0-9*?-]+$/;
const hasWildcard = (text: string): boolean => text.includes('*') || text.includes('?');

export function checkActions(report: Report, statement: Statement): void {
  const { action } = statement;
  action.patterns.forEach((pattern, i) => {
    if (pattern === '*') return;
    const at = (): string => itemPointer(report, action.pointer, i, action.patterns.length);
    const colon = pattern.indexOf(':');
    if (colon < 0) {
      // AWS's wording for an action (or condition key) without a service prefix (observed).
      flag(report, 'invalid-action', 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.', at());
      return;
    }
    if (pattern.indexOf(':', colon + 1) >= 0) {
      flag(report, 'invalid-action', 'Actions/Condition can contain only one colon.', at());
      return;
    }
    const prefix = pattern.slice(0, colon);
    if (prefix === '' || colon === pattern.length - 1) {
      flag(report, 'invalid-action', `Action ${pattern} must be "*" or service:action, e.g. "s3:GetObject".`, at());
    } else if (!SERVICE_PREFIX.test(prefix)) {
      flag(report, 'invalid-action', `The service prefix of ${pattern} may contain only letters, digits and hyphens.`, at());
    } else if (hasWildcard(prefix)) {
      const message = `${pattern} has a wildcard in its service prefix, so it can match actions of many services.`;
      flag(report, 'action-service-wildcard', message, at());
    }
  });
}

export function checkResources(report: Report, statement: Statement): void {
  const { resource } = statement;
  if (resource === undefined) return;
  resource.patterns.forEach((pattern, i) => {
    if (pattern === '*') return;
    const at = (): string => itemPointer(report, resource.pointer, i, resource.patterns.length);
    const variableAt = pattern.indexOf('${');
    const resourceAt = variableAt < 0 ? -1 : resourceOffset(pattern);
    if (variableAt >= 0 && (resourceAt < 0 || variableAt < resourceAt)) {
      // §3.6: never in partition, service, region or account.
      const message = `Policy variables may appear only in the resource part of an ARN (after the fifth colon): ${pattern}`;
      flag(report, 'resource-variable-position', message, at());
      return;
    }
    const arn = splitArn(pattern);
    if (arn === undefined || arn.service === '') {
      flag(report, 'resource-not-arn', `Resource ${pattern} must be in ARN format or "*".`, at());
      return;
    }
    if (hasWildcard(arn.service)) {
      const message = `Resource ${pattern} has a wildcard in its service segment, which ARNs do not allow.`;
      flag(report, 'resource-service-wildcard', message, at());
      return;
    }
    if (arn.service !== 'iam') return;
    if (arn.region !== '') {
      flag(report, 'iam-resource-region', `IAM resource ${pattern} cannot contain region information.`, at());
    }
    const resourceType = arn.resource.split('/')[0] ?? '';
    if (resourceType !== '*' && hasWildcard(resourceType)) {
      // Documented as not allowed; whether IAM rejects it on save is unverified (§2.2).
      const message = `IAM resource ${pattern} has a wildcard in its resource type (e.g. "u*" for user), which IAM does not support.`;
      flag(report, 'iam-resource-type-wildcard', message, at());
    }
  });
}

/** Under 2008-10-17 (the default without Version), `${…}` is literal text (§3.6): warn at the first use. */
export function checkVariablesVersion(report: Report, policy: Policy): void {
  if (policy.version === '2012-10-17') return;
  for (const statement of policy.statements) {
    const { resource } = statement;
    const usesInResource = resource?.patterns.findIndex((p) => p.includes('${')) ?? -1;
    let pointer: string | undefined;
    if (resource !== undefined && usesInResource >= 0) {
      pointer = itemPointer(report, resource.pointer, usesInResource, resource.patterns.length);
    } else {
      pointer = statement.conditions.find((c) => c.values.some((v) => v.includes('${')))?.pointer;
    }
    if (pointer === undefined) continue;
    const why = policy.versionDefaulted ? 'the policy has no Version, so 2008-10-17 applies' : 'Version is 2008-10-17';
    const message = `Policy variables such as \${aws:username} are taken literally because ${why}; use "Version": "2012-10-17".`;
    flag(report, 'variables-not-substituted', message, pointer);
    return;
  }
}
