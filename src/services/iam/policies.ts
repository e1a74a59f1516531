// Managed policies: customer managed ones with versions (§6.5: v1, v2, … never reused, at most 5, default
// undeletable) and tags, and read-only AWS managed ones (arn:aws:iam::aws:policy/…) from the catalogue.

import { createHash } from 'node:crypto';
import { checkPolicy } from '../../engine/index.js';
import { AwsError, deleteConflict, entityAlreadyExists, iamArn, limitExceeded, malformedPolicy, newId, noSuchEntity, parseIamArn } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import type { ManagedPolicyEntry } from './managed-catalogue.js';
import { matchesPathPrefix, pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND, type AttachmentData, type PolicyData, type PolicyVersionData, type RoleData, type Tag, type UserData } from './records.js';
import { checkNewTags, readTags, requestTagContext, resourceTagContext, tagsOutput } from './tags.js';
import { tagOperations } from './tag-operations.js';

export const POLICIES_PER_ACCOUNT = 1500;
export const VERSIONS_PER_POLICY = 5;

/**
 * Validates a document before it is stored (§1.4, §1.5): the size quota is LimitExceeded, any other error
 * MalformedPolicyDocument with the first error's message. Inline policies pass sizeLimit Infinity: their
 * quota is on the sum of an entity's policies, checked by the caller.
 */
export const requireValidDocument = (document: string, options: { readonly sizeLimit?: number } = {}): void => {
  const errors = checkPolicy(document, 'identity', options).diagnostics.filter((d) => d.severity === 'error');
  const tooLarge = errors.find((d) => d.code === 'policy-too-large');
  if (tooLarge !== undefined) throw limitExceeded(tooLarge.message);
  if (errors[0] !== undefined) throw malformedPolicy(errors[0].message);
};

/** A managed policy as the API sees it: a customer managed record, or an AWS managed catalogue entry. */
export type ManagedPolicy =
  | { readonly kind: 'local'; readonly arn: string; readonly record: StoredRecord }
  | { readonly kind: 'aws'; readonly arn: string; readonly entry: ManagedPolicyEntry };

/** The policy an ARN names, if it exists: AWS managed from the catalogue, else a policy of this account. */
export const lookupPolicy = (ctx: IamContext, arn: string): ManagedPolicy | undefined => {
  const entry = ctx.catalogue.get(arn);
  if (entry !== undefined) return { kind: 'aws', arn, entry };
  const parsed = parseIamArn(arn);
  if (parsed === undefined || parsed.type !== 'policy' || parsed.account !== ctx.account) return undefined;
  const record = ctx.state.byName(ctx.account, KIND.policy, '', parsed.name);
  // Names are unique per account, but the ARN must match exactly, path and case included.
  return record !== undefined && dataOf<PolicyData>(record).arn === arn ? { kind: 'local', arn, record } : undefined;
};

export const findPolicy = (ctx: IamContext, arn: string): ManagedPolicy => {
  const policy = lookupPolicy(ctx, arn);
  if (policy === undefined) throw noSuchEntity(`Policy ${arn} was not found.`);
  return policy;
};

// What AWS answers when an account tries to change a policy it does not own (an AWS managed one).
const NOT_OWN: Readonly<Record<string, string>> = {
  DeletePolicy: 'Cannot delete policies outside your own account.',
  CreatePolicyVersion: 'Cannot create versions for policies outside your own account.',
  DeletePolicyVersion: 'Cannot delete policy versions for policies outside your own account.',
  SetDefaultPolicyVersion: 'Cannot update policies outside your own account.',
  TagPolicy: 'Cannot tag policies outside your own account.',
  UntagPolicy: 'Cannot untag policies outside your own account.',
  // AWS managed policies carry no tags an account can see; the wording follows the others (unverified).
  ListPolicyTags: 'Cannot list tags of policies outside your own account.',
};

/** A customer managed policy of this account that the operation may change. */
const findOwnPolicy = (ctx: IamContext, arn: string, operation: string): StoredRecord => {
  const account = parseIamArn(arn)?.account ?? ctx.account;
  const policy = account === ctx.account ? findPolicy(ctx, arn) : undefined;
  if (policy?.kind !== 'local') throw new AwsError('AccessDenied', NOT_OWN[operation] ?? `Cannot perform ${operation} on policies outside your own account.`);
  return policy.record;
};

const policyTags = (policy: ManagedPolicy): readonly Tag[] => (policy.kind === 'local' ? dataOf<PolicyData>(policy.record).tags : []);

export const policyCheck = (action: string, policy: ManagedPolicy) => ({
  action,
  resource: policy.arn,
  context: resourceTagContext(policyTags(policy)),
});

