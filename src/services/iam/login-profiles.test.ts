// Login profiles and the account password policy against a real store and authorizer: shapes, the policy's
// rules, reuse prevention, what is stored (a scrypt hash, never the password) and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, type LoginProfileData } from './login-profiles.js';
import { KIND } from './records.js';
import { allow, ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';


let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreateUser', { UserName: 'alice' });
});
afterEach(async () => {
  await h.close();
});

const storedProfile = (): LoginProfileData => {
  const user = h.state.byName(ACCOUNT, KIND.user, '', 'alice')!;
  return h.state.get(KIND.loginProfile, user.id)!.data as LoginProfileData;
};

describe('password hashing', () => {
  it('verifies only the right password, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('login profiles', () => {
  it('creates, gets, updates and deletes, storing only a hash', async () => {
    const created = await h.call('CreateLoginProfile', { UserName: 'alice', Password: 'Sup3r-secret', PasswordResetRequired: true });
    expect(created).toEqual({ LoginProfile: { UserName: 'alice', CreateDate: expect.stringMatching(/Z$/), PasswordResetRequired: true } });
    expect(JSON.stringify(h.state.all(KIND.loginProfile))).not.toContain('Sup3r-secret');
    expect(await verifyPassword('Sup3r-secret', storedProfile().passwordHash)).toBe(true);

    expect(await h.call('GetLoginProfile', { UserName: 'ALICE' })).toEqual(created);
    expect(await h.fail('CreateLoginProfile', { UserName: 'alice', Password: 'another-one' })).toMatchObject({
      code: 'EntityAlreadyExists',
      message: 'Login Profile for user alice already exists.',
    });

    await h.call('UpdateLoginProfile', { UserName: 'alice', PasswordResetRequired: false });
    expect((await h.call('GetLoginProfile', { UserName: 'alice' })).LoginProfile).toMatchObject({ PasswordResetRequired: false });
    await h.call('UpdateLoginProfile', { UserName: 'alice', Password: 'Next-passw0rd' });
    expect(await verifyPassword('Next-passw0rd', storedProfile().passwordHash)).toBe(true);

    expect((await h.fail('DeleteUser', { UserName: 'alice' })).code).toBe('DeleteConflict');
    await h.call('DeleteLoginProfile', { UserName: 'alice' });
    const message = 'Login Profile for User alice cannot be found.';
    expect(await h.fail('GetLoginProfile', { UserName: 'alice' })).toMatchObject({ code: 'NoSuchEntity', message });
    expect(await h.fail('DeleteLoginProfile', { UserName: 'alice' })).toMatchObject({ code: 'NoSuchEntity', message });
    expect(await h.fail('UpdateLoginProfile', { UserName: 'alice', PasswordResetRequired: true })).toMatchObject({ code: 'NoSuchEntity', message });
  });

  it('acts on the calling user when UserName is left out', async () => {
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'self', PolicyDocument: allow(['iam:CreateLoginProfile', 'iam:GetLoginProfile']) });
    const alice = h.userCaller('alice');
    await h.call('CreateLoginProfile', { Password: 'my-own-password' }, alice);
    expect((await h.call('GetLoginProfile', {}, alice)).LoginProfile).toMatchObject({ UserName: 'alice' });
    expect((await h.fail('GetLoginProfile', {})).code).toBe('NoSuchEntity');
  });

  it('answers NoSuchEntity for an unknown user', async () => {
    expect(await h.fail('CreateLoginProfile', { UserName: 'ghost', Password: 'whatever1' })).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The user with name ghost cannot be found.',
    });
  });
});

describe('account password policy', () => {
  it('is absent until set, then replaces all of it on each update', async () => {
    expect(await h.fail('GetAccountPasswordPolicy')).toMatchObject({
      code: 'NoSuchEntity',
      message: `The Password Policy with domain name ${ACCOUNT} cannot be found.`,
    });
    await h.call('UpdateAccountPasswordPolicy', { MinimumPasswordLength: 12, RequireSymbols: true, MaxPasswordAge: 90, PasswordReusePrevention: 3 });
    expect((await h.call('GetAccountPasswordPolicy')).PasswordPolicy).toEqual({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 3,
      HardExpiry: false,
    });
    await h.call('UpdateAccountPasswordPolicy', { RequireNumbers: true });
    expect((await h.call('GetAccountPasswordPolicy')).PasswordPolicy).toEqual({
      MinimumPasswordLength: 6,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      HardExpiry: false,
    });
    await h.call('DeleteAccountPasswordPolicy');
    expect((await h.fail('GetAccountPasswordPolicy')).code).toBe('NoSuchEntity');
    expect((await h.fail('DeleteAccountPasswordPolicy')).code).toBe('NoSuchEntity');
  });

  it('holds passwords to the policy', async () => {
    await h.call('UpdateAccountPasswordPolicy', {
      MinimumPasswordLength: 10,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
    });
    const violation = { code: 'PasswordPolicyViolation', message: 'Password does not conform to the account password policy.' };
    for (const bad of ['Sh0rt!', 'nouppercase1!', 'NOLOWERCASE1!', 'NoNumbers!!!', 'NoSymbols123']) {
      expect(await h.fail('CreateLoginProfile', { UserName: 'alice', Password: bad })).toMatchObject(violation);
    }
    await h.call('CreateLoginProfile', { UserName: 'alice', Password: 'Good-Passw0rd' });
    expect(await h.fail('UpdateLoginProfile', { UserName: 'alice', Password: 'weak' })).toMatchObject(violation);
  });

  it('prevents reusing the last passwords when PasswordReusePrevention is set', async () => {
    await h.call('CreateLoginProfile', { UserName: 'alice', Password: 'first-password' });
    await h.call('UpdateAccountPasswordPolicy', { PasswordReusePrevention: 2 });
    await h.call('UpdateLoginProfile', { UserName: 'alice', Password: 'second-password' });
    expect((await h.fail('UpdateLoginProfile', { UserName: 'alice', Password: 'first-password' })).code).toBe('PasswordPolicyViolation');
    expect((await h.fail('UpdateLoginProfile', { UserName: 'alice', Password: 'second-password' })).code).toBe('PasswordPolicyViolation');
    await h.call('UpdateLoginProfile', { UserName: 'alice', Password: 'third-password' });
    // Two back is now out of the window.
    await h.call('UpdateLoginProfile', { UserName: 'alice', Password: 'first-password' });
  });
});

describe('authorization', () => {
  it('denies with AWS text, then allows after an identity policy grants the action', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    const dev = h.userCaller('dev');
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    expect(await h.fail('CreateLoginProfile', { UserName: 'alice', Password: 'some-password' }, dev)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:CreateLoginProfile on resource: ${arn} because no identity-based policy allows the iam:CreateLoginProfile action`),
    });
    expect((await h.fail('UpdateAccountPasswordPolicy', {}, dev)).code).toBe('AccessDenied');
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'p', PolicyDocument: allow(['iam:CreateLoginProfile', 'iam:UpdateAccountPasswordPolicy']) });
    await h.call('CreateLoginProfile', { UserName: 'alice', Password: 'some-password' }, dev);
    await h.call('UpdateAccountPasswordPolicy', { MinimumPasswordLength: 8 }, dev);
    expect((await h.fail('GetAccountPasswordPolicy', {}, dev)).code).toBe('AccessDenied');
  });
});
