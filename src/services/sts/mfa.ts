// MFA on AssumeRole and GetSessionToken (§5.8): SerialNumber + TokenCode checked against a device enabled
// for the calling IAM user. A wrong or missing code is AccessDenied with AWS's texts.

import { callerArn, callerUserId } from '../access/caller.js';
import type { IamContext } from '../iam/index.js';
import { mfaDeviceUserId, verifyMfaCode } from '../iam/mfa-devices.js';
import { accessDenied } from './authorization-message.js';

const BOTH_NEEDED = 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.';
const INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';

/**
 * When the request passes MFA, verifies it and returns the time it was verified; undefined when it passes
 * none. The device must be the caller's own: the root user has none through the API.
 */
export const verifyRequestMfa = async (ctx: IamContext, input: Record<string, unknown>, action: string): Promise<number | undefined> => {
  const serial = input.SerialNumber as string | undefined;
  const code = input.TokenCode as string | undefined;
  if (serial === undefined && code === undefined) return undefined;
  const { caller } = ctx;
  const deny = (message: string, reason: string) =>
    accessDenied(ctx.secrets, message, {
      principal: { id: callerUserId(caller), arn: callerArn(caller), account: caller.account },
      action,
      resource: serial ?? '*',
      context: { 'sts:SerialNumber': serial ?? '' },
      reason,
    });
  if (serial === undefined || code === undefined) throw deny(BOTH_NEEDED, 'mfa-incomplete');
  const userId = caller.kind === 'user' ? caller.userId : undefined;
  const isOwnDevice = userId !== undefined && mfaDeviceUserId(ctx.state, caller.account, serial) === userId;
  if (!isOwnDevice || !(await verifyMfaCode(ctx, caller.account, serial, code, ctx.now))) throw deny(INVALID_CODE, 'mfa-code-invalid');
  return ctx.now.getTime();
};
