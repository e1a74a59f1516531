// Runs one simulated request per action × resource through the engine and renders each decision as the
// simulator's EvaluationResult: AWS's decision strings, the statements that decided, missing context keys
// and the per-policy-type details. A renderer over the engine's Decision and Explanation, nothing more.

import {
  compilePolicy,
  evaluate,
  resourcePolicyTypeFor,
  type AuthorizationRequest,
  type CompiledPolicy,
  type ContextEntry,
  type DecisionEffect,
  type PolicyTrace,
  type RequestPrincipal,
  type StatementTrace,
} from '../../engine/index.js';
import { loadPolicy, SOURCE_TYPE, statementSpan, type SimulatedPolicy } from './simulation-policies.js';

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

const EVAL_DECISION: Readonly<Record<DecisionEffect, EvalDecision>> = {
  Allow: 'allowed',
  ExplicitDeny: 'explicitDeny',
  ImplicitDeny: 'implicitDeny',
};

export interface Simulation {
  readonly principal: RequestPrincipal;
  readonly identity: readonly SimulatedPolicy[];
  readonly boundary?: SimulatedPolicy;
  /** The ResourcePolicy text: validated and compiled per request, as a trust policy for sts:AssumeRole* on a role. */
  readonly resourcePolicy?: string;
  readonly context: ReadonlyMap<string, ContextEntry>;
  /** The owner of resources whose ARN names no account (ResourceOwner), else the caller's account. */
  readonly defaultResourceAccount: string;
  /** Lower-cased context key → the spelling the policies use. */
  readonly keySpelling: ReadonlyMap<string, string>;
}

const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

/** Compiles each policy once; compiled names are indexes, so traces map back to their source. */
export class SimulationRunner {
  readonly #byName = new Map<string, SimulatedPolicy>();
  readonly #identity: CompiledPolicy[];
  readonly #boundary: CompiledPolicy | undefined;
  readonly #resource = new Map<'resource' | 'trust', CompiledPolicy>();

  constructor(private readonly simulation: Simulation) {
    this.#identity = simulation.identity.map((sim) => this.#compile(sim, 'identity'));
    this.#boundary = simulation.boundary && this.#compile(simulation.boundary, 'boundary');
  }

  #compile(sim: SimulatedPolicy, type: 'identity' | 'boundary' | 'resource' | 'trust'): CompiledPolicy {
    const name = String(this.#byName.size);
    this.#byName.set(name, sim);
    return compilePolicy(sim.policy, type, name);
  }

