// Gathers the policies that apply to a caller from the snapshot: a user's inline and attached policies,
// those of its groups, and its permissions boundary (§4.2). Documents compile once per record revision.

import {
  checkPolicy,
  compilePolicy,
  MAX_POLICY_DOCUMENT_LENGTH,
  type CompiledPolicy,
  type CompiledPolicySet,
  type PolicyType,
} from '../../engine/index.js';
import { parseIamArn } from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { Caller } from '../access/caller.js';
import type { ManagedCatalogue } from './managed-catalogue.js';
import type { SessionClaims } from '../../sts/index.js';
import { dataOf, KIND, type AttachmentData, type InlinePolicyData, type PolicyData, type PolicyVersionData, type RoleData, type UserData } from './records.js';

const MAX_CACHED = 10_000;

/** A managed policy's default document: customer managed from the snapshot, AWS managed from the catalogue. */
export interface ManagedDocument {
  readonly cacheKey: string;
  readonly name: string;
  readonly document: string;
}

export const managedDocument = (
  state: Snapshot,
  catalogue: ManagedCatalogue,
  account: string,
  arn: string,
): ManagedDocument | undefined => {
  const aws = catalogue.get(arn);
  if (aws !== undefined) return { cacheKey: `${arn}#${aws.defaultVersionId}`, name: arn, document: aws.document };
  const parsed = parseIamArn(arn);
  if (parsed === undefined || parsed.type !== 'policy' || parsed.account !== account) return undefined;
  const policy = state.byName(account, KIND.policy, '', parsed.name);
  if (policy === undefined || dataOf<PolicyData>(policy).arn !== arn) return undefined;
  const version = state.byName(account, KIND.policyVersion, policy.id, dataOf<PolicyData>(policy).defaultVersionId);
  if (version === undefined) return undefined;
  return {
    cacheKey: `${version.id}@${version.revision}`,
    name: arn,
    document: dataOf<PolicyVersionData>(version).document,
  };
};

/** One identity policy of a user, group or role: an inline one by name, or an attached managed one by ARN. */
export type OwnerPolicy =
  | { readonly kind: 'inline'; readonly name: string; readonly cacheKey: string; readonly document: string }
  | { readonly kind: 'managed'; readonly arn: string; readonly cacheKey: string; readonly document: string };

/** The inline and attached managed policies of one owner (an attachment whose policy is gone is skipped). */
export const ownerPolicies = (state: Snapshot, catalogue: ManagedCatalogue, account: string, ownerId: string): OwnerPolicy[] => {
  const out: OwnerPolicy[] = [];
  for (const inline of state.list(account, KIND.inlinePolicy, ownerId)) {
    out.push({ kind: 'inline', name: inline.name, cacheKey: `${inline.id}@${inline.revision}`, document: dataOf<InlinePolicyData>(inline).document });
  }
  for (const attachment of state.list(account, KIND.attachment, ownerId)) {
    const arn = dataOf<AttachmentData>(attachment).policyArn;
    const managed = managedDocument(state, catalogue, account, arn);
    if (managed !== undefined) out.push({ kind: 'managed', arn, cacheKey: managed.cacheKey, document: managed.document });
  }
  return out;
};

/** The groups a user belongs to. */
export const groupsOf = (state: Snapshot, account: string, userId: string): StoredRecord[] =>
  state
    .withName(account, KIND.membership, userId)
    .map((membership) => state.get(KIND.group, membership.scope))
    .filter((group): group is StoredRecord => group !== undefined);

export class PrincipalPolicies {
  readonly #compiled = new Map<string, CompiledPolicy>();
  readonly #sets = new Map<string, { generation: number; set: CompiledPolicySet }>();

  constructor(
    private readonly state: Snapshot,
    private readonly catalogue: ManagedCatalogue,
  ) {}

  #compile(cacheKey: string, document: string, type: PolicyType, name: string): CompiledPolicy | undefined {
    const key = `${type}:${cacheKey}`;
    const cached = this.#compiled.get(key);
    if (cached !== undefined) return cached;
    // Stored documents were validated when they were saved; one that no longer parses grants nothing. Size
    // quotas apply when a policy is saved, and AWS managed policies may exceed them (ReadOnlyAccess does).
    const { policy } = checkPolicy(document, type, { sizeLimit: MAX_POLICY_DOCUMENT_LENGTH });
    if (policy === undefined) return undefined;
    if (this.#compiled.size >= MAX_CACHED) this.#compiled.clear();
    const compiled = compilePolicy(policy, type, name);
    this.#compiled.set(key, compiled);
    return compiled;
  }

