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

const load = (document: PolicyDocumentInput, type: PolicyType, field: string): CompiledPolicy => {
  const { policy, diagnostics } = checkPolicy(document, type);
  if (policy === undefined || hasErrors(diagnostics)) throw new PolicyInputError(field, diagnostics);
  return compilePolicy(policy, type, field.replace(/^policies\./, ''));
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
  const list = (docs: readonly PolicyDocumentInput[] | undefined, type: PolicyType, field: string) =>
    (docs ?? []).map((d, i) => load(d, type, `${field}[${i}]`));
  const levels = (docs: SimulatePolicies['scp'], type: 'scp' | 'rcp') =>
    (docs ?? []).map((level, l) => list(level, type, `policies.${type}[${l}]`));
  return {
    identity: list(policies.identity, 'identity', 'policies.identity'),
    ...(policies.resource !== undefined && {
      resource: load(policies.resource, resourcePolicyType, 'policies.resource'),
    }),
    ...(policies.boundary !== undefined && { boundary: load(policies.boundary, 'boundary', 'policies.boundary') }),
    session: list(policies.session, 'session', 'policies.session'),
    scp: levels(policies.scp, 'scp'),
    rcp: levels(policies.rcp, 'rcp'),
  };
};
