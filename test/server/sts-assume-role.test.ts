// STS on a live node with the JS SDK and the aws CLI: AssumeRole trust decisions same-account and across
// accounts (§4.3, §4.4), ExternalId and MFA (§5.8), durations (§5.4), a chain of three roles carrying
// transitive tags and the source identity into policy conditions (§5.7), session policies (§5.6),
// GetSessionToken / GetFederationToken and what their credentials may call (§5.3), GetCallerIdentity for
// every caller (§5.2), tampered and expired tokens (§7.5), DecodeAuthorizationMessage, and revocation.

import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, ListRolesCommand, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand, STSClient, type Credentials as StsCredentials } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { codeAt, stepAt } from '../../src/services/iam/totp.js';
import { awsCli, iamClient, stsClient, type Endpoint } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

const A = '123456789012';
const B = '210987654321';
const arn = (account: string, path: string) => `arn:aws:iam::${account}:${path}`;
const doc = (statement: Record<string, unknown> | Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const trust = (principal: unknown, actions: string[] = ['sts:AssumeRole'], extra: Record<string, unknown> = {}) =>
  doc({ Effect: 'Allow', Principal: principal, Action: actions, ...extra });
const allow = (action: string | string[], resource = '*', extra: Record<string, unknown> = {}) => doc({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const MARKER = ' Encoded authorization failure message: ';

/** The node's clock runs `offset` ms ahead of the system's; SDK clients for it sign with the same offset. */
let offset = 0;
let server: TestServer;
let root: Endpoint;
let rootIam: IAMClient;

const endpointOf = (c: StsCredentials | undefined): Endpoint => ({
  url: server.url,
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

const userKeys = async (iam: IAMClient, account: string, name: string, policy?: string): Promise<Endpoint> => {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy !== undefined) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  void account;
  return { url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
};

const createRole = (iam: IAMClient, name: string, document: string, extra: Record<string, unknown> = {}) =>
  iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: document, ...extra }));

const denial = async (promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> => {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected an error');
};

const sentence = (message: string) => (message.includes(MARKER) ? message.slice(0, message.indexOf(MARKER)) : message);

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(Date.now() + offset) });
  root = { url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  rootIam = iamClient(root);
});
afterAll(async () => {
  await server.close();
});

