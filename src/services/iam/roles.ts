// IAM roles: create, read, list, update, delete (with AWS's dependency checks), trust policies, tags and
// permissions boundaries. Service-linked roles belong to their service: customers may only edit the
// description (§6.5).

import { checkPolicy } from '../../engine/index.js';
import {
  deleteConflict,
  entityAlreadyExists,
  iamArn,
  limitExceeded,
  malformedPolicy,
  newId,
  noSuchEntity,
  unmodifiableEntity,
} from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import type { StoredRecord, StoreTransaction } from '../../store/index.js';
import { requireBoundaryPolicy } from './boundary-policy.js';
import type { AuthorizationCheck, IamContext, IamHandler } from './context.js';
import { matchesPathPrefix, pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND, type RoleData, type RoleLastUsedData } from './records.js';
import { tagOperations } from './tag-operations.js';
import { effectiveTrustPolicy, namedPrincipal } from './trust-principals.js';
import { checkNewTags, readTags, requestTagContext, resourceTagContext, tagsOutput } from './tags.js';

export const ROLES_PER_ACCOUNT = 1000;
export const DEFAULT_MAX_SESSION_DURATION = 3600;

export const roleNotFound = (name: string) => noSuchEntity(`The role with name ${name} cannot be found.`);

/**
 * The Role shape. List operations (ListRoles, instance profiles' Roles) leave out PermissionsBoundary, Tags
 * and RoleLastUsed, as AWS's do; GetRole and the create/update outputs include them.
 */
export const roleOutput = (state: Snapshot, record: StoredRecord, withDetails = false): Record<string, unknown> => {
  const data = dataOf<RoleData & RoleLastUsedData>(record);
  return {
    Path: data.path,
    RoleName: record.name,
    RoleId: record.id,
    Arn: data.arn,
    CreateDate: data.createDate,
    AssumeRolePolicyDocument: effectiveTrustPolicy(state, data),
    ...(data.description !== undefined && { Description: data.description }),
    MaxSessionDuration: data.maxSessionDuration,
    ...(withDetails && data.permissionsBoundary !== undefined && {
      PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: data.permissionsBoundary },
    }),
    ...(withDetails && tagsOutput(data.tags)),
    ...(withDetails && {
      RoleLastUsed: data.lastUsed ? { LastUsedDate: data.lastUsed.date, Region: data.lastUsed.region } : {},
    }),
  };
};

/** CreateRole and CreateServiceLinkedRole answer the detailed shape without RoleLastUsed, as AWS does. */
export const createdRoleOutput = (state: Snapshot, record: StoredRecord): Record<string, unknown> => {
  const { RoleLastUsed: _unused, ...role } = roleOutput(state, record, true);
  return role;
};

export const findRole = (ctx: IamContext, name: string): StoredRecord => {
  const role = ctx.state.byName(ctx.account, KIND.role, '', name);
  if (role === undefined) throw roleNotFound(name);
  return role;
};

/** The condition keys every call on an existing role carries. */
export const roleCheck = (action: string, role: StoredRecord): AuthorizationCheck => ({
  action,
  resource: dataOf<RoleData>(role).arn,
  context: resourceTagContext(dataOf<RoleData>(role).tags),
});

/** Service-linked roles are edited only by their service (§6.5). */
export const requireModifiable = (role: StoredRecord): void => {
  if (dataOf<RoleData>(role).serviceLinkedTo !== undefined) {
    throw unmodifiableEntity(`Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
  }
};

/**
 * Validates a trust policy as IAM does on save: grammar, the ACLSizePerRole quota, named principals (§1.4,
 * §1.5, §2.3). A user or role ARN of an account this Keycard holds must name an existing entity (others
 * cannot be checked); the answer binds each such ARN to the entity's unique id.
 */
export const checkTrustPolicy = (ctx: IamContext, document: string): Record<string, string> => {
  const { policy, diagnostics } = checkPolicy(document, 'trust');
  if (policy === undefined) {
    const first = diagnostics.find((d) => d.severity === 'error');
    if (first?.code === 'policy-too-large') throw limitExceeded(first.message);
    throw malformedPolicy(first?.message ?? 'Syntax errors in policy.');
  }
  const bound: Record<string, string> = {};
  for (const statement of policy.statements) {
    for (const entry of statement.principal?.entries ?? []) {
      if (entry.kind !== 'AWS') continue;
      const named = namedPrincipal(ctx.state, entry.value);
      if (named.kind === 'missing') throw malformedPolicy(`Invalid principal in policy: "AWS":"${entry.value}"`);
      if (named.kind === 'entity') bound[entry.value] = named.record.id;
    }
  }
  return bound;
};

/** Checks the per-account role quota inside a write (§6.4). */
export const checkRoleQuota = async (tx: StoreTransaction, account: string): Promise<void> => {
  if ((await tx.count(account, KIND.role)) >= ROLES_PER_ACCOUNT) {
    throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${ROLES_PER_ACCOUNT}`);
  }
};

/** Re-reads the role in a write and stores change(data). */
const updateRoleData = (ctx: IamContext, role: StoredRecord, change: (data: RoleData) => RoleData): Promise<StoredRecord> =>
  ctx.write(async (tx) => {
    const current = await tx.getById(KIND.role, role.id);
    if (current === undefined) throw roleNotFound(role.name);
    return tx.update(KIND.role, role.id, { data: change(dataOf<RoleData>(current)) });
  });

