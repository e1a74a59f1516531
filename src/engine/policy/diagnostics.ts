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
