// AssumeRole through the service with the harness: trust decisions (§4.3, §4.7 #13, #14, #22), durations
// (§5.4), session tags and source identity along a chain (§5.7, §5.8), session policies (§5.6), and the
// encoded denial each AccessDenied carries.

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Caller } from '../access/caller.js';
import { codeAt, stepAt } from '../iam/totp.js';
import { ACCOUNT, allow, createHarness, type Harness } from '../iam/test-support/harness.js';
import { ENCODED_MESSAGE_MARKER } from './authorization-message.js';
import { claimsOf, sessionCaller } from './test-support/callers.js';

const ARN = (path: string) => `arn:aws:iam::${ACCOUNT}:${path}`;
const trust = (principal: unknown, extra: Record<string, unknown> = {}, actions: string[] = ['sts:AssumeRole']) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: actions, ...extra }] });

let h: Harness;
let alice: Caller;
beforeEach(async () => {
  h = await createHarness();
  await h.call('CreateUser', { UserName: 'alice' });
  alice = h.userCaller('alice');
});
afterEach(async () => {
  await h.close();
});

const createRole = (name: string, document: string, extra: Record<string, unknown> = {}) =>
  h.call('CreateRole', { RoleName: name, AssumeRolePolicyDocument: document, ...extra });

const assume = (caller: Caller, role: string, extra: Record<string, unknown> = {}) =>
  h.call('AssumeRole', { RoleArn: ARN(`role/${role}`), RoleSessionName: 's1', ...extra }, caller);

const failAssume = (caller: Caller, role: string, extra: Record<string, unknown> = {}) =>
  h.fail('AssumeRole', { RoleArn: ARN(`role/${role}`), RoleSessionName: 's1', ...extra }, caller);

const deniedSentence = (who: string, role: string) => `User: ${who} is not authorized to perform: sts:AssumeRole on resource: ${ARN(`role/${role}`)}`;

