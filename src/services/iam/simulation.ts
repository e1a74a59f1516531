// The policy simulator: SimulateCustomPolicy and SimulatePrincipalPolicy evaluate policies against
// hypothetical requests with the engine, and GetContextKeysFor*Policy list the condition keys policies
// use. Input mistakes are InvalidInput, as AWS answers them for the simulator.

import { parsePolicy, type Policy, type RequestPrincipal } from '../../engine/index.js';
import { iamArn, invalidInput, noSuchEntity, parseIamArn } from '../../domain/index.js';
import { findOwner, ownerCheck } from './attachments.js';
import type { IamContext, IamHandler } from './context.js';
import { pageOutput, paginate } from './pagination.js';
import { dataOf, KIND, type OwnerType, type UserData } from './records.js';
import { contextFromEntries, distinctContextKeys } from './simulation-context.js';
import {
  inputPolicies,
  sourceBoundary,
  sourceIdentityPolicies,
  type PolicySource,
  type SimulatedPolicy,
} from './simulation-policies.js';
import { SimulationRunner } from './simulation-results.js';


/** AWS's answer when a resource policy needs a caller and none that is an IAM user is given (observed). */
const INVALID_CALLER = 'Invalid caller - Caller must be an IAM user in this context.';

/** The simulator's EC2 scenarios (API reference, SimulateCustomPolicy ResourceHandlingOption). */
const RESOURCE_HANDLING_OPTIONS = new Set([
  'EC2-Classic-InstanceStore',
  'EC2-Classic-EBS',
  'EC2-VPC-InstanceStore',
  'EC2-VPC-InstanceStore-Subnet',
  'EC2-VPC-EBS',
  'EC2-VPC-EBS-Subnet',
]);

const ACTION_NAME = /^[^:\s]+:[^:\s]+$/;
const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const SOURCE_TYPES: readonly string[] = ['user', 'group', 'role'];

const stringList = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

/** PolicySourceArn: an existing user, group or role of the caller's account, path included. */
const findSource = (ctx: IamContext, arn: string): PolicySource => {
  const parsed = parseIamArn(arn);
  if (parsed === undefined || parsed.account !== ctx.account || !SOURCE_TYPES.includes(parsed.type)) {
    throw invalidInput(`Invalid PolicySourceArn ${arn}: it must be the ARN of a user, group or role in this account.`);
  }
  const type = parsed.type as OwnerType;
  const owner = findOwner(ctx, type, parsed.name);
  if (owner.arn !== arn) throw noSuchEntity(`The ${type} with name ${parsed.name} cannot be found.`);
  return owner;
};

const userPrincipal = (ctx: IamContext, arn: string, name: string): RequestPrincipal => {
  const user = ctx.state.byName(ctx.account, KIND.user, '', name);
  const isSame = user !== undefined && dataOf<UserData>(user).arn === arn;
  return { kind: 'user', arn, account: ctx.account, name, ...(isSame && { userId: user.id }) };
};

/**
 * The simulated caller: CallerArn (an IAM user of this account), else the source user. A resource policy
 * needs one to match its Principal element; without it only identity policies decide, and since the
 * simulator derives no context keys from the caller, an unnamed user of the account stands in.
 */
const simulatedCaller = (ctx: IamContext, input: Record<string, unknown>, source?: PolicySource): RequestPrincipal => {
  const callerArn = input.CallerArn;
  if (typeof callerArn === 'string') {
    const parsed = parseIamArn(callerArn);
    if (parsed === undefined || parsed.type !== 'user' || parsed.account !== ctx.account) throw invalidInput(INVALID_CALLER);
    return userPrincipal(ctx, callerArn, parsed.name);
  }
  if (source?.type === 'user') return userPrincipal(ctx, source.arn, source.record.name);
  if (input.ResourcePolicy !== undefined) throw invalidInput(INVALID_CALLER);
  return { kind: 'user', arn: iamArn(ctx.account, 'user', ''), account: ctx.account, name: '' };
};

/** ResourceOwner: the account ARN `arn:aws:iam::ACCT:root` (a bare account id is accepted too). */
const resourceOwner = (ctx: IamContext, value: unknown): string => {
  if (typeof value !== 'string') return ctx.account;
  const account = /^\d{12}$/.test(value) ? value : ACCOUNT_ROOT.exec(value)?.[1];
  if (account === undefined) throw invalidInput(`Invalid ResourceOwner ${value}: it must be an account ARN such as arn:aws:iam::123456789012:root.`);
  return account;
};

const onlyBoundary = (boundaries: readonly SimulatedPolicy[]): SimulatedPolicy | undefined => {
  if (boundaries.length > 1) throw invalidInput('Only one permissions boundary policy can be simulated at a time.');
  return boundaries[0];
};

