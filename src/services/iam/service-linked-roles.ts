// Service-linked roles (§6.5): created for an AWS service at /aws-service-role/SERVICE/, trusted by that
// service only, edited only by it, and deleted through a deletion task whose status can be asked later.

import { randomUUID } from 'node:crypto';
import { iamArn, invalidInput, newId, noSuchEntity } from '../../domain/index.js';
import type { IamHandler } from './context.js';
import { dataOf, isoNow, KIND, type DeletionTaskData, type InstanceProfileData, type RoleData } from './records.js';
import { checkRoleQuota, createdRoleOutput, DEFAULT_MAX_SESSION_DURATION, findRole, roleCheck, roleNotFound } from './roles.js';

/** Role names AWS gives well-known services; others are derived from the service name. */
const SERVICE_ROLE_NAMES: Readonly<Record<string, string>> = {
  'access-analyzer.amazonaws.com': 'AWSServiceRoleForAccessAnalyzer',
  'autoscaling.amazonaws.com': 'AWSServiceRoleForAutoScaling',
  'backup.amazonaws.com': 'AWSServiceRoleForBackup',
  'cloudtrail.amazonaws.com': 'AWSServiceRoleForCloudTrail',
  'compute-optimizer.amazonaws.com': 'AWSServiceRoleForComputeOptimizer',
  'config.amazonaws.com': 'AWSServiceRoleForConfig',
  'dynamodb.application-autoscaling.amazonaws.com': 'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
  'ecs.amazonaws.com': 'AWSServiceRoleForECS',
  'ecs.application-autoscaling.amazonaws.com': 'AWSServiceRoleForApplicationAutoScaling_ECSService',
  'eks.amazonaws.com': 'AWSServiceRoleForAmazonEKS',
  'eks-nodegroup.amazonaws.com': 'AWSServiceRoleForAmazonEKSNodegroup',
  'elasticache.amazonaws.com': 'AWSServiceRoleForElastiCache',
  'elasticbeanstalk.amazonaws.com': 'AWSServiceRoleForElasticBeanstalk',
  'elasticloadbalancing.amazonaws.com': 'AWSServiceRoleForElasticLoadBalancing',
  'elasticmapreduce.amazonaws.com': 'AWSServiceRoleForEMRCleanup',
  'guardduty.amazonaws.com': 'AWSServiceRoleForAmazonGuardDuty',
  'kafka.amazonaws.com': 'AWSServiceRoleForKafka',
  'lex.amazonaws.com': 'AWSServiceRoleForLexBots',
  'opensearchservice.amazonaws.com': 'AWSServiceRoleForAmazonOpenSearchService',
  'organizations.amazonaws.com': 'AWSServiceRoleForOrganizations',
  'rds.amazonaws.com': 'AWSServiceRoleForRDS',
  'redshift.amazonaws.com': 'AWSServiceRoleForRedshift',
  'securityhub.amazonaws.com': 'AWSServiceRoleForSecurityHub',
  'spot.amazonaws.com': 'AWSServiceRoleForEC2Spot',
  'spotfleet.amazonaws.com': 'AWSServiceRoleForEC2SpotFleet',
  'sso.amazonaws.com': 'AWSServiceRoleForSSO',
  'ssm.amazonaws.com': 'AWSServiceRoleForAmazonSSM',
  'support.amazonaws.com': 'AWSServiceRoleForSupport',
  'transitgateway.amazonaws.com': 'AWSServiceRoleForVPCTransitGateway',
  'trustedadvisor.amazonaws.com': 'AWSServiceRoleForTrustedAdvisor',
};

const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
const MAX_ROLE_NAME = 64;
/** IAM is global; usage is reported against its home region. */
const IAM_REGION = 'us-east-1';

/** "foo-bar.baz.amazonaws.com" → "AWSServiceRoleForFooBarBaz" when the table does not know the service. */
export const serviceLinkedRoleName = (service: string): string => {
  const known = SERVICE_ROLE_NAMES[service];
  if (known !== undefined) return known;
  const words = service.replace(/\.amazonaws\.com(\.cn)?$/, '').split(/[.-]/).filter((w) => w !== '');
  return `AWSServiceRoleFor${words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}`;
};