describe('AssumeRole trust decisions', () => {
  test('a trust policy naming the user needs no identity Allow in the same account (§4.3)', async () => {
    await createRole('R', trust({ AWS: ARN('user/alice') }));
    const out = await assume(alice, 'R', { RoleSessionName: 'alice-session' });
    const role = (await h.call('GetRole', { RoleName: 'R' })).Role as { RoleId: string };
    expect(out.AssumedRoleUser).toEqual({ AssumedRoleId: `${role.RoleId}:alice-session`, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/R/alice-session` });
    const credentials = out.Credentials as { AccessKeyId: string; Expiration: Date };
    expect(credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(credentials.Expiration.getTime() - Date.now()).toBeGreaterThan(3590_000);
    expect(out.PackedPolicySize).toBeUndefined();
  });

  test('a trust policy naming only the account needs the identity Allow (§4.7 #13)', async () => {
    await createRole('R', trust({ AWS: ACCOUNT }));
    const denied = await failAssume(alice, 'R');
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message.startsWith(`${deniedSentence(ARN('user/alice'), 'R')} because no identity-based policy allows the sts:AssumeRole action${ENCODED_MESSAGE_MARKER}`)).toBe(true);
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'assume', PolicyDocument: allow('sts:AssumeRole', ARN('role/R')) });
    await assume(alice, 'R');
  });

  test('a trust policy binds the user it names: deleted and re-created, the user no longer matches until the policy is saved again (§2.3)', async () => {
    const document = trust({ AWS: [ARN('user/alice'), ARN('role/Other')] }, {}, ['sts:AssumeRole']);
    await createRole('Other', trust({ AWS: ACCOUNT }));
    await createRole('R', document);
    const oldAlice = ((await h.call('GetUser', { UserName: 'alice' })).User as { UserId: string }).UserId;
    await assume(alice, 'R');
    // While the entities stand, the policy reads back exactly as saved.
    expect(((await h.call('GetRole', { RoleName: 'R' })).Role as { AssumeRolePolicyDocument: string }).AssumeRolePolicyDocument).toBe(document);

    await h.call('DeleteUser', { UserName: 'alice' });
    await h.call('CreateUser', { UserName: 'alice' });
    const newAlice = h.userCaller('alice');
    const denied = await failAssume(newAlice, 'R');
    expect(denied.code).toBe('AccessDenied');
    // Reads show the orphaned entry as the old unique id; the role entry, still bound to its entity, stays an ARN.
    const shown = JSON.parse(((await h.call('GetRole', { RoleName: 'R' })).Role as { AssumeRolePolicyDocument: string }).AssumeRolePolicyDocument);
    expect(shown.Statement[0].Principal.AWS).toEqual([oldAlice, ARN('role/Other')]);
    const listed = (await h.call('ListRoles', {})).Roles as Array<{ RoleName: string; AssumeRolePolicyDocument: string }>;
    expect(JSON.parse(listed.find((r) => r.RoleName === 'R')!.AssumeRolePolicyDocument).Statement[0].Principal.AWS[0]).toBe(oldAlice);

    // Saving the ARN again binds the new alice.
    await h.call('UpdateAssumeRolePolicy', { RoleName: 'R', PolicyDocument: document });
    await assume(newAlice, 'R');
  });

  test('a stale principal is replaced in place: conditions (even naming the same ARN), numbers and layout stay as written (§2.3)', async () => {
    const aliceArn = ARN('user/alice');
    const document = `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": { "AWS": "${aliceArn}" },
    "Action": "sts:AssumeRole",
    "Condition": { "ArnEquals": { "aws:PrincipalArn": "${aliceArn}" }, "NumericLessThan": { "aws:MultiFactorAuthAge": 1.50e4 } }
  }
}`;
    await createRole('R', document);
    const oldAlice = ((await h.call('GetUser', { UserName: 'alice' })).User as { UserId: string }).UserId;
    await h.call('DeleteUser', { UserName: 'alice' });
    const shown = ((await h.call('GetRole', { RoleName: 'R' })).Role as { AssumeRolePolicyDocument: string }).AssumeRolePolicyDocument;
    expect(shown).toBe(document.replace(`"AWS": "${aliceArn}"`, `"AWS": "${oldAlice}"`));
  });

  test('a trust policy binds the role it names: a re-created role of the same name gets no sessions through it (§2.3)', async () => {
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'assume', PolicyDocument: allow('sts:AssumeRole', '*') });
    await createRole('First', trust({ AWS: ARN('user/alice') }));
    await createRole('Second', trust({ AWS: ARN('role/First') }));
    const firstSession = await assume(alice, 'First');
    await assume(sessionCaller(h.keyRing, h.state, firstSession.Credentials), 'Second');
    await h.call('DeleteRole', { RoleName: 'First' });
    await createRole('First', trust({ AWS: ARN('user/alice') }));
    const again = await assume(alice, 'First');
    const session = sessionCaller(h.keyRing, h.state, again.Credentials);
    expect((await failAssume(session, 'Second')).code).toBe('AccessDenied');
  });

  test('an unknown role is AccessDenied, as AWS answers it, not NoSuchEntity', async () => {
    const denied = await failAssume(alice, 'Missing');
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message.startsWith(`${deniedSentence(ARN('user/alice'), 'Missing')}${ENCODED_MESSAGE_MARKER}`)).toBe(true);
  });

  test('the root user cannot assume roles (§4.7 #22)', async () => {
    await createRole('R', trust({ AWS: ACCOUNT }));
    const denied = await h.fail('AssumeRole', { RoleArn: ARN('role/R'), RoleSessionName: 's' });
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message.startsWith(`${deniedSentence(ARN('root'), 'R')}${ENCODED_MESSAGE_MARKER}`)).toBe(true);
  });

  test('ExternalId is only a condition value (§4.7 #14)', async () => {
    await createRole('R', trust({ AWS: ARN('user/alice') }, { Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } }));
    expect((await failAssume(alice, 'R')).code).toBe('AccessDenied');
    expect((await failAssume(alice, 'R', { ExternalId: 'abd' })).code).toBe('AccessDenied');
    await assume(alice, 'R', { ExternalId: 'abc' });
  });

  test('MFA from SerialNumber + TokenCode satisfies aws:MultiFactorAuthPresent; a bad code is AccessDenied', async () => {
    await createRole('R', trust({ AWS: ARN('user/alice') }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
    const device = (await h.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice' })).VirtualMFADevice as { SerialNumber: string; Base32StringSeed: Uint8Array };
    const seed = Buffer.from(device.Base32StringSeed).toString('ascii');
    const step = stepAt(new Date());
    await h.call('EnableMFADevice', { UserName: 'alice', SerialNumber: device.SerialNumber, AuthenticationCode1: codeAt(seed, step - 1), AuthenticationCode2: codeAt(seed, step) });
    expect((await failAssume(alice, 'R')).code).toBe('AccessDenied');
    const bad = await failAssume(alice, 'R', { SerialNumber: device.SerialNumber, TokenCode: codeAt(seed, step - 5) });
    expect(bad.code).toBe('AccessDenied');
    expect(bad.message.startsWith(`MultiFactorAuthentication failed with invalid MFA one time pass code. ${ENCODED_MESSAGE_MARKER}`)).toBe(true);
    const out = await assume(alice, 'R', { SerialNumber: device.SerialNumber, TokenCode: codeAt(seed, step + 1) });
    expect(claimsOf(h.keyRing, out.Credentials).mfaAuthenticatedAt).toBeGreaterThan(0);
  });
});

describe('AssumeRole durations (§5.4)', () => {
  test('DurationSeconds above MaxSessionDuration, and chained sessions above an hour, are ValidationError', async () => {
    await createRole('R', trust({ AWS: ACCOUNT }), { MaxSessionDuration: 7200 });
    await createRole('Q', trust({ AWS: ARN('role/R') }), { MaxSessionDuration: 43200 });
    await h.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'assume', PolicyDocument: allow('sts:AssumeRole') });
    const tooLong = await failAssume(alice, 'R', { DurationSeconds: 7201 });
    expect(tooLong).toMatchObject({ code: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
    const session = sessionCaller(h.keyRing, h.state, (await assume(alice, 'R', { DurationSeconds: 7200 })).Credentials);
    const chained = await failAssume(session, 'Q', { DurationSeconds: 7200 });
    expect(chained).toMatchObject({ code: 'ValidationError', message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
    await assume(session, 'Q', { DurationSeconds: 3600 });
  });
});

describe('session tags and source identity along a chain (§5.7, §5.8)', () => {
  const tagTrust = (principal: unknown) => trust(principal, {}, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']);

  test('transitive tags and the source identity pass to the next role; they may not be redefined', async () => {
    await createRole('A', tagTrust({ AWS: ARN('user/alice') }));
    await createRole('B', tagTrust({ AWS: ARN('role/A') }), { Tags: [{ Key: 'team', Value: 'red' }] });
    const first = await assume(alice, 'A', {
      Tags: [{ Key: 'team', Value: 'blue' }, { Key: 'cost', Value: '42' }],
      TransitiveTagKeys: ['team'],
      SourceIdentity: 'alice',
    });
    expect(first.SourceIdentity).toBe('alice');
    expect(first.PackedPolicySize).toEqual(expect.any(Number));
    const a = sessionCaller(h.keyRing, h.state, first.Credentials);
    const second = await assume(a, 'B');
    const claims = claimsOf(h.keyRing, second.Credentials);
    expect(claims.tags).toEqual({ team: 'blue' });
    expect(claims.transitiveTagKeys).toEqual(['team']);
    expect(claims.sourceIdentity).toBe('alice');
    expect((await failAssume(a, 'B', { Tags: [{ Key: 'TEAM', Value: 'x' }] })).code).toBe('InvalidParameterValue');
    expect((await failAssume(a, 'B', { SourceIdentity: 'mallory' })).code).toBe('InvalidParameterValue');
  });

  test('a source identity carried along a chain needs sts:SetSourceIdentity in the next trust policy too', async () => {
    await createRole('A', tagTrust({ AWS: ARN('user/alice') }));
    await createRole('B', trust({ AWS: ARN('role/A') }));
    const a = sessionCaller(h.keyRing, h.state, (await assume(alice, 'A', { SourceIdentity: 'alice' })).Credentials);
    const denied = await failAssume(a, 'B');
    expect(denied.message).toContain(`is not authorized to perform: sts:SetSourceIdentity on resource: ${ARN('role/B')}`);
    // Without a source identity in the calling session, the same trust policy suffices.
    const plain = sessionCaller(h.keyRing, h.state, (await assume(alice, 'A')).Credentials);
    await assume(plain, 'B');
    await h.call('UpdateAssumeRolePolicy', { RoleName: 'B', PolicyDocument: tagTrust({ AWS: ARN('role/A') }) });
    expect(claimsOf(h.keyRing, (await assume(a, 'B')).Credentials).sourceIdentity).toBe('alice');
  });

  test('the next trust policy sees an inherited source identity as sts:SourceIdentity', async () => {
    await createRole('A', tagTrust({ AWS: ARN('user/alice') }));
    const onlyAlice = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ARN('role/A') }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: ARN('role/A') }, Action: 'sts:SetSourceIdentity', Condition: { StringEquals: { 'sts:SourceIdentity': 'alice' } } },
      ],
    });
    await createRole('B', onlyAlice);
    const asAlice = sessionCaller(h.keyRing, h.state, (await assume(alice, 'A', { SourceIdentity: 'alice' })).Credentials);
    expect(claimsOf(h.keyRing, (await assume(asAlice, 'B')).Credentials).sourceIdentity).toBe('alice');
    const asBob = sessionCaller(h.keyRing, h.state, (await assume(alice, 'A', { SourceIdentity: 'bob' })).Credentials);
    expect((await failAssume(asBob, 'B')).message).toContain('sts:SetSourceIdentity');
  });

  test('tags need sts:TagSession in the trust policy; transitive keys must be among the tags', async () => {
    await createRole('R', trust({ AWS: ARN('user/alice') }));
    const denied = await failAssume(alice, 'R', { Tags: [{ Key: 'k', Value: 'v' }] });
    expect(denied.message.startsWith(`User: ${ARN('user/alice')} is not authorized to perform: sts:TagSession on resource: ${ARN('role/R')}`)).toBe(true);
    expect((await failAssume(alice, 'R', { Tags: [{ Key: 'k', Value: 'v' }], TransitiveTagKeys: ['other'] })).code).toBe('InvalidParameterValue');
    expect((await failAssume(alice, 'R', { Tags: [{ Key: 'aws:k', Value: 'v' }] })).code).toBe('InvalidParameterValue');
  });
});

describe('session policies (§5.6)', () => {
  test('a malformed policy, an unknown policy ARN and an oversized pack are refused', async () => {
    await createRole('R', trust({ AWS: ARN('user/alice') }, {}, ['sts:AssumeRole', 'sts:TagSession']));
    expect((await failAssume(alice, 'R', { Policy: '{"Statement":[]' })).code).toBe('MalformedPolicyDocument');
    expect((await failAssume(alice, 'R', { PolicyArns: [{ arn: ARN('policy/nope') }] })).code).toBe('MalformedPolicyDocument');
    const Tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}-${randomBytes(60).toString('base64url')}`, Value: randomBytes(180).toString('base64url') }));
    const tooLarge = await failAssume(alice, 'R', { Tags });
    expect(tooLarge.code).toBe('PackedPolicyTooLarge');
    expect(tooLarge.message).toMatch(/^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
  });

  test('a session policy caps the role session', async () => {
    await createRole('R', trust({ AWS: ARN('user/alice') }));
    await h.call('PutRolePolicy', { RoleName: 'R', PolicyName: 'all', PolicyDocument: allow('iam:*') });
    const out = await assume(alice, 'R', { Policy: allow('iam:ListUsers') });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const session = sessionCaller(h.keyRing, h.state, out.Credentials);
    await h.call('ListUsers', {}, session);
    const denied = await h.fail('ListRoles', {}, session);
    expect(denied.message).toContain('because no session policy allows the iam:ListRoles action');
  });
});

