// Validates a parsed policy for one policy type (§1.2–§1.5, §2, §3): element rules, value formats, Sids,
// Version, size and characters. Also checkPolicy, which parses and validates in one call.

import type { Policy, PolicyType } from './ast.js';
import { hasErrors, type Diagnostic, type SourceLocations } from './diagnostics.js';
import { parseDocument } from './parse.js';
import { checkMeasuredText, checkPolicyText, measureText, type TextMeasure } from './size.js';
import { locateIn } from './source-index.js';
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
  const diagnostics = checkRules(policy, type, options.locations);
  if (options.text !== undefined) {
    // Text re-serialised from a value has no positions worth reporting; the root tells which it is.
    const hasPositions = options.locations === undefined || locateIn(options.locations, '').line !== undefined;
    const textOptions = options.sizeLimit === undefined ? { hasPositions } : { hasPositions, sizeLimit: options.sizeLimit };
    diagnostics.push(...checkPolicyText(options.text, type, textOptions));
  }
  return diagnostics;
}

/** The element, value and Version rules, statement by statement. */
function checkRules(policy: Policy, type: PolicyType, locations: SourceLocations | undefined): Diagnostic[] {
  const report: Report = { type, locations, diagnostics: [] };
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
  const parsed = parseDocument(input);
  if (!parsed.ok) {
    // Size and characters are judged on the text even when it does not parse, as IAM's API layer does.
    const textDiagnostics = typeof input === 'string' ? checkPolicyText(input, type, options) : [];
    return { diagnostics: [...parsed.diagnostics, ...textDiagnostics] };
  }
  const { policy, source, text, stats } = parsed;
  // For text that parsed, the parser's figures are exactly what measureText would scan for: outside strings
  // valid JSON holds only ASCII tokens and the whitespace the parser counted; inside them a character below
  // U+0020 would have been a syntax error, so the only characters IAM refuses are those above U+00FF.
  const measure: TextMeasure =
    stats === undefined
      ? measureText(text)
      : { length: text.length, nonWhitespace: text.length - stats.whitespace, firstDisallowed: stats.firstNonLatin1 };
  const { hasPositions } = source;
  const textOptions = options.sizeLimit === undefined ? { hasPositions } : { hasPositions, sizeLimit: options.sizeLimit };
  const diagnostics = [
    ...parsed.diagnostics,
    ...checkRules(policy, type, source),
    ...checkMeasuredText(text, measure, type, textOptions),
  ];
  return hasErrors(diagnostics) ? { diagnostics } : { policy, diagnostics };
}
