// SetSecurityTokenServicePreferences against a real store: the choice is kept on the account record beside
// its other settings, GetAccountSummary reports it, and the call needs permission.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const tokenVersion = async () => ((await h.call('GetAccountSummary')).SummaryMap as Record<string, number>).GlobalEndpointTokenVersion;

describe('SetSecurityTokenServicePreferences', () => {
  it('switches the global endpoint between v1 and v2 tokens, as GetAccountSummary reports', async () => {
    expect(await tokenVersion()).toBe(1);
    expect(await h.call('SetSecurityTokenServicePreferences', { GlobalEndpointTokenVersion: 'v2Token' })).toEqual({});
    expect(await tokenVersion()).toBe(2);
    await h.call('SetSecurityTokenServicePreferences', { GlobalEndpointTokenVersion: 'v1Token' });
    expect(await tokenVersion()).toBe(1);
  });

  it('keeps the account\'s other settings', async () => {
    await h.call('CreateAccountAlias', { AccountAlias: 'my-company' });
    await h.call('SetSecurityTokenServicePreferences', { GlobalEndpointTokenVersion: 'v2Token' });
    expect((await h.call('ListAccountAliases')).AccountAliases).toEqual(['my-company']);
    await h.call('DeleteAccountAlias', { AccountAlias: 'my-company' });
    expect(await tokenVersion()).toBe(2);
  });

  it('needs iam:SetSecurityTokenServicePreferences', async () => {
    await h.call('CreateUser', { UserName: 'dev' });
    expect(await h.fail('SetSecurityTokenServicePreferences', { GlobalEndpointTokenVersion: 'v2Token' }, h.userCaller('dev'))).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: iam:SetSecurityTokenServicePreferences on resource: * because no identity-based policy allows the iam:SetSecurityTokenServicePreferences action`),
    });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:SetSecurityTokenServicePreferences', Resource: '*' }] });
    await h.call('PutUserPolicy', { UserName: 'dev', PolicyName: 'sts', PolicyDocument: policy });
    await h.call('SetSecurityTokenServicePreferences', { GlobalEndpointTokenVersion: 'v2Token' }, h.userCaller('dev'));
    expect(await tokenVersion()).toBe(2);
  });
});
