// The Keycard side of the benchmark: a scenario as a `keycard simulate` input, decided two ways —
// compiled once and evaluated per request (the server's hot path), or parsed from text on every call.

import {
  buildRequest,
  evaluate,
  loadPolicySet,
  resourcePolicyTypeFor,
  simulate,
  type Decision as Decided,
  type SimulateInput,
} from '../src/engine/index.js';
import type { Decision, PolicyDocument, Scenario } from './scenarios.js';

const text = (doc: PolicyDocument): string => JSON.stringify(doc);

/** The scenario with every policy as JSON text, the form in which policies are stored and sent. */
export function toSimulateInput(scenario: Scenario): SimulateInput {
  const { request, policies } = scenario;
  return {
    principal: request.principal,
    principalInfo: { type: request.principalType },
    action: request.action,
    resource: request.resource,
    resourceAccount: request.resourceAccount,
    context: Object.fromEntries(
      Object.entries(request.context).map(([key, value]) => [key, typeof value === 'string' ? value : [...value]]),
    ),
    policies: {
      identity: policies.identity.map(text),
      ...(policies.resource && { resource: text(policies.resource) }),
      ...(policies.boundary && { boundary: text(policies.boundary) }),
      ...(policies.session && { session: [text(policies.session)] }),
      ...(policies.scp && { scp: policies.scp.map((level) => level.map(text)) }),
      ...(policies.rcp && { rcp: policies.rcp.map((level) => level.map(text)) }),
    },
  };
}

export interface KeycardOutcome {
  readonly decision: Decision;
  readonly decidedBy: string;
  /** Sid of the statement that decided, if it has one. */
  readonly sid: string | undefined;
}

export interface KeycardSubjects {
  /** The policy set is compiled once; each call builds a fresh request, as a server would. */
  readonly compiled: () => Decision;
  /** Each call parses, validates and compiles every policy text, as the peer's public API does. */
  readonly parsed: () => Decision;
  /** One decision of each mode with the deciding policy type, for the checks before timing. */
  readonly outcomes: () => { readonly compiled: KeycardOutcome; readonly parsed: KeycardOutcome };
}

export function keycardSubjects(scenario: Scenario): KeycardSubjects {
  const input = toSimulateInput(scenario);
  // The same compile step simulate() runs, once.
  const set = loadPolicySet(input.policies, resourcePolicyTypeFor(input.action, input.resource));
  const outcome = ({ decision, decidedBy, statement }: Decided): KeycardOutcome => ({ decision, decidedBy, sid: statement?.sid });
  return {
    compiled: () => evaluate(set, buildRequest(input)).decision,
    parsed: () => simulate(input).decision,
    outcomes: () => ({ compiled: outcome(evaluate(set, buildRequest(input))), parsed: outcome(simulate(input)) }),
  };
}