  #ownerPolicies(account: string, ownerId: string, ownerName: string): CompiledPolicy[] {
    const out: CompiledPolicy[] = [];
    for (const policy of ownerPolicies(this.state, this.catalogue, account, ownerId)) {
      const name = policy.kind === 'inline' ? `${ownerName}/${policy.name}` : policy.arn;
      const compiled = this.#compile(policy.cacheKey, policy.document, 'identity', name);
      if (compiled) out.push(compiled);
    }
    return out;
  }

  /** A user's (or role's) own policies with its groups', and its boundary. */
  #entityPolicies(account: string, entityId: string): { identity: CompiledPolicy[]; boundary?: CompiledPolicy } {
    const entity = this.state.get(KIND.user, entityId) ?? this.state.get(KIND.role, entityId);
    if (entity === undefined) return { identity: [] }; // deleted: its sessions keep no permissions
    const identity = this.#ownerPolicies(account, entity.id, entity.name);
    for (const group of groupsOf(this.state, account, entity.id)) identity.push(...this.#ownerPolicies(account, group.id, group.name));
    const boundaryArn = (entity.data as UserData | RoleData).permissionsBoundary;
    const boundaryDoc = boundaryArn ? managedDocument(this.state, this.catalogue, account, boundaryArn) : undefined;
    const boundary = boundaryDoc && this.#compile(boundaryDoc.cacheKey, boundaryDoc.document, 'boundary', boundaryDoc.name);
    return boundary ? { identity, boundary } : { identity };
  }

  /** Session policies (§5.6): the inline policy and the managed ones named at issue. */
  #sessionPolicies(account: string, session: SessionClaims): CompiledPolicy[] {
    const out: CompiledPolicy[] = [];
    if (session.policy !== undefined) {
      const compiled = this.#compile(`session:${session.accessKeyId}`, session.policy, 'session', 'session policy');
      if (compiled) out.push(compiled);
    }
    for (const arn of session.policyArns ?? []) {
      const managed = managedDocument(this.state, this.catalogue, account, arn);
      const compiled = managed && this.#compile(managed.cacheKey, managed.document, 'session', arn);
      if (compiled) out.push(compiled);
    }
    return out;
  }

  #build(caller: Caller): CompiledPolicySet {
    const none = { session: [], scp: [], rcp: [] };
    switch (caller.kind) {
      case 'root':
        return { identity: [], ...none };
      case 'user':
        return { ...this.#entityPolicies(caller.account, caller.userId), ...none };
      case 'role-session':
        return { ...this.#entityPolicies(caller.account, caller.roleId), ...none, session: this.#sessionPolicies(caller.account, caller.session) };
      case 'federated-user': {
        // A federated user has its parent's permissions (the root user's are everything) within the session policies.
        const parent =
          caller.parentUserId === undefined
            ? { identity: [this.#compile('root-parent', ROOT_PARENT_POLICY, 'identity', 'root user')!] }
            : this.#entityPolicies(caller.account, caller.parentUserId);
        return { ...parent, ...none, session: this.#sessionPolicies(caller.account, caller.session) };
      }
    }
  }

  /** The compiled set for a caller; rebuilt when the snapshot changes. */
  forCaller(caller: Caller): CompiledPolicySet {
    const key = caller.kind === 'root' || caller.kind === 'user' ? `${caller.kind}:${caller.account}:${caller.kind === 'user' ? caller.userId : ''}` : `session:${caller.accessKeyId}`;
    const cached = this.#sets.get(key);
    if (cached !== undefined && cached.generation === this.state.generation) return cached.set;
    const set = this.#build(caller);
    if (this.#sets.size >= MAX_CACHED) this.#sets.clear();
    this.#sets.set(key, { generation: this.state.generation, set });
    return set;
  }
}

/** What a federated user of the root user has before its session policies cap it. */
const ROOT_PARENT_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