/** AWS managed policies have fixed ids in AWS; the catalogue has none, so derive a stable one from the ARN. */
export const awsPolicyId = (arn: string): string => {
  const digest = createHash('sha256').update(arn).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = 'ANPA';
  for (let i = 0; i < 17; i++) id += alphabet[digest[i]! & 31];
  return id;
};

/** How often each policy ARN is attached, and used as a permissions boundary, in the account. */
export interface PolicyUsage {
  readonly attachments: (arn: string) => number;
  readonly boundaries: (arn: string) => number;
}

export const policyUsage = (ctx: IamContext): PolicyUsage => {
  const attachments = new Map<string, number>();
  const boundaries = new Map<string, number>();
  const add = (map: Map<string, number>, arn: string) => map.set(arn, (map.get(arn) ?? 0) + 1);
  for (const a of ctx.state.all(KIND.attachment)) if (a.account === ctx.account) add(attachments, dataOf<AttachmentData>(a).policyArn);
  for (const kind of [KIND.user, KIND.role]) {
    for (const entity of ctx.state.list(ctx.account, kind)) {
      const boundary = dataOf<UserData | RoleData>(entity).permissionsBoundary;
      if (boundary !== undefined) add(boundaries, boundary);
    }
  }
  return { attachments: (arn) => attachments.get(arn) ?? 0, boundaries: (arn) => boundaries.get(arn) ?? 0 };
};

/**
 * The Policy (or ManagedPolicyDetail) members. Lists leave out Description and Tags, as AWS's do; 'full'
 * (GetPolicy, CreatePolicy) includes them.
 */
export const policyFields = (policy: ManagedPolicy, usage: PolicyUsage, detail: 'list' | 'full'): Record<string, unknown> => {
  const counts = { AttachmentCount: usage.attachments(policy.arn), PermissionsBoundaryUsageCount: usage.boundaries(policy.arn), IsAttachable: true };
  if (policy.kind === 'aws') {
    const { entry } = policy;
    return {
      PolicyName: entry.name,
      PolicyId: awsPolicyId(entry.arn),
      Arn: entry.arn,
      Path: entry.path,
      DefaultVersionId: entry.defaultVersionId,
      ...counts,
      CreateDate: entry.createDate,
      UpdateDate: entry.updateDate,
    };
  }
  const data = dataOf<PolicyData>(policy.record);
  return {
    PolicyName: policy.record.name,
    PolicyId: policy.record.id,
    Arn: data.arn,
    Path: data.path,
    DefaultVersionId: data.defaultVersionId,
    ...counts,
    ...(detail === 'full' && data.description !== undefined && { Description: data.description }),
    CreateDate: data.createDate,
    UpdateDate: data.updateDate,
    ...(detail === 'full' && tagsOutput(data.tags)),
  };
};

const policyPath = (policy: ManagedPolicy): string => (policy.kind === 'aws' ? policy.entry.path : dataOf<PolicyData>(policy.record).path);

const versionNumber = (versionId: string): number => Number(/^v(\d+)/.exec(versionId)?.[1] ?? 0);

/** Every version of a policy, newest first, with documents (AWS managed: the default version only). */
export const policyVersions = (ctx: IamContext, policy: ManagedPolicy): Array<Record<string, unknown>> => {
  if (policy.kind === 'aws') {
    const { entry } = policy;
    return [{ Document: entry.document, VersionId: entry.defaultVersionId, IsDefaultVersion: true, CreateDate: entry.updateDate }];
  }
  const defaultId = dataOf<PolicyData>(policy.record).defaultVersionId;
  return ctx.state
    .list(ctx.account, KIND.policyVersion, policy.record.id)
    .sort((a, b) => versionNumber(b.name) - versionNumber(a.name))
    .map((v) => ({
      Document: dataOf<PolicyVersionData>(v).document,
      VersionId: v.name,
      IsDefaultVersion: v.name === defaultId,
      CreateDate: dataOf<PolicyVersionData>(v).createDate,
    }));
};

