// Offline simulation: the `keycard simulate` input in, a Decision out.

import { evaluate, type EvaluateOptions } from '../authorize/index.js';
import type { Decision } from '../evaluate/index.js';
import { buildRequest } from './build-request.js';
import type { SimulateInput } from './input.js';
import { loadPolicySet, resourcePolicyTypeFor } from './load-policies.js';

export interface SimulateOptions extends EvaluateOptions {
  /** The clock for aws:CurrentTime / aws:EpochTime when the context does not give them. */
  readonly now?: Date;
}

/** Parses, validates and compiles every policy, then decides. Throws SimulateInputError / PolicyInputError on bad input. */
export const simulate = (input: SimulateInput, options: SimulateOptions = {}): Decision => {
  const set = loadPolicySet(input.policies, resourcePolicyTypeFor(input.action, input.resource));
  return evaluate(set, buildRequest(input, options.now), options);
};

export { buildRequest } from './build-request.js';
export { buildContext } from './context.js';
export {
  parseSimulateInput,
  SimulateInputError,
  type ContextValueInput,
  type PolicyDocumentInput,
  type SimulateInput,
  type SimulatePolicies,
  type SimulatePrincipalInfo,
} from './input.js';
export { loadPolicySet, PolicyInputError, resourcePolicyTypeFor } from './load-policies.js';
export { resolvePrincipal } from './principal.js';
