// EC2 instance profiles: containers for at most one role (§6.4), with paths and tags. Deleting one, or a
// role in one, waits until the role is removed (§6.5).

import { deleteConflict, entityAlreadyExists, iamArn, limitExceeded, newId, noSuchEntity } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { AuthorizationCheck, IamContext, IamHandler } from './context.js';
import { matchesPathPrefix, pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND, type InstanceProfileData, type InstanceProfileRoleData, type RoleData } from './records.js';
import { findRole, requireModifiable, roleNotFound, roleOutput } from './roles.js';
import { checkNewTags, readTags, requestTagContext, resourceTagContext, tagsOutput } from './tags.js';
import { tagOperations } from './tag-operations.js';

export const INSTANCE_PROFILES_PER_ACCOUNT = 1000;
export const ROLES_PER_INSTANCE_PROFILE = 1;

const profileNotFound = (name: string) => noSuchEntity(`Instance Profile ${name} cannot be found.`);

export const findInstanceProfile = (ctx: IamContext, name: string): StoredRecord => {
  const profile = ctx.state.byName(ctx.account, KIND.instanceProfile, '', name);
  if (profile === undefined) throw profileNotFound(name);
  return profile;
};

/** The roles in a profile, from the snapshot. */
export const profileRoles = (ctx: IamContext, profile: StoredRecord): StoredRecord[] =>
  ctx.state
    .list(ctx.account, KIND.instanceProfileRole, profile.id)
    .map((m) => ctx.state.get(KIND.role, m.name))
    .filter((r): r is StoredRecord => r !== undefined);

/** The InstanceProfile shape; Roles carry the list form of Role. Tags only where AWS returns them (not in lists). */
export const instanceProfileOutput = (ctx: IamContext, profile: StoredRecord, withTags = false): Record<string, unknown> => {
  const data = dataOf<InstanceProfileData>(profile);
  return {
    Path: data.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.id,
    Arn: data.arn,
    CreateDate: data.createDate,
    Roles: profileRoles(ctx, profile).map((r) => roleOutput(ctx.state, r)),
    ...(withTags && tagsOutput(data.tags)),
  };
};

const profileCheck = (action: string, profile: StoredRecord): AuthorizationCheck => ({
  action,
  resource: dataOf<InstanceProfileData>(profile).arn,
  context: resourceTagContext(dataOf<InstanceProfileData>(profile).tags),
});

const createInstanceProfile: IamHandler = async (ctx, input) => {
  const name = input.InstanceProfileName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const tags = readTags(input.Tags);
  checkNewTags(tags, 'sensitive');
  const arn = iamArn(ctx.account, 'instance-profile', name, path);
  ctx.authorize({ action: 'iam:CreateInstanceProfile', resource: arn, context: requestTagContext(tags) });
  const record = await ctx.write(async (tx) => {
    if (await tx.getByName(ctx.account, KIND.instanceProfile, '', name)) throw entityAlreadyExists(`Instance Profile ${name} already exists.`);
    if ((await tx.count(ctx.account, KIND.instanceProfile)) >= INSTANCE_PROFILES_PER_ACCOUNT) {
      throw limitExceeded(`Cannot exceed quota for InstanceProfilesPerAccount: ${INSTANCE_PROFILES_PER_ACCOUNT}`);
    }
    const data: InstanceProfileData = { path, arn, createDate: isoNow(ctx.now), tags };
    return tx.insert({ account: ctx.account, kind: KIND.instanceProfile, id: newId('instanceProfile'), scope: '', name, data });
  });
  return { InstanceProfile: instanceProfileOutput(ctx, record, true) };
};

const getInstanceProfile: IamHandler = async (ctx, input) => {
  const profile = findInstanceProfile(ctx, input.InstanceProfileName as string);
  ctx.authorize(profileCheck('iam:GetInstanceProfile', profile));
  return { InstanceProfile: instanceProfileOutput(ctx, profile, true) };
};