const createPolicy: IamHandler = async (ctx, input) => {
  const name = input.PolicyName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const document = input.PolicyDocument as string;
  const description = input.Description as string | undefined;
  const tags = readTags(input.Tags);
  const arn = iamArn(ctx.account, 'policy', name, path);
  checkNewTags(tags, 'sensitive');
  ctx.authorize({ action: 'iam:CreatePolicy', resource: arn, context: requestTagContext(tags) });
  requireValidDocument(document);
  const now = isoNow(ctx.now);
  const record = await ctx.write(async (tx) => {
    if (await tx.getByName(ctx.account, KIND.policy, '', name)) {
      throw entityAlreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    if ((await tx.count(ctx.account, KIND.policy)) >= POLICIES_PER_ACCOUNT) {
      throw limitExceeded(`Cannot exceed quota for PoliciesPerAccount: ${POLICIES_PER_ACCOUNT}`);
    }
    const described = description !== undefined ? { description } : {};
    const data: PolicyData = { path, arn, createDate: now, updateDate: now, ...described, defaultVersionId: 'v1', nextVersion: 2, tags };
    const policy = await tx.insert({ account: ctx.account, kind: KIND.policy, id: newId('policy'), scope: '', name, data });
    const version: PolicyVersionData = { document, createDate: now };
    await tx.insert({ account: ctx.account, kind: KIND.policyVersion, id: newId('policyVersion'), scope: policy.id, name: 'v1', data: version });
    return policy;
  });
  const none = { attachments: () => 0, boundaries: () => 0 };
  return { Policy: policyFields({ kind: 'local', arn, record }, none, 'full') };
};

const getPolicy: IamHandler = async (ctx, input) => {
  const policy = findPolicy(ctx, input.PolicyArn as string);
  ctx.authorize(policyCheck('iam:GetPolicy', policy));
  return { Policy: policyFields(policy, policyUsage(ctx), 'full') };
};

const byPolicyName = (a: ManagedPolicy, b: ManagedPolicy): number => {
  const x = (a.kind === 'aws' ? a.entry.name : a.record.name).toLowerCase();
  const y = (b.kind === 'aws' ? b.entry.name : b.record.name).toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
};

const listPolicies: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:ListPolicies', resource: iamArn(ctx.account, 'policy', '', '/') });
  const scope = (input.Scope as string | undefined) ?? 'All';
  const usage = policyUsage(ctx);
  const policies: ManagedPolicy[] = [];
  if (scope !== 'AWS') {
    for (const record of ctx.state.list(ctx.account, KIND.policy)) policies.push({ kind: 'local', arn: dataOf<PolicyData>(record).arn, record });
  }
  if (scope !== 'Local') for (const entry of ctx.catalogue.list()) policies.push({ kind: 'aws', arn: entry.arn, entry });
  // OnlyAttached counts attachments, or boundary uses when PolicyUsageFilter asks for boundaries; without
  // OnlyAttached every managed policy can serve either way, so the usage filter selects nothing out.
  const isInUse = (p: ManagedPolicy): boolean =>
    input.PolicyUsageFilter === 'PermissionsBoundary' ? usage.boundaries(p.arn) > 0 : usage.attachments(p.arn) > 0;
  const selected = policies
    .filter((p) => matchesPathPrefix(policyPath(p), input.PathPrefix))
    .filter((p) => input.OnlyAttached !== true || isInUse(p))
    .sort(byPolicyName);
  return pageOutput('Policies', paginate(selected, input), (p) => policyFields(p, usage, 'list'));
};

const deletePolicy: IamHandler = async (ctx, input) => {
  const arn = input.PolicyArn as string;
  const policy = findOwnPolicy(ctx, arn, 'DeletePolicy');
  ctx.authorize(policyCheck('iam:DeletePolicy', { kind: 'local', arn, record: policy }));
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.policy, policy.id)) === undefined) throw noSuchEntity(`Policy ${arn} was not found.`);
    const attached = (await tx.list(ctx.account, KIND.attachment)).some((a) => dataOf<AttachmentData>(a).policyArn === arn);
    // A boundary in use counts as attached: deleting it would silently lift the boundary.
    const bounding = async (kind: string) =>
      (await tx.list(ctx.account, kind)).some((e) => dataOf<UserData | RoleData>(e).permissionsBoundary === arn);
    if (attached || (await bounding(KIND.user)) || (await bounding(KIND.role))) throw deleteConflict('Cannot delete a policy attached to entities.');
    const versions = await tx.list(ctx.account, KIND.policyVersion, policy.id);
    if (versions.length > 1) {
      throw deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    for (const version of versions) await tx.delete(KIND.policyVersion, version.id);
    await tx.delete(KIND.policy, policy.id);
  });
  return undefined;
};

const versionNotFound = (arn: string, versionId: string): AwsError =>
  noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);