/** An empty description removes it. */
const withDescription = (data: RoleData, description: unknown): RoleData => {
  if (typeof description !== 'string') return data;
  const { description: _previous, ...rest } = data;
  return description === '' ? rest : { ...rest, description };
};

const createRole: IamHandler = async (ctx, input) => {
  const name = input.RoleName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const document = input.AssumeRolePolicyDocument as string;
  const tags = readTags(input.Tags);
  checkNewTags(tags);
  const boundary = input.PermissionsBoundary as string | undefined;
  const arn = iamArn(ctx.account, 'role', name, path);
  ctx.authorize({
    action: 'iam:CreateRole',
    resource: arn,
    context: { ...requestTagContext(tags), ...(boundary !== undefined && { 'iam:PermissionsBoundary': boundary }) },
  });
  const trustPrincipalIds = checkTrustPolicy(ctx, document);
  if (boundary !== undefined) requireBoundaryPolicy(ctx, boundary);
  const record = await ctx.write(async (tx) => {
    if (await tx.getByName(ctx.account, KIND.role, '', name)) throw entityAlreadyExists(`Role with name ${name} already exists.`);
    await checkRoleQuota(tx, ctx.account);
    const data: RoleData = withDescription(
      {
        path,
        arn,
        createDate: isoNow(ctx.now),
        assumeRolePolicyDocument: document,
        trustPrincipalIds,
        maxSessionDuration: (input.MaxSessionDuration as number | undefined) ?? DEFAULT_MAX_SESSION_DURATION,
        tags,
        ...(boundary !== undefined && { permissionsBoundary: boundary }),
      },
      input.Description,
    );
    return tx.insert({ account: ctx.account, kind: KIND.role, id: newId('role'), scope: '', name, data });
  });
  return { Role: createdRoleOutput(ctx.state, record) };
};

const getRole: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize(roleCheck('iam:GetRole', role));
  return { Role: roleOutput(ctx.state, role, true) };
};

const listRoles: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:ListRoles', resource: iamArn(ctx.account, 'role', '', '/') });
  const roles = ctx.state.list(ctx.account, KIND.role).filter((r) => matchesPathPrefix(dataOf<RoleData>(r).path, input.PathPrefix));
  return pageOutput('Roles', paginate(roles, input), (r) => roleOutput(ctx.state, r));
};

const updateRole: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize(roleCheck('iam:UpdateRole', role));
  const duration = input.MaxSessionDuration as number | undefined;
  // A service-linked role's description is the customer's to edit; nothing else is.
  if (duration !== undefined) requireModifiable(role);
  await updateRoleData(ctx, role, (data) => ({
    ...withDescription(data, input.Description),
    ...(duration !== undefined && { maxSessionDuration: duration }),
  }));
  return undefined;
};

const updateRoleDescription: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize(roleCheck('iam:UpdateRoleDescription', role));
  const updated = await updateRoleData(ctx, role, (data) => withDescription(data, input.Description));
  return { Role: roleOutput(ctx.state, updated, true) };
};

const updateAssumeRolePolicy: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize(roleCheck('iam:UpdateAssumeRolePolicy', role));
  requireModifiable(role);
  const document = input.PolicyDocument as string;
  const trustPrincipalIds = checkTrustPolicy(ctx, document);
  await updateRoleData(ctx, role, (data) => ({ ...data, assumeRolePolicyDocument: document, trustPrincipalIds }));
  return undefined;
};

const deleteRole: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize(roleCheck('iam:DeleteRole', role));
  requireModifiable(role);
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.role, role.id)) === undefined) throw roleNotFound(role.name);
    // IAM never cascades: each dependency must be removed first (§6.5).
    if ((await tx.count(ctx.account, KIND.inlinePolicy, role.id)) > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if ((await tx.count(ctx.account, KIND.attachment, role.id)) > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    const profiles = (await tx.list(ctx.account, KIND.instanceProfileRole)).filter((m) => m.name === role.id);
    if (profiles.length > 0) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    await tx.delete(KIND.role, role.id);
  });
  return undefined;
};

const putRolePermissionsBoundary: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  const arn = input.PermissionsBoundary as string;
  const check = roleCheck('iam:PutRolePermissionsBoundary', role);
  ctx.authorize({ ...check, context: { ...check.context, 'iam:PermissionsBoundary': arn } });
  requireModifiable(role);
  requireBoundaryPolicy(ctx, arn);
  await updateRoleData(ctx, role, (data) => ({ ...data, permissionsBoundary: arn }));
  return undefined;
};

const deleteRolePermissionsBoundary: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  const check = roleCheck('iam:DeleteRolePermissionsBoundary', role);
  const existing = dataOf<RoleData>(role).permissionsBoundary;
  ctx.authorize({ ...check, context: { ...check.context, ...(existing && { 'iam:PermissionsBoundary': existing }) } });
  requireModifiable(role);
  await updateRoleData(ctx, role, ({ permissionsBoundary: _removed, ...rest }) => rest);
  return undefined;
};

export const ROLE_OPERATIONS: Record<string, IamHandler> = {
  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  ...tagOperations({
    label: 'Role',
    keyCase: 'insensitive',
    find: (ctx, input) => findRole(ctx, input.RoleName as string),
    check: roleCheck,
    notFound: (role) => roleNotFound(role.name),
    guard: requireModifiable,
  }),
  PutRolePermissionsBoundary: putRolePermissionsBoundary,
  DeleteRolePermissionsBoundary: deleteRolePermissionsBoundary,
};