  /** The resource policy as the request needs it; InvalidInput when it is not valid as that type. */
  #resourcePolicy(type: 'resource' | 'trust'): CompiledPolicy | undefined {
    const text = this.simulation.resourcePolicy;
    if (text === undefined) return undefined;
    let compiled = this.#resource.get(type);
    if (compiled === undefined) {
      compiled = this.#compile(loadPolicy(text, type, 'resource', 'ResourcePolicy', true)!, type);
      this.#resource.set(type, compiled);
    }
    return compiled;
  }

  /** Validates the resource policy for every request before any result is produced. */
  prepare(actions: readonly string[], resources: readonly string[]): void {
    for (const action of actions) for (const resource of resources) this.#resourcePolicy(resourcePolicyTypeFor(action, resource));
  }

  run(action: string, resource: string): Record<string, unknown> {
    const { principal, context } = this.simulation;
    const actionKey = action.toLowerCase();
    const resourceAccount = ARN_ACCOUNT.exec(resource)?.[1] ?? this.simulation.defaultResourceAccount;
    const request: AuthorizationRequest = {
      principal,
      action,
      actionKey,
      service: actionKey.slice(0, actionKey.indexOf(':')),
      resource,
      resourceAccount,
      context,
      isServiceLinkedRole: false,
      isManagementAccount: false,
      resourceAccountIsManagement: false,
    };
    const resourcePolicy = this.#resourcePolicy(resourcePolicyTypeFor(action, resource));
    const set = {
      identity: this.#identity,
      ...(resourcePolicy && { resource: resourcePolicy }),
      ...(this.#boundary && { boundary: this.#boundary }),
      session: [],
      scp: [],
      rcp: [],
    };
    const decision = evaluate(set, request, { explain: true });
    const traces = decision.explanation?.policies ?? [];
    const evalDecision = EVAL_DECISION[decision.decision];
    const matched = this.#matchedStatements(traces, evalDecision);
    const missing = (decision.explanation?.missingContextKeys ?? []).map((k) => this.simulation.keySpelling.get(k) ?? k);
    const isSameAccount = 'account' in principal && principal.account === resourceAccount;
    const boundaryDetail = this.#boundary && {
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: this.#sideDecision(traces, ['boundary']) === 'allowed' },
    };
    // Details per policy type only for cross-account requests; an empty map for a same-account request on
    // a named resource; absent for "*" (API reference, EvaluationResult). The key names are unverified.
    const details = isSameAccount
      ? {}
      : { [SOURCE_TYPE.identity]: this.#identitySide(traces), [SOURCE_TYPE.resource]: this.#sideDecision(traces, ['resource']) };
    const isWildcard = resource === '*';
    return {
      EvalActionName: action,
      EvalResourceName: resource,
      EvalDecision: evalDecision,
      MatchedStatements: matched,
      // With a named resource, missing keys are reported per resource instead (API reference, EvaluationResult).
      MissingContextValues: isWildcard ? missing : [],
      OrganizationsDecisionDetail: { AllowedByOrganizations: true },
      ...boundaryDetail,
      ...(!isWildcard && {
        EvalDecisionDetails: details,
        ResourceSpecificResults: [
          {
            EvalResourceName: resource,
            EvalResourceDecision: evalDecision,
            MatchedStatements: matched,
            MissingContextValues: missing,
            ...(!isSameAccount && { EvalDecisionDetails: details }),
            ...boundaryDetail,
          },
        ],
      }),
    };
  }

  #source(trace: PolicyTrace): SimulatedPolicy {
    return this.#byName.get(trace.name)!;
  }

  #applying(traces: readonly PolicyTrace[], roles: readonly string[], effect: 'Allow' | 'Deny'): Array<[SimulatedPolicy, StatementTrace]> {
    const out: Array<[SimulatedPolicy, StatementTrace]> = [];
    for (const trace of traces) {
      const sim = this.#source(trace);
      if (!roles.includes(sim.role)) continue;
      for (const st of trace.statements) if (st.applies && st.effect === effect) out.push([sim, st]);
    }
    return out;
  }

  /**
   * The statements that decided: for an allow, every Allow that applied in the identity and resource
   * policies; for an explicit deny, the Deny statements only ("the deny statement is the only entry
   * included", API reference); none for an implicit deny.
   */
  #matchedStatements(traces: readonly PolicyTrace[], decision: EvalDecision): Array<Record<string, unknown>> {
    const found =
      decision === 'allowed'
        ? this.#applying(traces, ['identity', 'resource'], 'Allow')
        : decision === 'explicitDeny'
          ? this.#applying(traces, ['resource', 'identity', 'boundary'], 'Deny')
          : [];
    return found.map(([sim, st]) => ({
      SourcePolicyId: sim.sourceId,
      SourcePolicyType: SOURCE_TYPE[sim.role],
      ...statementSpan(sim, st.pointer),
    }));
  }

  /** One policy type's own answer: a Deny that applies, else an Allow that applies, else nothing. */
  #sideDecision(traces: readonly PolicyTrace[], roles: readonly string[]): EvalDecision {
    if (this.#applying(traces, roles, 'Deny').length > 0) return 'explicitDeny';
    return this.#applying(traces, roles, 'Allow').length > 0 ? 'allowed' : 'implicitDeny';
  }

  /** The identity side of a cross-account request: identity policies capped by the boundary (§4.4). */
  #identitySide(traces: readonly PolicyTrace[]): EvalDecision {
    const identity = this.#sideDecision(traces, ['identity']);
    if (this.#boundary === undefined) return identity;
    const boundary = this.#sideDecision(traces, ['boundary']);
    if (identity === 'explicitDeny' || boundary === 'explicitDeny') return 'explicitDeny';
    return identity === 'allowed' && boundary === 'allowed' ? 'allowed' : 'implicitDeny';
  }
}
