// The STS operations available with long-term credentials so far: GetCallerIdentity (never denied, §4.6
// step 0) and GetAccessKeyInfo. Role assumption and federation arrive with the STS capability.

import { AwsError } from '../../domain/index.js';
import { callerArn, callerUserId } from '../access/caller.js';
import type { IamHandler } from '../iam/index.js';
import { KIND } from '../iam/index.js';

const getCallerIdentity: IamHandler = async (ctx) => ({
  UserId: callerUserId(ctx.caller),
  Account: ctx.account,
  Arn: callerArn(ctx.caller),
});

const getAccessKeyInfo: IamHandler = async (ctx, input) => {
  const id = input.AccessKeyId as string;
  ctx.authorize({ action: 'sts:GetAccessKeyInfo', resource: '*' });
  const key = ctx.state.get(KIND.accessKey, id);
  if (key === undefined) throw new AwsError('InvalidParameterValue', `The access key ${id} is not valid.`);
  return { Account: key.account };
};

export const STS_OPERATIONS: Readonly<Record<string, IamHandler>> = {
  GetCallerIdentity: getCallerIdentity,
  GetAccessKeyInfo: getAccessKeyInfo,
};
