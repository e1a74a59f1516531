// The peer side of the benchmark: a scenario as an @cloud-copilot/iam-simulate `Simulation`, and one decision
// through its public API (`runSimulation`), which validates and loads every policy on every call.

import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { RCP_FULL_AWS_ACCESS, type Decision, type PolicyDocument, type Scenario } from './scenarios.js';

const PEER_DECISIONS = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
} as const satisfies Record<string, Decision>;

const named = (prefix: string, docs: readonly PolicyDocument[]) =>
  docs.map((policy, i) => ({ name: `${prefix}-${i + 1}`, policy }));

const levels = (prefix: string, levelDocs: readonly (readonly PolicyDocument[])[] | undefined) =>
  (levelDocs ?? []).map((docs, level) => ({
    orgIdentifier: `${prefix}-level-${level + 1}`,
    // The peer attaches RCPFullAWSAccess to every RCP level itself and rejects it when given.
    policies: named(`${prefix}-${level + 1}`, docs.filter((doc) => doc !== RCP_FULL_AWS_ACCESS)),
  }));

/** The peer's input for a scenario. Policies stay objects: `Simulation` takes parsed JSON, not text. */
export function toPeerSimulation(scenario: Scenario): Simulation {
  const { request, policies } = scenario;
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: Object.fromEntries(
        Object.entries(request.context).map(([key, value]) => [key, typeof value === 'string' ? value : [...value]]),
      ),
    },
    identityPolicies: named('identity', policies.identity),
    resourcePolicy: policies.resource,
    permissionBoundaryPolicies: policies.boundary ? [{ name: 'boundary', policy: policies.boundary }] : undefined,
    sessionPolicy: policies.session,
    serviceControlPolicies: levels('scp', policies.scp),
    resourceControlPolicies: levels('rcp', policies.rcp),
  };
}

/** One decision through the peer's public API. Throws if the peer rejects the input instead of deciding. */
export async function peerDecide(simulation: Simulation): Promise<Decision> {
  const response = await runSimulation(simulation, {});
  if (response.resultType !== 'single') {
    const detail = response.resultType === 'error' ? JSON.stringify(response.errors) : response.resultType;
    throw new Error(`iam-simulate did not return a single decision: ${detail}`);
  }
  return PEER_DECISIONS[response.overallResult];
}

export interface PeerOutcome {
  readonly decision: Decision;
  /** Sids of the statements behind the decision: the applicable Denies, or for Allow the granting statements. */
  readonly sids: readonly string[];
}

/**
 * Decides once, outside the timed loop, and checks that the peer evaluated the scenario as written: it decided
 * without errors and used every context key (the peer silently drops keys it does not know for the action).
 */
export async function checkPeerUnderstands(scenario: Scenario, simulation: Simulation): Promise<PeerOutcome> {
  const response = await runSimulation(simulation, {});
  if (response.resultType !== 'single') {
    const detail = response.resultType === 'error' ? JSON.stringify(response.errors) : response.resultType;
    throw new Error(`scenario ${scenario.id}: iam-simulate did not return a single decision: ${detail}`);
  }
  const ignored = response.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) {
    throw new Error(`scenario ${scenario.id}: iam-simulate ignored context keys ${ignored.join(', ')}`);
  }
  const decision = PEER_DECISIONS[response.overallResult];
  const a = response.result.analysis;
  const all = [
    a.identityAnalysis,
    a.resourceAnalysis,
    a.permissionBoundaryAnalysis,
    a.sessionAnalysis,
    ...(a.scpAnalysis?.ouAnalysis ?? []),
    ...(a.rcpAnalysis?.ouAnalysis ?? []),
  ];
  const deciding =
    decision === 'ExplicitDeny'
      ? all.flatMap((part) => part?.denyStatements ?? [])
      : [a.identityAnalysis, a.resourceAnalysis].flatMap((part) => part?.allowStatements ?? []);
  return { decision, sids: deciding.map((s) => s.statement.sid() ?? `#${s.statement.index()}`) };
}
