// ChangePassword against a real store and authorizer: the old password is proved, the new one meets the
// policy and its reuse rule, only IAM users may call it, and AllowUsersToChangePassword grants it.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword, type LoginProfileData } from './login-profiles.js';
import { KIND } from './records.js';
import { allow, ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';


let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreateUser', { UserName: 'alice' });
  await h.call('CreateLoginProfile', { UserName: 'alice', Password: 'Original-pass1', PasswordResetRequired: true });
});
afterEach(async () => {
  await h.close();
});

const profile = (): LoginProfileData => {
  const user = h.state.byName(ACCOUNT, KIND.user, '', 'alice')!;
  return h.state.get(KIND.loginProfile, user.id)!.data as LoginProfileData;
};

const grantSelf = () =>
  h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'pw', PolicyDocument: allow('iam:ChangePassword', `arn:aws:iam::${ACCOUNT}:user/alice`) });

describe('ChangePassword', () => {
  it('replaces the password after proving the old one, and clears PasswordResetRequired', async () => {
    await grantSelf();
    const alice = h.userCaller('alice');
    expect(await h.call('ChangePassword', { OldPassword: 'Original-pass1', NewPassword: 'Brand-new-pass2' }, alice)).toEqual({});
    expect(await verifyPassword('Brand-new-pass2', profile().passwordHash)).toBe(true);
    expect(profile()).toMatchObject({ passwordResetRequired: false, passwordLastChanged: expect.stringMatching(/Z$/) });
    expect(profile().previousHashes).toHaveLength(1);
  });

  it('refuses a wrong old password and changes nothing', async () => {
    await grantSelf();
    const before = profile().passwordHash;
    expect(await h.fail('ChangePassword', { OldPassword: 'wrong', NewPassword: 'Brand-new-pass2' }, h.userCaller('alice'))).toMatchObject({
      code: 'AccessDenied',
      message: 'The old password is incorrect.',
    });
    expect(profile().passwordHash).toBe(before);
  });

  it('checks the new password against the policy and its reuse rule', async () => {
    await grantSelf();
    await h.call('UpdateAccountPasswordPolicy', { MinimumPasswordLength: 12, PasswordReusePrevention: 2 });
    const alice = h.userCaller('alice');
    const violation = { code: 'PasswordPolicyViolation', message: 'Password does not conform to the account password policy.' };
    expect(await h.fail('ChangePassword', { OldPassword: 'Original-pass1', NewPassword: 'short' }, alice)).toMatchObject(violation);
    expect(await h.fail('ChangePassword', { OldPassword: 'Original-pass1', NewPassword: 'Original-pass1' }, alice)).toMatchObject(violation);
    await h.call('ChangePassword', { OldPassword: 'Original-pass1', NewPassword: 'Second-password' }, alice);
    expect(await h.fail('ChangePassword', { OldPassword: 'Second-password', NewPassword: 'Original-pass1' }, alice)).toMatchObject(violation);
    await h.call('ChangePassword', { OldPassword: 'Second-password', NewPassword: 'Third-password' }, alice);
  });

  it('is for IAM users with a login profile only', async () => {
    expect(await h.fail('ChangePassword', { OldPassword: 'a', NewPassword: 'b' })).toMatchObject({ code: 'InvalidUserType' });
    await h.call('CreateUser', { UserName: 'bob' });
    await h.call('PutUserPolicy', { UserName: 'bob', PolicyName: 'pw', PolicyDocument: allow('iam:ChangePassword') });
    expect(await h.fail('ChangePassword', { OldPassword: 'a', NewPassword: 'b' }, h.userCaller('bob'))).toMatchObject({
      code: 'NoSuchEntity',
      message: 'Login Profile for User bob cannot be found.',
    });
  });
});

describe('authorization', () => {
  it('needs iam:ChangePassword on the user unless the policy lets users change their own password', async () => {
    const alice = h.userCaller('alice');
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    expect(await h.fail('ChangePassword', { OldPassword: 'Original-pass1', NewPassword: 'Brand-new-pass2' }, alice)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: ${arn} is not authorized to perform: iam:ChangePassword on resource: ${arn} because no identity-based policy allows the iam:ChangePassword action`),
    });
    await h.call('UpdateAccountPasswordPolicy', { AllowUsersToChangePassword: true });
    await h.call('ChangePassword', { OldPassword: 'Original-pass1', NewPassword: 'Brand-new-pass2' }, alice);
    expect(await verifyPassword('Brand-new-pass2', profile().passwordHash)).toBe(true);
  });
});
