// Validates a parsed policy for one policy type (§1.2–§1.5, §2, §3): element rules, value formats, Sids,
// Version, size and characters. Also checkPolicy, which parses and validates in one call.

import type { Policy, PolicyType } from './ast.js';
import { hasErrors, type Diagnostic, type SourceLocations } from './diagnostics.js';
import { parsePolicy } from './parse.js';
import { checkPolicyText } from './size.js';
import { checkConditions } from './validate-conditions.js';
import { checkSids, checkStatementElements, checkTrustActions, checkVersion } from './validate-elements.js';
import { checkPrincipals } from './validate-principals.js';
import type { Report } from './validate-report.js';
import { checkActions, checkResources, checkVariablesVersion } from './validate-values.js';

export interface ValidateOptions {
  /** The document text, for the size quota and character rule (§1.1, §1.4); skipped when absent. */
  readonly text?: string;
  /** From parsePolicy: places each diagnostic at a line and column. */
  readonly locations?: SourceLocations;
  /** A raised size quota, e.g. 4,096 for an account whose trust-policy quota was increased. */
  readonly sizeLimit?: number;
}

export function validatePolicy(policy: Policy, type: PolicyType, options: ValidateOptions = {}): Diagnostic[] {
  const report: Report = { type, locations: options.locations, diagnostics: [] };
  checkVersion(report, policy);
  checkSids(report, policy);
  for (const statement of policy.statements) {
    checkStatementElements(report, statement);
    checkPrincipals(report, statement);
    checkActions(report, statement);
    checkTrustActions(report, statement);
    checkResources(report, statement);
    checkConditions(report, statement);
  }
  checkVariablesVersion(report, policy);
  if (options.text !== undefined) {
    // Text re-serialised from a value has no positions worth reporting; the root tells which it is.
    const hasPositions = options.locations === undefined || options.locations.values.get('')?.line !== undefined;
    const textOptions = options.sizeLimit === undefined ? { hasPositions } : { hasPositions, sizeLimit: options.sizeLimit };
    report.diagnostics.push(...checkPolicyText(options.text, type, textOptions));
  }
  return report.diagnostics;
}

export interface CheckResult {
  /** Present only when the document has no errors: what IAM would accept and store. */
  readonly policy?: Policy;
  /** Errors and warnings: parse findings, then validation findings statement by statement, then text checks. */
  readonly diagnostics: Diagnostic[];
}

/** Parses and validates: the one call a service makes before storing a policy document. */
export function checkPolicy(
  input: string | unknown,
  type: PolicyType,
  options: { readonly sizeLimit?: number } = {},
): CheckResult {
  const parsed = parsePolicy(input);
  if (!parsed.ok) {
    // Size and characters are judged on the text even when it does not parse, as IAM's API layer does.
    const textDiagnostics = typeof input === 'string' ? checkPolicyText(input, type, options) : [];
    return { diagnostics: [...parsed.diagnostics, ...textDiagnostics] };
  }
  const diagnostics = [
    ...parsed.diagnostics,
    ...validatePolicy(parsed.policy, type, { ...options, text: parsed.text, locations: parsed.locations }),
  ];
  return hasErrors(diagnostics) ? { diagnostics } : { policy: parsed.policy, diagnostics };
}
