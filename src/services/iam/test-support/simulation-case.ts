// Turns a cases/ scenario request (the `keycard simulate` input, cases/README.md) into SimulateCustomPolicy
// input, so the same corpus can run against the live server. Pure: no store, no clock.

import { buildRequest, type PolicyDocumentInput, type SimulateInput } from '../../../engine/index.js';
import type { ContextEntryInput } from '../simulation-context.js';

/** SimulateCustomPolicy's input members, as the protocol layer hands them to the handler. */
export interface SimulateCustomPolicyInput {
  readonly PolicyInputList: string[];
  readonly PermissionsBoundaryPolicyInputList?: string[];
  readonly ActionNames: string[];
  readonly ResourceArns: string[];
  readonly ResourcePolicy?: string;
  readonly ResourceOwner?: string;
  readonly CallerArn: string;
  readonly ContextEntries: ContextEntryInput[];
}

const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

/**
 * The keys the engine derives from the principal (§3.7) unless the context gives them; the simulator
 * derives none, so they travel as ContextEntries. The clock keys are left out: scenarios give
 * aws:CurrentTime / aws:EpochTime themselves when a policy reads them.
 */
const DERIVED_KEYS = [
  ['aws:PrincipalArn', 'string'],
  ['aws:PrincipalAccount', 'string'],
  ['aws:PrincipalType', 'string'],
  ['aws:userid', 'string'],
  ['aws:username', 'string'],
  ['aws:PrincipalIsAWSService', 'boolean'],
  ['aws:ResourceAccount', 'string'],
] as const;

const text = (document: PolicyDocumentInput): string => (typeof document === 'string' ? document : JSON.stringify(document));

const hasDocuments = (levels: readonly (readonly PolicyDocumentInput[])[] | undefined): boolean =>
  (levels ?? []).some((level) => level.length > 0);

const scalarType = (value: string | number | boolean): string =>
  typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'numeric' : 'string';

const contextEntry = (key: string, value: NonNullable<SimulateInput['context']>[string]): ContextEntryInput =>
  Array.isArray(value)
    ? { ContextKeyName: key, ContextKeyValues: value.map(String), ContextKeyType: `${value.length > 0 ? scalarType(value[0]!) : 'string'}List` }
    : { ContextKeyName: key, ContextKeyValues: [String(value)], ContextKeyType: scalarType(value as string | number | boolean) };

/**
 * SimulateCustomPolicy input for a scenario, or undefined when the API cannot express it: SCPs, RCPs and
 * session policies have no place in it, the caller must be an IAM user (CallerArn), a resource account that
 * contradicts the resource ARN cannot be said, and a unique-id principal (principalInfo.userId) with a
 * resource policy would need the user to exist.
 */
export const caseToSimulateCustomPolicyInput = (request: SimulateInput): SimulateCustomPolicyInput | undefined => {
  const policies = request.policies ?? {};
  if ((policies.session ?? []).length > 0 || hasDocuments(policies.scp) || hasDocuments(policies.rcp)) return undefined;
  let prepared;
  try {
    prepared = buildRequest(request);
  } catch {
    return undefined;
  }
  const { principal } = prepared;
  if (principal.kind !== 'user') return undefined;
  if (principal.userId !== undefined && policies.resource !== undefined) return undefined;
  const resource = request.resource ?? '*';
  const arnAccount = ARN_ACCOUNT.exec(resource)?.[1];
  if (request.resourceAccount !== undefined && arnAccount !== undefined && arnAccount !== request.resourceAccount) return undefined;

  const given = request.context ?? {};
  const entries = Object.entries(given).map(([key, value]) => contextEntry(key, value));
  const givenKeys = new Set(Object.keys(given).map((k) => k.toLowerCase()));
  for (const [key, type] of DERIVED_KEYS) {
    if (givenKeys.has(key.toLowerCase())) continue;
    const value = prepared.context.get(key.toLowerCase());
    if (value !== undefined) entries.push({ ContextKeyName: key, ContextKeyValues: [...value.values], ContextKeyType: type });
  }
  return {
    PolicyInputList: (policies.identity ?? []).map(text),
    ...(policies.boundary !== undefined && { PermissionsBoundaryPolicyInputList: [text(policies.boundary)] }),
    ActionNames: [request.action],
    ResourceArns: [resource],
    ...(policies.resource !== undefined && { ResourcePolicy: text(policies.resource) }),
    ...(arnAccount === undefined && prepared.resourceAccount !== undefined && {
      ResourceOwner: `arn:aws:iam::${prepared.resourceAccount}:root`,
    }),
    CallerArn: principal.arn,
    ContextEntries: entries,
  };
};