describe('AssumeRole trust decisions', () => {
  it('same account: a trust naming the user suffices; one naming the account needs the identity Allow', async () => {
    const alice = await userKeys(rootIam, A, 'alice');
    await createRole(rootIam, 'NamesAlice', trust({ AWS: arn(A, 'user/alice') }));
    await createRole(rootIam, 'NamesAccount', trust({ AWS: A }));
    const sts = stsClient(alice);
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/NamesAlice'), RoleSessionName: 'one' }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${A}:assumed-role/NamesAlice/one`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]+:one$/);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const denied = await denial(sts.send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/NamesAccount'), RoleSessionName: 'two' })));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.status).toBe(403);
    expect(sentence(denied.message)).toBe(
      `User: ${arn(A, 'user/alice')} is not authorized to perform: sts:AssumeRole on resource: ${arn(A, 'role/NamesAccount')} because no identity-based policy allows the sts:AssumeRole action`,
    );
    expect(denied.message).toContain(MARKER);
    await rootIam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'assume', PolicyDocument: allow('sts:AssumeRole', arn(A, 'role/NamesAccount')) }));
    await sts.send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/NamesAccount'), RoleSessionName: 'two' }));
  });

  it('cross account: both the trust policy and the caller’s identity policy must allow; ExternalId is checked', async () => {
    const bRoot = await server.addAccount(B);
    const bIam = iamClient({ url: server.url, ...bRoot });
    const carol = await userKeys(bIam, B, 'carol');
    await createRole(rootIam, 'ForB', trust({ AWS: arn(B, 'user/carol') }, ['sts:AssumeRole'], { Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } } }));
    const sts = stsClient(carol);
    const input = { RoleArn: arn(A, 'role/ForB'), RoleSessionName: 'carol', ExternalId: 'ext-123' };
    const noIdentity = await denial(sts.send(new AssumeRoleCommand(input)));
    expect(sentence(noIdentity.message)).toBe(
      `User: ${arn(B, 'user/carol')} is not authorized to perform: sts:AssumeRole on resource: ${arn(A, 'role/ForB')} because no identity-based policy allows the sts:AssumeRole action`,
    );
    await bIam.send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'p', PolicyDocument: allow('sts:AssumeRole', arn(A, 'role/*')) }));
    expect((await denial(sts.send(new AssumeRoleCommand({ ...input, ExternalId: 'wrong-1' })))).name).toBe('AccessDenied');
    const out = await sts.send(new AssumeRoleCommand(input));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${A}:assumed-role/ForB/carol`);
    const identity = await stsClient(endpointOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: A, Arn: `arn:aws:sts::${A}:assumed-role/ForB/carol` });
  });

  it('MFA: a trust requiring it takes SerialNumber + TokenCode from the caller’s device', async () => {
    const dave = await userKeys(rootIam, A, 'dave');
    await createRole(rootIam, 'NeedsMfa', trust({ AWS: arn(A, 'user/dave') }, ['sts:AssumeRole'], { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
    const device = (await rootIam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dave' }))).VirtualMFADevice!;
    const seed = Buffer.from(device.Base32StringSeed!).toString('ascii');
    const step = stepAt(new Date());
    await rootIam.send(new EnableMFADeviceCommand({ UserName: 'dave', SerialNumber: device.SerialNumber, AuthenticationCode1: codeAt(seed, step - 1), AuthenticationCode2: codeAt(seed, step) }));
    const sts = stsClient(dave);
    const input = { RoleArn: arn(A, 'role/NeedsMfa'), RoleSessionName: 'dave' };
    expect((await denial(sts.send(new AssumeRoleCommand(input)))).name).toBe('AccessDenied');
    const bad = await denial(sts.send(new AssumeRoleCommand({ ...input, SerialNumber: device.SerialNumber, TokenCode: codeAt(seed, step - 4) })));
    expect(sentence(bad.message)).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
    await sts.send(new AssumeRoleCommand({ ...input, SerialNumber: device.SerialNumber, TokenCode: codeAt(seed, step + 1) }));
  });

  it('the root user cannot assume a role, even one trusting its account (§4.7 #22)', async () => {
    await createRole(rootIam, 'TrustsAccount', trust({ AWS: A }));
    const denied = await denial(stsClient(root).send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/TrustsAccount'), RoleSessionName: 'root' })));
    expect(denied.name).toBe('AccessDenied');
    expect(sentence(denied.message)).toBe(`User: ${arn(A, 'root')} is not authorized to perform: sts:AssumeRole on resource: ${arn(A, 'role/TrustsAccount')}`);
  });

  it('DurationSeconds above MaxSessionDuration is ValidationError', async () => {
    const erin = await userKeys(rootIam, A, 'erin');
    await createRole(rootIam, 'Short', trust({ AWS: arn(A, 'user/erin') }));
    const denied = await denial(stsClient(erin).send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/Short'), RoleSessionName: 'erin', DurationSeconds: 3601 })));
    expect(denied).toMatchObject({ name: 'ValidationError', status: 400, message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
  });
});

describe('a chain of three roles', () => {
  it('carries transitive tags and the source identity into policy conditions; chaining caps at an hour; a session policy caps', async () => {
    const frank = await userKeys(rootIam, A, 'frank');
    const tagging = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
    await createRole(rootIam, 'One', trust({ AWS: arn(A, 'user/frank') }, tagging));
    await createRole(rootIam, 'Two', trust({ AWS: arn(A, 'role/One') }, tagging), { MaxSessionDuration: 43200 });
    await createRole(rootIam, 'Three', trust({ AWS: arn(A, 'role/Two') }, tagging, { Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } }), {
      Tags: [{ Key: 'team', Value: 'red' }],
    });
    await rootIam.send(
      new PutRolePolicyCommand({
        RoleName: 'Three',
        PolicyName: 'conditional',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:SourceIdentity': 'frank' } } },
          { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } } },
        ]),
      }),
    );
    const one = await stsClient(frank).send(
      new AssumeRoleCommand({ RoleArn: arn(A, 'role/One'), RoleSessionName: 'frank', Tags: [{ Key: 'team', Value: 'blue' }], TransitiveTagKeys: ['team'], SourceIdentity: 'frank' }),
    );
    expect(one.SourceIdentity).toBe('frank');
    expect(one.PackedPolicySize).toBeGreaterThan(0);
    const oneSts = stsClient(endpointOf(one.Credentials));
    const tooLong = await denial(oneSts.send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/Two'), RoleSessionName: 'two', DurationSeconds: 7200 })));
    expect(tooLong).toMatchObject({ name: 'ValidationError', message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
    const changed = await denial(oneSts.send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/Two'), RoleSessionName: 'two', SourceIdentity: 'mallory' })));
    expect(changed.status).toBe(400);
    const two = await oneSts.send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/Two'), RoleSessionName: 'two' }));
    // The transitive team=blue overrides Three's own tag team=red, in its trust policy and in later requests.
    const three = await stsClient(endpointOf(two.Credentials)).send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/Three'), RoleSessionName: 'three' }));
    expect(three.SourceIdentity).toBe('frank');
    const threeIam = iamClient(endpointOf(three.Credentials));
    await threeIam.send(new ListUsersCommand({}));
    expect((await denial(threeIam.send(new ListRolesCommand({})))).name).toBe('AccessDenied');

    // A session policy caps the same role's permissions.
    const capped = await stsClient(endpointOf(two.Credentials)).send(
      new AssumeRoleCommand({ RoleArn: arn(A, 'role/Three'), RoleSessionName: 'capped', Policy: allow('iam:GetUser') }),
    );
    const cappedDenied = await denial(iamClient(endpointOf(capped.Credentials)).send(new ListUsersCommand({})));
    expect(sentence(cappedDenied.message)).toBe(
      `User: arn:aws:sts::${A}:assumed-role/Three/capped is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${A}:user/ because no session policy allows the iam:ListUsers action`,
    );
  });
});

describe('GetSessionToken, GetFederationToken and what their credentials may call (§5.3)', () => {
  it('GetSessionToken: long-term keys only; its credentials call STS AssumeRole/GetCallerIdentity and no IAM without MFA', async () => {
    const gina = await userKeys(rootIam, A, 'gina', allow('*'));
    await createRole(rootIam, 'ForGina', trust({ AWS: arn(A, 'user/gina') }));
    const out = await stsClient(gina).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(900_000 + offset + 5_000);
    const session = endpointOf(out.Credentials);
    const sts = stsClient(session);
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: arn(A, 'user/gina'), Account: A });
    await sts.send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/ForGina'), RoleSessionName: 'gina' }));
    expect((await denial(iamClient(session).send(new ListUsersCommand({})))).name).toBe('AccessDenied');
    const again = await denial(sts.send(new GetSessionTokenCommand({})));
    expect(sentence(again.message)).toBe('Cannot call GetSessionToken with session credentials');
    expect(await stsClient(root).send(new GetCallerIdentityCommand({}))).toMatchObject({ UserId: A, Account: A, Arn: arn(A, 'root') });
    const rootSession = await stsClient(root).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    expect(rootSession.Credentials!.Expiration!.getTime() - Date.now() - offset).toBeLessThanOrEqual(3600_000);
  });

  it('GetFederationToken: needs sts:GetFederationToken; the federated user calls only GetCallerIdentity', async () => {
    const hank = await userKeys(rootIam, A, 'hank');
    const denied = await denial(stsClient(hank).send(new GetFederationTokenCommand({ Name: 'fed' })));
    expect(sentence(denied.message)).toBe(
      `User: ${arn(A, 'user/hank')} is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::${A}:federated-user/fed because no identity-based policy allows the sts:GetFederationToken action`,
    );
    await rootIam.send(new PutUserPolicyCommand({ UserName: 'hank', PolicyName: 'p', PolicyDocument: allow(['sts:GetFederationToken', 'iam:*', 'sts:AssumeRole']) }));
    const out = await stsClient(hank).send(new GetFederationTokenCommand({ Name: 'fed', Policy: allow('iam:*') }));
    expect(out.FederatedUser).toEqual({ FederatedUserId: `${A}:fed`, Arn: `arn:aws:sts::${A}:federated-user/fed` });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const fed = endpointOf(out.Credentials);
    expect(await stsClient(fed).send(new GetCallerIdentityCommand({}))).toMatchObject({ UserId: `${A}:fed`, Arn: `arn:aws:sts::${A}:federated-user/fed` });
    expect((await denial(iamClient(fed).send(new ListUsersCommand({})))).name).toBe('AccessDenied');
    expect((await denial(stsClient(fed).send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/NamesAccount'), RoleSessionName: 'fed' })))).name).toBe('AccessDenied');
  });

  it('role sessions cannot call GetSessionToken or GetFederationToken', async () => {
    const ivy = await userKeys(rootIam, A, 'ivy');
    await createRole(rootIam, 'ForIvy', trust({ AWS: arn(A, 'user/ivy') }));
    const out = await stsClient(ivy).send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/ForIvy'), RoleSessionName: 'ivy' }));
    const sts = stsClient(endpointOf(out.Credentials));
    expect(sentence((await denial(sts.send(new GetSessionTokenCommand({})))).message)).toBe('Cannot call GetSessionToken with session credentials');
    expect(sentence((await denial(sts.send(new GetFederationTokenCommand({ Name: 'x1' })))).message)).toBe('Cannot call GetFederationToken with session credentials');
  });
});

describe('tokens', () => {
  it('a tampered token is InvalidClientTokenId; an expired one is ExpiredToken', async () => {
    const jack = await userKeys(rootIam, A, 'jack');
    const out = await stsClient(jack).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const session = endpointOf(out.Credentials);
    const token = session.sessionToken!;
    const flipped = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41);
    const tampered = await denial(stsClient({ ...session, sessionToken: flipped }).send(new GetCallerIdentityCommand({})));
    expect(tampered).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    offset = 901_000;
    try {
      const late = new STSClient({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: token },
        systemClockOffset: offset,
        maxAttempts: 1,
      });
      const expired = await denial(late.send(new GetCallerIdentityCommand({})));
      expect(expired).toMatchObject({ name: 'ExpiredToken', message: 'The security token included in the request is expired' });
    } finally {
      offset = 0;
    }
  });
});

describe('DecodeAuthorizationMessage', () => {
  it('turns a denial’s encoded message into its decision trace; a foreign message is invalid', async () => {
    const kim = await userKeys(rootIam, A, 'kim');
    const denied = await denial(iamClient(kim).send(new ListRolesCommand({})));
    const encoded = denied.message.slice(denied.message.indexOf(MARKER) + MARKER.length);
    const out = await stsClient(root).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    const decoded = JSON.parse(out.DecodedMessage!);
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: false,
      decision: 'ImplicitDeny',
      decidedBy: 'identity',
      context: { principal: { arn: arn(A, 'user/kim') }, action: 'iam:ListRoles', resource: arn(A, 'role/') },
    });
    const invalid = await denial(stsClient(root).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: `${encoded.slice(0, -3)}xyz` })));
    expect(invalid).toMatchObject({ name: 'InvalidAuthorizationMessageException', status: 400 });
  });
});

describe('revocation', () => {
  it('keycard revoke-sessions denies sessions issued before it and not those issued after', async () => {
    const lou = await userKeys(rootIam, A, 'lou');
    await createRole(rootIam, 'Revocable', trust({ AWS: arn(A, 'user/lou') }));
    await rootIam.send(new PutRolePolicyCommand({ RoleName: 'Revocable', PolicyName: 'read', PolicyDocument: allow('iam:ListUsers') }));
    const assume = async (name: string) =>
      endpointOf((await stsClient(lou).send(new AssumeRoleCommand({ RoleArn: arn(A, 'role/Revocable'), RoleSessionName: name }))).Credentials);
    const before = await assume('before');
    await iamClient(before).send(new ListUsersCommand({}));
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t), readFile: () => '' };
    expect(await main(['revoke-sessions', 'Revocable', '--data-dir', server.dataDir], io)).toBe(0);
    await server.server.refresh();
    const revoked = await denial(iamClient(before).send(new ListUsersCommand({})));
    expect(revoked.name).toBe('AccessDenied');
    expect(sentence(revoked.message)).toMatch(
      new RegExp(`^User: arn:aws:sts::${A}:assumed-role/Revocable/before is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${A}:user/ with an explicit deny in an? identity-based policy$`),
    );
    await new Promise((resolve) => setTimeout(resolve, 1100)); // aws:TokenIssueTime has whole seconds
    const after = await assume('after');
    await iamClient(after).send(new ListUsersCommand({}));
  });
});

describe('the aws CLI', () => {
  it('assume-role, then get-caller-identity with its credentials', async () => {
    const mia = await userKeys(rootIam, A, 'mia');
    await createRole(rootIam, 'ForCli', trust({ AWS: arn(A, 'user/mia') }));
    const assumed = await awsCli(mia, ['sts', 'assume-role', '--role-arn', arn(A, 'role/ForCli'), '--role-session-name', 'cli']);
    expect(assumed.status, assumed.stderr).toBe(0);
    const c = (assumed.json as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }).Credentials;
    const who = await awsCli({ url: server.url, accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, ['sts', 'get-caller-identity']);
    expect(who.status, who.stderr).toBe(0);
    expect(who.json).toMatchObject({ Account: A, Arn: `arn:aws:sts::${A}:assumed-role/ForCli/cli`, UserId: expect.stringMatching(/^AROA[A-Z2-7]+:cli$/) });
  }, 120_000);
});
