// Findings about a policy document: what parse and validate report, with stable codes and a location.

import type { Location } from './ast.js';

/** 'error': IAM would reject the document (MalformedPolicyDocument / LimitExceeded). 'warning': accepted, but suspect. */
export type Severity = 'error' | 'warning';

export interface Diagnostic extends Location {
  readonly severity: Severity;
  /** Stable kebab-case code, e.g. "syntax-error", "principal-not-allowed", "sid-not-unique". */
  readonly code: string;
  /** Human message; AWS's own wording where the reference gives it (§1.5). */
  readonly message: string;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/**
 * Where each element of a parsed document stands, keyed by JSON pointer: `values` locates the start of each
 * value, `keys` the member key naming it. Every pointer of the document is present; line and column only
 * when the document was parsed from text. Plain data (no closures), so it can be kept beside the policy.
 */
export interface SourceLocations {
  readonly values: ReadonlyMap<string, Location>;
  readonly keys: ReadonlyMap<string, Location>;
}

/** The location of a pointer: its member key when asked and known, else its value, else the bare pointer. */
export const locate = (
  locations: SourceLocations | undefined,
  pointer: string,
  at: 'key' | 'value' = 'value',
): Location => (at === 'key' ? locations?.keys.get(pointer) : undefined) ?? locations?.values.get(pointer) ?? { pointer };

/** Every code parse and validate emit; a test triggers each one. Severity is fixed per code. */
export const DIAGNOSTIC_CODES = {
  // Grammar (parse, any policy type): §1.1, §1.2.
  'syntax-error': 'error',
  'policy-not-object': 'error',
  'duplicate-element': 'error',
  'unknown-element': 'error',
  'invalid-version': 'error',
  'invalid-type': 'error',
  'empty-array': 'error',
  'missing-statement': 'error',
  'statement-not-object': 'error',
  'missing-effect': 'error',
  'invalid-effect': 'error',
  'missing-action': 'error',
  'action-and-not-action': 'error',
  'principal-and-not-principal': 'error',
  'resource-and-not-resource': 'error',
  'unknown-principal-type': 'error',
  'duplicate-key': 'error',
  'empty-condition': 'warning',
  // Per policy type: §1.3.
  'unsupported-version': 'error',
  'principal-not-allowed': 'error',
  'not-principal-not-allowed': 'error',
  'not-principal-with-allow': 'warning',
  'missing-principal': 'error',
  'missing-resource': 'error',
  'resource-not-allowed': 'error',
  'not-action-not-allowed': 'error',
  'rcp-allow-not-allowed': 'error',
  'rcp-principal-not-wildcard': 'error',
  'rcp-action-wildcard': 'error',
  'trust-action-unsupported': 'warning',
  // Values: §1.2, §1.5, §2, §3.
  'invalid-sid': 'error',
  'sid-not-unique': 'error',
  'invalid-action': 'error',
  'action-service-wildcard': 'warning',
  'resource-not-arn': 'error',
  'resource-service-wildcard': 'error',
  'resource-variable-position': 'error',
  'iam-resource-region': 'error',
  'iam-resource-type-wildcard': 'warning',
  'invalid-principal': 'error',
  'principal-wildcard-not-any': 'warning',
  'unknown-service-principal': 'warning',
  'unknown-condition-operator': 'error',
  'set-qualifier-on-null': 'warning',
  'invalid-condition-key': 'error',
  'invalid-condition-value': 'warning',
  'variables-not-substituted': 'warning',
  // Text: §1.1, §1.4.
  'policy-too-large': 'error',
  'policy-document-too-long': 'error',
  'invalid-character': 'error',
} as const satisfies Readonly<Record<string, Severity>>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** A diagnostic for a code, with the code's fixed severity. */
export const diagnostic = (code: DiagnosticCode, message: string, location: Location): Diagnostic => ({
  ...location,
  severity: DIAGNOSTIC_CODES[code],
  code,
  message,
});
