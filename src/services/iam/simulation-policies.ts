// The policies a simulation evaluates, each with what the simulator reports about it: its SourcePolicyId
// and SourcePolicyType, and where each statement stands in its text (StartPosition/EndPosition).

import { checkPolicy, MAX_POLICY_DOCUMENT_LENGTH, parsePolicy, type Policy, type PolicyType, type SourceLocations } from '../../engine/index.js';
import { invalidInput, parseIamArn } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { PolicyOwner } from './attachments.js';
import type { IamContext } from './context.js';
import { groupsOfUser } from './groups.js';
import { managedDocument } from './principal-policies.js';
import { dataOf, KIND, type AttachmentData, type InlinePolicyData, type OwnerType, type RoleData, type UserData } from './records.js';

/** SourcePolicyType values as AWS answers them (observed: "IAM Policy", "Resource Policy"; the model's enum is not what the service sends). */
export const SOURCE_TYPE = {
  identity: 'IAM Policy',
  resource: 'Resource Policy',
  boundary: 'Permissions Boundary Policy',
} as const;

export type SimulatedRole = keyof typeof SOURCE_TYPE;

export interface SimulatedPolicy {
  readonly role: SimulatedRole;
  /** SourcePolicyId: "PolicyInputList.1", "ResourcePolicy", a managed policy's name, "user_alice_inline". */
  readonly sourceId: string;
  readonly text: string;
  readonly policy: Policy;
  readonly locations: SourceLocations;
}

export interface Position {
  readonly Line: number;
  readonly Column: number;
}

/**
 * Parses and validates a document as `type`. Input documents that IAM would reject are the caller's
 * mistake (InvalidInput with the validator's message); a stored one that no longer passes grants nothing,
 * as in authorization (principal-policies.ts), and yields undefined. The per-type size quotas (§1.4) are
 * not the simulator's: they bound what may be saved, and AWS managed policies such as ReadOnlyAccess
 * exceed them; only the API's document length applies.
 */
export const loadPolicy = (
  text: string,
  type: PolicyType,
  role: SimulatedRole,
  sourceId: string,
  isInput: boolean,
): SimulatedPolicy | undefined => {
  const { policy, diagnostics } = checkPolicy(text, type, { sizeLimit: MAX_POLICY_DOCUMENT_LENGTH });
  const parsed = policy === undefined ? undefined : parsePolicy(text);
  if (policy === undefined || parsed === undefined || !parsed.ok) {
    if (!isInput) return undefined;
    const first = diagnostics.find((d) => d.severity === 'error');
    throw invalidInput(first?.message ?? 'The policy document is not valid.');
  }
  return { role, sourceId, text, policy, locations: parsed.locations };
};

const lineStarts = (text: string): number[] => {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a || (ch === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
};

const positionOf = (starts: readonly number[], offset: number): Position => {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { Line: line + 1, Column: offset - starts[line]! + 1 };
};

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

/** The offset just past the `}` that closes the object opening at `open`. */
const closingOffset = (text: string, open: number): number => {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
};

/**
 * Where a statement stands, as AWS reports it: positions are where AWS's streaming JSON parser stood, so
 * the start is just past the token before the statement (the `[`, or the previous statement's `}`; for a
 * lone statement object, just past its own `{`) and the end just past the statement's `}`. Lines and
 * columns are 1-based. Checked against AWS's answers: a minified policy's statements start at column 38
 * (after `{"Version":"2012-10-17","Statement":[`) and the second starts where the first ended.
 */
export const statementSpan = (sim: SimulatedPolicy, pointer: string): { StartPosition: Position; EndPosition: Position } | undefined => {
  const location = sim.locations.values.get(pointer);
  if (location?.line === undefined || location.column === undefined) return undefined;
  const starts = lineStarts(sim.text);
  const open = starts[location.line - 1]! + location.column - 1;
  if (sim.text[open] !== '{') return undefined;
  let start = open + 1;
  if (pointer !== '/Statement') {
    let k = open - 1;
    while (k >= 0 && isSpace(sim.text[k])) k--;
    if (sim.text[k] === ',') {
      k--;
      while (k >= 0 && isSpace(sim.text[k])) k--;
    }
    start = k + 1;
  }
  return { StartPosition: positionOf(starts, start), EndPosition: positionOf(starts, closingOffset(sim.text, open)) };
};

/** A user, group or role whose policies SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy read. */
export type PolicySource = PolicyOwner;

const ownerPolicies = (ctx: IamContext, type: OwnerType, owner: StoredRecord): SimulatedPolicy[] => {
  const out: SimulatedPolicy[] = [];
  for (const inline of ctx.state.list(ctx.account, KIND.inlinePolicy, owner.id)) {
    // AWS names an inline policy "<owner type>_<owner name>_<policy name>" (observed: role_<role>_<policy>).
    const sim = loadPolicy(dataOf<InlinePolicyData>(inline).document, 'identity', 'identity', `${type}_${owner.name}_${inline.name}`, false);
    if (sim) out.push(sim);
  }
  for (const attachment of ctx.state.list(ctx.account, KIND.attachment, owner.id)) {
    const arn = dataOf<AttachmentData>(attachment).policyArn;
    const managed = managedDocument(ctx.state, ctx.catalogue, ctx.account, arn);
    const sim = managed && loadPolicy(managed.document, 'identity', 'identity', parseIamArn(arn)?.name ?? arn, false);
    if (sim) out.push(sim);
  }
  return out;
};

/** The identity policies of the source: its own inline and attached policies, and for a user its groups' (§4.2). */
export const sourceIdentityPolicies = (ctx: IamContext, source: PolicySource): SimulatedPolicy[] => {
  const out = ownerPolicies(ctx, source.type, source.record);
  if (source.type === 'user') for (const group of groupsOfUser(ctx, source.record.id)) out.push(...ownerPolicies(ctx, 'group', group));
  return out;
};

/** The permissions boundary attached to a user or role (groups have none). */
export const sourceBoundary = (ctx: IamContext, source: PolicySource): SimulatedPolicy | undefined => {
  if (source.type === 'group') return undefined;
  const arn = dataOf<UserData | RoleData>(source.record).permissionsBoundary;
  const managed = arn === undefined ? undefined : managedDocument(ctx.state, ctx.catalogue, ctx.account, arn);
  return managed && loadPolicy(managed.document, 'boundary', 'boundary', parseIamArn(arn!)?.name ?? arn!, false);
};

/** The documents of an input list (PolicyInputList, PermissionsBoundaryPolicyInputList), named "List.N". */
export const inputPolicies = (documents: unknown, listName: string, type: PolicyType, role: SimulatedRole): SimulatedPolicy[] =>
  (Array.isArray(documents) ? (documents as string[]) : []).map((text, i) => loadPolicy(text, type, role, `${listName}.${i + 1}`, true)!);
