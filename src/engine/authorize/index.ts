// The hot path's entry point: decide, and explain when asked (DESIGN decision 2: explanations are built
// only when asked for or when the answer is a deny).

import type { CompiledPolicySet } from '../compile/index.js';
import { decide, type AuthorizationRequest, type Decision } from '../evaluate/index.js';
import { explain } from '../explain/index.js';

export interface EvaluateOptions {
  /** true: always explain; 'on-deny' (default): explain denials only; false: never. */
  readonly explain?: boolean | 'on-deny';
}

export const evaluate = (
  set: CompiledPolicySet,
  request: AuthorizationRequest,
  options: EvaluateOptions = {},
): Decision => {
  const decision = decide(set, request);
  const mode = options.explain ?? 'on-deny';
  const wantsExplanation = mode === true || (mode === 'on-deny' && decision.decision !== 'Allow');
  // Object.assign rather than a spread: adding a field after spreading an object takes V8's slow path.
  return wantsExplanation ? Object.assign({}, decision, { explanation: explain(set, request) }) : decision;
};
