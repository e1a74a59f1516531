// Parses, validates and compiles the policies of a simulate input into a CompiledPolicySet.

import { compilePolicy, type CompiledPolicy, type CompiledPolicySet } from '../compile/index.js';
import { checkPolicy, hasErrors, type Diagnostic, type PolicyType } from '../policy/index.js';
import type { PolicyDocumentInput, SimulatePolicies } from './input.js';

/** A policy IAM would reject: the diagnostics say where and why. */
export class PolicyInputError extends Error {
  override readonly name = 'PolicyInputError';
  constructor(
    /** Where the policy sits in the input, e.g. "policies.identity[1]". */
    readonly field: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    const first = diagnostics.find((d) => d.severity === 'error');
    const where = first === undefined ? '' : first.line !== undefined ? ` (line ${first.line}, column ${first.column})` : ` (at ${first.pointer || '/'})`;
    super(`${field}: ${first?.message ?? 'invalid policy'}${where}`);
  }
}

/** `name` says where the policy sits under `policies`, e.g. "identity[1]"; it also labels the compiled policy. */
const load = (document: PolicyDocumentInput, type: PolicyType, name: string): CompiledPolicy => {
  const { policy, diagnostics } = checkPolicy(document, type);
  if (policy === undefined || hasErrors(diagnostics)) throw new PolicyInputError(`policies.${name}`, diagnostics);
  return compilePolicy(policy, type, name);
};

/** Actions whose resource policy, on a role, is the role trust policy (§4.3, §5.5). */
const TRUST_ACTIONS = /^sts:(assumerole|assumerolewithsaml|assumerolewithwebidentity|tagsession|setsourceidentity|setcontext)$/i;

/** The role trust policy is the resource policy of the assume-role family (and its companions) on a role. */
export const resourcePolicyTypeFor = (action: string, resource: string | undefined): 'resource' | 'trust' =>
  TRUST_ACTIONS.test(action) && /^arn:[^:]+:iam::\d{12}:role\//.test(resource ?? '') ? 'trust' : 'resource';

export const loadPolicySet = (
  policies: SimulatePolicies = {},
  resourcePolicyType: 'resource' | 'trust' = 'resource',
): CompiledPolicySet => {
  const list = (docs: readonly PolicyDocumentInput[] | undefined, type: PolicyType, name: string) =>
    (docs ?? []).map((d, i) => load(d, type, `${name}[${i}]`));
  const levels = (docs: SimulatePolicies['scp'], type: 'scp' | 'rcp') =>
    (docs ?? []).map((level, l) => list(level, type, `${type}[${l}]`));
  // Assembled field by field rather than with spreads, which are slow on V8 (this runs on every simulate).
  const set: { -readonly [K in keyof CompiledPolicySet]?: CompiledPolicySet[K] } = {
    identity: list(policies.identity, 'identity', 'identity'),
  };
  if (policies.resource !== undefined) set.resource = load(policies.resource, resourcePolicyType, 'resource');
  if (policies.boundary !== undefined) set.boundary = load(policies.boundary, 'boundary', 'boundary');
  set.session = list(policies.session, 'session', 'session');
  set.scp = levels(policies.scp, 'scp');
  set.rcp = levels(policies.rcp, 'rcp');
  return set as CompiledPolicySet;
};