const listInstanceProfiles: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:ListInstanceProfiles', resource: iamArn(ctx.account, 'instance-profile', '', '/') });
  const profiles = ctx.state
    .list(ctx.account, KIND.instanceProfile)
    .filter((p) => matchesPathPrefix(dataOf<InstanceProfileData>(p).path, input.PathPrefix));
  return pageOutput('InstanceProfiles', paginate(profiles, input), (p) => instanceProfileOutput(ctx, p));
};

const deleteInstanceProfile: IamHandler = async (ctx, input) => {
  const profile = findInstanceProfile(ctx, input.InstanceProfileName as string);
  ctx.authorize(profileCheck('iam:DeleteInstanceProfile', profile));
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.instanceProfile, profile.id)) === undefined) throw profileNotFound(profile.name);
    if ((await tx.count(ctx.account, KIND.instanceProfileRole, profile.id)) > 0) {
      throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    }
    await tx.delete(KIND.instanceProfile, profile.id);
  });
  return undefined;
};

const addRoleToInstanceProfile: IamHandler = async (ctx, input) => {
  const profile = findInstanceProfile(ctx, input.InstanceProfileName as string);
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize(profileCheck('iam:AddRoleToInstanceProfile', profile));
  // AWS requires the caller to be allowed to pass the role as well: EC2 instances will use it.
  ctx.authorize({ action: 'iam:PassRole', resource: dataOf<RoleData>(role).arn, context: { 'iam:PassedToService': 'ec2.amazonaws.com' } });
  requireModifiable(role);
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.instanceProfile, profile.id)) === undefined) throw profileNotFound(profile.name);
    if ((await tx.getById(KIND.role, role.id)) === undefined) throw roleNotFound(role.name);
    // Even the same role again: the single slot is taken.
    if ((await tx.count(ctx.account, KIND.instanceProfileRole, profile.id)) >= ROLES_PER_INSTANCE_PROFILE) {
      throw limitExceeded(`Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_INSTANCE_PROFILE}`);
    }
    const data: InstanceProfileRoleData = { roleName: role.name };
    await tx.insert({ account: ctx.account, kind: KIND.instanceProfileRole, id: `${profile.id}/${role.id}`, scope: profile.id, name: role.id, data });
  });
  return undefined;
};

const removeRoleFromInstanceProfile: IamHandler = async (ctx, input) => {
  const profile = findInstanceProfile(ctx, input.InstanceProfileName as string);
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize(profileCheck('iam:RemoveRoleFromInstanceProfile', profile));
  requireModifiable(role);
  await ctx.write(async (tx) => {
    const membership = await tx.getByName(ctx.account, KIND.instanceProfileRole, profile.id, role.id);
    if (membership === undefined) throw noSuchEntity(`The role with name ${role.name} is not in instance profile ${profile.name}.`);
    await tx.delete(KIND.instanceProfileRole, membership.id);
  });
  return undefined;
};

const listInstanceProfilesForRole: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize({ action: 'iam:ListInstanceProfilesForRole', resource: dataOf<RoleData>(role).arn });
  const profiles = ctx.state
    .withName(ctx.account, KIND.instanceProfileRole, role.id)
    .map((m) => ctx.state.get(KIND.instanceProfile, m.scope))
    .filter((p): p is StoredRecord => p !== undefined)
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  return pageOutput('InstanceProfiles', paginate(profiles, input), (p) => instanceProfileOutput(ctx, p));
};

export const INSTANCE_PROFILE_OPERATIONS: Record<string, IamHandler> = {
  CreateInstanceProfile: createInstanceProfile,
  GetInstanceProfile: getInstanceProfile,
  ListInstanceProfiles: listInstanceProfiles,
  DeleteInstanceProfile: deleteInstanceProfile,
  AddRoleToInstanceProfile: addRoleToInstanceProfile,
  RemoveRoleFromInstanceProfile: removeRoleFromInstanceProfile,
  ListInstanceProfilesForRole: listInstanceProfilesForRole,
  ...tagOperations({
    label: 'InstanceProfile',
    keyCase: 'sensitive',
    find: (ctx, input) => findInstanceProfile(ctx, input.InstanceProfileName as string),
    check: profileCheck,
    notFound: (profile) => profileNotFound(profile.name),
  }),
};