describe('DecodeAuthorizationMessage', () => {
  test('round trip: the trace names the decision, and a tampered message is invalid', async () => {
    await createRole('R', trust({ AWS: ACCOUNT }));
    const denied = await failAssume(alice, 'R');
    const encoded = denied.message.slice(denied.message.indexOf(ENCODED_MESSAGE_MARKER) + ENCODED_MESSAGE_MARKER.length);
    // Alice may not decode until allowed.
    expect((await h.fail('DecodeAuthorizationMessage', { EncodedMessage: encoded }, alice)).code).toBe('AccessDenied');
    const decoded = JSON.parse((await h.call('DecodeAuthorizationMessage', { EncodedMessage: encoded })).DecodedMessage as string);
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: false,
      decision: 'ImplicitDeny',
      decidedBy: 'identity',
      context: { principal: { arn: ARN('user/alice') }, action: 'sts:AssumeRole', resource: ARN('role/R') },
    });
    expect(decoded.matchedStatements.items).toEqual([expect.objectContaining({ policyType: 'trust', effect: 'Allow' })]);
    const keys = decoded.context.conditions.items.map((i: { key: string }) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['sts:RoleSessionName', 'aws:PrincipalArn']));
    const tampered = `${encoded.slice(0, -4)}AAAA`;
    expect(await h.fail('DecodeAuthorizationMessage', { EncodedMessage: tampered })).toMatchObject({
      code: 'InvalidAuthorizationMessageException',
      message: 'The encoded authorization message is invalid.',
    });
  });
});
