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
