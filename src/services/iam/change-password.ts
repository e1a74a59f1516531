// ChangePassword: the calling IAM user replaces its own console password, proving the old one (IAM API
// reference, ChangePassword). The new one must meet the account password policy and its reuse rule (§6.5);
// the root user's password is not an IAM login profile.

import { AwsError, noSuchEntity } from '../../domain/index.js';
import type { IamHandler } from './context.js';
import {
  hashPassword,
  isReused,
  MAX_REUSE_PREVENTION,
  passwordPolicyOf,
  requireConformingPassword,
  verifyPassword,
  type LoginProfileData,
} from './login-profiles.js';
import { dataOf, isoNow, KIND } from './records.js';
import { userCheck } from './users.js';

const changePassword: IamHandler = async (ctx, input) => {
  if (ctx.caller.kind !== 'user') throw new AwsError('InvalidUserType', 'Only IAM users can change their own password with ChangePassword.');
  const user = ctx.state.get(KIND.user, ctx.caller.userId);
  if (user === undefined) throw noSuchEntity(`The user with name ${ctx.caller.userName} cannot be found.`);
  const policy = passwordPolicyOf(ctx);
  // AllowUsersToChangePassword lets every IAM user change its own password without a policy granting
  // iam:ChangePassword (IAM User Guide, "Set an account password policy for IAM users").
  if (policy?.AllowUsersToChangePassword !== true) ctx.authorize(userCheck('iam:ChangePassword', user));
  const profile = ctx.state.get(KIND.loginProfile, user.id);
  if (profile === undefined) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
  const data = dataOf<LoginProfileData>(profile);
  // No modelled error names a wrong old password; AWS's code for it is unverified, and the caller is
  // refused as for any other missing proof.
  if (!(await verifyPassword(input.OldPassword as string, data.passwordHash))) throw new AwsError('AccessDenied', 'The old password is incorrect.');
  const password = input.NewPassword as string;
  requireConformingPassword(password, policy);
  const reuse = policy?.PasswordReusePrevention;
  if (reuse !== undefined && (await isReused(password, data, reuse))) {
    throw new AwsError('PasswordPolicyViolation', 'Password does not conform to the account password policy.');
  }
  const passwordHash = await hashPassword(password);
  await ctx.write(async (tx) => {
    const current = await tx.getById(KIND.loginProfile, user.id);
    if (current === undefined) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    const latest = dataOf<LoginProfileData>(current);
    // The old password was checked against the snapshot: a concurrent change makes that proof stale.
    if (latest.passwordHash !== data.passwordHash) {
      throw new AwsError('EntityTemporarilyUnmodifiable', `Login Profile for User ${user.name} was changed by another request; try again.`);
    }
    const next: LoginProfileData = {
      ...latest,
      passwordHash,
      previousHashes: [latest.passwordHash, ...latest.previousHashes].slice(0, MAX_REUSE_PREVENTION - 1),
      // A password the user chose itself no longer needs resetting at the next sign-in.
      passwordResetRequired: false,
      passwordLastChanged: isoNow(ctx.now),
    };
    await tx.update(KIND.loginProfile, user.id, { data: next });
  });
  return undefined;
};

export const CHANGE_PASSWORD_OPERATIONS: Record<string, IamHandler> = {
  ChangePassword: changePassword,
};
