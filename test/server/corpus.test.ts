// The scenario corpus (cases/) through SimulateCustomPolicy on a live Keycard, with the JS SDK: every case
// the API can express (identity and resource policies, boundaries, context, a user caller) must get the
// engine's decision over the wire.

import { SimulateCustomPolicyCommand, type SimulateCustomPolicyCommandInput } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseToSimulateCustomPolicyInput } from '../../src/services/iam/test-support/simulation-case.js';
import { loadCases } from '../support/cases.js';
import { iamClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

const EVAL_DECISION: Record<string, string> = { allowed: 'Allow', explicitDeny: 'ExplicitDeny', implicitDeny: 'ImplicitDeny' };

const expressible = loadCases().flatMap((c) => {
  const input = caseToSimulateCustomPolicyInput(c.request);
  return input === undefined ? [] : [{ case: c, input }];
});

/** The account of the case's caller: the simulation runs as that account's root user. */
const callerAccount = (callerArn: string): string => /^arn:[^:]+:iam::(\d{12}):/.exec(callerArn)![1]!;

let server: TestServer;
const roots = new Map<string, { accessKeyId: string; secretAccessKey: string }>();
beforeAll(async () => {
  server = await startTestServer({ store: 'sqlite', accountId: '111111111111' });
  roots.set('111111111111', { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  for (const account of new Set(expressible.map((e) => callerAccount(e.input.CallerArn)))) {
    if (!roots.has(account)) roots.set(account, await server.addAccount(account));
  }
});
afterAll(async () => server?.close());

describe('the scenario corpus through SimulateCustomPolicy', () => {
  it('covers most of the corpus', () => {
    expect(expressible.length).toBeGreaterThanOrEqual(400);
  });

  it.each(expressible.map((e) => [e.case.name, e] as const))('%s', async (_name, { case: c, input }) => {
    const iam = iamClient({ url: server.url, ...roots.get(callerAccount(input.CallerArn))! });
    const out = await iam.send(new SimulateCustomPolicyCommand(input as SimulateCustomPolicyCommandInput));
    expect(out.EvaluationResults).toHaveLength(1);
    const result = out.EvaluationResults![0]!;
    expect(EVAL_DECISION[result.EvalDecision!], c.description).toBe(c.expect.decision);
    if (c.expect.missingContextKeys !== undefined) {
      const missing = result.ResourceSpecificResults?.[0]?.MissingContextValues ?? result.MissingContextValues ?? [];
      expect(missing.map((k) => k.toLowerCase()).sort()).toEqual(c.expect.missingContextKeys.map((k) => k.toLowerCase()).sort());
    }
  });
});