const trustPolicy = (service: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

const TASK_ID = /^task\/aws-service-role\/[^/]+\/[^/]+\/[0-9a-f-]{36}$/;

const createServiceLinkedRole: IamHandler = async (ctx, input) => {
  const service = input.AWSServiceName as string;
  if (!SERVICE_NAME.test(service)) throw invalidInput(`Invalid AWS service name: ${service}. Service names look like service.amazonaws.com.`);
  const suffix = input.CustomSuffix as string | undefined;
  const name = serviceLinkedRoleName(service) + (suffix !== undefined ? `_${suffix}` : '');
  if (name.length > MAX_ROLE_NAME) throw invalidInput(`The role name ${name} is longer than ${MAX_ROLE_NAME} characters.`);
  const path = `/aws-service-role/${service}/`;
  const arn = iamArn(ctx.account, 'role', name, path);
  ctx.authorize({ action: 'iam:CreateServiceLinkedRole', resource: arn, context: { 'iam:AWSServiceName': service } });
  const description = input.Description as string | undefined;
  const record = await ctx.write(async (tx) => {
    if (await tx.getByName(ctx.account, KIND.role, '', name)) {
      throw invalidInput(`Service role name ${name} has been taken in this account, please try a different suffix.`);
    }
    await checkRoleQuota(tx, ctx.account);
    const data: RoleData = {
      path,
      arn,
      createDate: isoNow(ctx.now),
      assumeRolePolicyDocument: trustPolicy(service),
      ...(description !== undefined && description !== '' && { description }),
      maxSessionDuration: DEFAULT_MAX_SESSION_DURATION,
      tags: [],
      serviceLinkedTo: service,
    };
    return tx.insert({ account: ctx.account, kind: KIND.role, id: newId('role'), scope: '', name, data });
  });
  return { Role: createdRoleOutput(ctx.state, record) };
};

/**
 * Runs the deletion at once: the task SUCCEEDS and the role goes when nothing depends on it, else the task
 * FAILS with what still uses the role and the role stays. Either way the task is kept for its status.
 */
const deleteServiceLinkedRole: IamHandler = async (ctx, input) => {
  const role = findRole(ctx, input.RoleName as string);
  ctx.authorize(roleCheck('iam:DeleteServiceLinkedRole', role));
  const service = dataOf<RoleData>(role).serviceLinkedTo;
  if (service === undefined) throw invalidInput(`Role ${role.name} is not a service-linked role.`);
  const taskId = `task/aws-service-role/${service}/${role.name}/${randomUUID()}`;
  await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.role, role.id)) === undefined) throw roleNotFound(role.name);
    const profiles = (await tx.list(ctx.account, KIND.instanceProfileRole)).filter((m) => m.name === role.id);
    const profileArns: string[] = [];
    for (const membership of profiles) {
      const profile = await tx.getById(KIND.instanceProfile, membership.scope);
      if (profile) profileArns.push(dataOf<InstanceProfileData>(profile).arn);
    }
    const reasons = [
      ...((await tx.count(ctx.account, KIND.inlinePolicy, role.id)) > 0 ? ['the role still has inline policies'] : []),
      ...((await tx.count(ctx.account, KIND.attachment, role.id)) > 0 ? ['the role still has attached policies'] : []),
      ...(profileArns.length > 0 ? ['the role is still in an instance profile'] : []),
    ];
    const task: DeletionTaskData = {
      roleName: role.name,
      roleId: role.id,
      roleArn: dataOf<RoleData>(role).arn,
      serviceName: service,
      createDate: isoNow(ctx.now),
      ...(reasons.length === 0
        ? { status: 'SUCCEEDED' as const }
        : {
            status: 'FAILED' as const,
            reason: `Cannot delete service-linked role ${role.name}: ${reasons.join('; ')}.`,
            ...(profileArns.length > 0 && { roleUsage: [{ region: IAM_REGION, resources: profileArns }] }),
          }),
    };
    if (reasons.length === 0) await tx.delete(KIND.role, role.id);
    await tx.insert({ account: ctx.account, kind: KIND.deletionTask, id: taskId, scope: '', name: taskId, data: task });
  });
  return { DeletionTaskId: taskId };
};

const getServiceLinkedRoleDeletionStatus: IamHandler = async (ctx, input) => {
  const taskId = input.DeletionTaskId as string;
  if (!TASK_ID.test(taskId)) throw invalidInput(`Invalid deletion task id: ${taskId}`);
  const task = ctx.state.get(KIND.deletionTask, taskId);
  if (task === undefined || task.account !== ctx.account) throw noSuchEntity(`Deletion task ${taskId} cannot be found.`);
  const data = dataOf<DeletionTaskData>(task);
  ctx.authorize({ action: 'iam:GetServiceLinkedRoleDeletionStatus', resource: data.roleArn });
  return {
    Status: data.status,
    ...(data.reason !== undefined && {
      Reason: {
        Reason: data.reason,
        ...(data.roleUsage !== undefined && { RoleUsageList: data.roleUsage.map((u) => ({ Region: u.region, Resources: u.resources })) }),
      },
    }),
  };
};

export const SERVICE_LINKED_ROLE_OPERATIONS: Record<string, IamHandler> = {
  CreateServiceLinkedRole: createServiceLinkedRole,
  DeleteServiceLinkedRole: deleteServiceLinkedRole,
  GetServiceLinkedRoleDeletionStatus: getServiceLinkedRoleDeletionStatus,
};