/** The spelling of each context key as the policies write it, for MissingContextValues. */
const keySpellings = (policies: readonly Policy[]): Map<string, string> =>
  new Map(distinctContextKeys(policies).map((key) => [key.toLowerCase(), key]));

const simulate = (
  ctx: IamContext,
  input: Record<string, unknown>,
  identity: readonly SimulatedPolicy[],
  boundary: SimulatedPolicy | undefined,
  principal: RequestPrincipal,
): Record<string, unknown> => {
  const actions = stringList(input.ActionNames);
  for (const action of actions) {
    if (!ACTION_NAME.test(action)) throw invalidInput(`Invalid action name ${action}: it must be of the form service:Action.`);
  }
  const given = stringList(input.ResourceArns);
  const resources = given.length > 0 ? given : ['*'];
  const option = input.ResourceHandlingOption;
  // The EC2 scenarios are accepted, but each resource is still simulated on its own (not modelled as one request).
  if (typeof option === 'string' && !RESOURCE_HANDLING_OPTIONS.has(option)) throw invalidInput(`Invalid ResourceHandlingOption ${option}.`);
  const resourcePolicy = input.ResourcePolicy as string | undefined;
  const parsedResource = resourcePolicy === undefined ? undefined : parsePolicy(resourcePolicy);
  const runner = new SimulationRunner({
    principal,
    identity,
    ...(boundary && { boundary }),
    ...(resourcePolicy !== undefined && { resourcePolicy }),
    context: contextFromEntries(input.ContextEntries),
    defaultResourceAccount: resourceOwner(ctx, input.ResourceOwner),
    keySpelling: keySpellings([
      ...identity.map((p) => p.policy),
      ...(boundary ? [boundary.policy] : []),
      ...(parsedResource?.ok ? [parsedResource.policy] : []),
    ]),
  });
  runner.prepare(actions, resources);
  const results = actions.flatMap((action) => resources.map((resource) => runner.run(action, resource)));
  return pageOutput('EvaluationResults', paginate(results, input), (r) => r);
};

const simulateCustomPolicy: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:SimulateCustomPolicy', resource: '*' });
  const identity = inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity', 'identity');
  const boundary = onlyBoundary(inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'boundary', 'boundary'));
  return simulate(ctx, input, identity, boundary, simulatedCaller(ctx, input));
};

const simulatePrincipalPolicy: IamHandler = async (ctx, input) => {
  const source = findSource(ctx, input.PolicySourceArn as string);
  ctx.authorize(ownerCheck('iam:SimulatePrincipalPolicy', source));
  const identity = [
    ...sourceIdentityPolicies(ctx, source),
    ...inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity', 'identity'),
  ];
  // A boundary given in the request replaces the one attached to the user or role (API reference).
  const given = onlyBoundary(inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'boundary', 'boundary'));
  return simulate(ctx, input, identity, given ?? sourceBoundary(ctx, source), simulatedCaller(ctx, input, source));
};

/**
 * GetContextKeysFor*Policy read policies only for their keys, so any well-formed policy is accepted
 * (identity, resource or trust); a document that does not parse is InvalidInput.
 */
const parsedInputs = (documents: unknown): Policy[] =>
  stringList(documents).map((text) => {
    const parsed = parsePolicy(text);
    if (!parsed.ok) throw invalidInput(parsed.diagnostics.find((d) => d.severity === 'error')?.message ?? 'The policy document is not valid.');
    return parsed.policy;
  });

const getContextKeysForCustomPolicy: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:GetContextKeysForCustomPolicy', resource: '*' });
  return { ContextKeyNames: distinctContextKeys(parsedInputs(input.PolicyInputList)) };
};

const getContextKeysForPrincipalPolicy: IamHandler = async (ctx, input) => {
  const source = findSource(ctx, input.PolicySourceArn as string);
  ctx.authorize(ownerCheck('iam:GetContextKeysForPrincipalPolicy', source));
  const boundary = sourceBoundary(ctx, source);
  const policies = [
    ...sourceIdentityPolicies(ctx, source).map((p) => p.policy),
    ...(boundary ? [boundary.policy] : []),
    ...parsedInputs(input.PolicyInputList),
  ];
  return { ContextKeyNames: distinctContextKeys(policies) };
};

export const SIMULATION_OPERATIONS: Record<string, IamHandler> = {
  SimulateCustomPolicy: simulateCustomPolicy,
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  GetContextKeysForCustomPolicy: getContextKeysForCustomPolicy,
  GetContextKeysForPrincipalPolicy: getContextKeysForPrincipalPolicy,
};