const createPolicyVersion: IamHandler = async (ctx, input) => {
  const arn = input.PolicyArn as string;
  const document = input.PolicyDocument as string;
  const isDefault = input.SetAsDefault === true;
  const policy = findOwnPolicy(ctx, arn, 'CreatePolicyVersion');
  ctx.authorize(policyCheck('iam:CreatePolicyVersion', { kind: 'local', arn, record: policy }));
  requireValidDocument(document);
  const now = isoNow(ctx.now);
  const versionId = await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.policy, policy.id);
    if (current === undefined) throw noSuchEntity(`Policy ${arn} was not found.`);
    if ((await tx.count(ctx.account, KIND.policyVersion, policy.id)) >= VERSIONS_PER_POLICY) {
      throw limitExceeded(
        `A managed policy can have up to ${VERSIONS_PER_POLICY} versions. Before you create a new version, you must delete an existing version.`,
      );
    }
    const data = dataOf<PolicyData>(current);
    const id = `v${data.nextVersion}`;
    const version: PolicyVersionData = { document, createDate: now };
    await tx.insert({ account: ctx.account, kind: KIND.policyVersion, id: newId('policyVersion'), scope: policy.id, name: id, data: version });
    // UpdateDate is the creation time of the newest version.
    const next: PolicyData = { ...data, nextVersion: data.nextVersion + 1, updateDate: now, ...(isDefault && { defaultVersionId: id }) };
    await tx.update(KIND.policy, policy.id, { data: next });
    return id;
  });
  return { PolicyVersion: { VersionId: versionId, IsDefaultVersion: isDefault, CreateDate: now } };
};

const getPolicyVersion: IamHandler = async (ctx, input) => {
  const versionId = input.VersionId as string;
  const policy = findPolicy(ctx, input.PolicyArn as string);
  ctx.authorize(policyCheck('iam:GetPolicyVersion', policy));
  const version = policyVersions(ctx, policy).find((v) => v.VersionId === versionId);
  if (version === undefined) throw versionNotFound(policy.arn, versionId);
  return { PolicyVersion: version };
};

const listPolicyVersions: IamHandler = async (ctx, input) => {
  const policy = findPolicy(ctx, input.PolicyArn as string);
  ctx.authorize(policyCheck('iam:ListPolicyVersions', policy));
  return pageOutput('Versions', paginate(policyVersions(ctx, policy), input), ({ Document: _document, ...rest }) => rest);
};

const deletePolicyVersion: IamHandler = async (ctx, input) => {
  const arn = input.PolicyArn as string;
  const versionId = input.VersionId as string;
  const policy = findOwnPolicy(ctx, arn, 'DeletePolicyVersion');
  ctx.authorize(policyCheck('iam:DeletePolicyVersion', { kind: 'local', arn, record: policy }));
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.policy, policy.id);
    if (current === undefined) throw noSuchEntity(`Policy ${arn} was not found.`);
    const version = await tx.getByName(ctx.account, KIND.policyVersion, policy.id, versionId);
    if (version === undefined || version.name !== versionId) throw versionNotFound(arn, versionId);
    if (dataOf<PolicyData>(current).defaultVersionId === versionId) throw deleteConflict('Cannot delete the default version of a policy.');
    await tx.delete(KIND.policyVersion, version.id);
  });
  return undefined;
};

const setDefaultPolicyVersion: IamHandler = async (ctx, input) => {
  const arn = input.PolicyArn as string;
  const versionId = input.VersionId as string;
  const policy = findOwnPolicy(ctx, arn, 'SetDefaultPolicyVersion');
  ctx.authorize(policyCheck('iam:SetDefaultPolicyVersion', { kind: 'local', arn, record: policy }));
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.policy, policy.id);
    if (current === undefined) throw noSuchEntity(`Policy ${arn} was not found.`);
    const version = await tx.getByName(ctx.account, KIND.policyVersion, policy.id, versionId);
    if (version === undefined || version.name !== versionId) throw versionNotFound(arn, versionId);
    await tx.update(KIND.policy, policy.id, { data: { ...dataOf<PolicyData>(current), defaultVersionId: versionId } });
  });
  return undefined;
};

export const POLICY_OPERATIONS: Record<string, IamHandler> = {
  CreatePolicy: createPolicy,
  GetPolicy: getPolicy,
  ListPolicies: listPolicies,
  DeletePolicy: deletePolicy,
  CreatePolicyVersion: createPolicyVersion,
  GetPolicyVersion: getPolicyVersion,
  ListPolicyVersions: listPolicyVersions,
  DeletePolicyVersion: deletePolicyVersion,
  SetDefaultPolicyVersion: setDefaultPolicyVersion,
  ...tagOperations({
    label: 'Policy',
    keyCase: 'sensitive',
    find: (ctx, input, operation) => findOwnPolicy(ctx, input.PolicyArn as string, operation),
    check: (action, record) => policyCheck(action, { kind: 'local', arn: dataOf<PolicyData>(record).arn, record }),
    notFound: (record) => noSuchEntity(`Policy ${dataOf<PolicyData>(record).arn} was not found.`),
  }),
};
