// Session-token keys rotate on command (`keycard rotate-keys`): new sessions are sealed with the new key, and
// sessions sealed with the old key keep working until they expire (DESIGN decision 4).

import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tokenKeyId } from '../../src/sts/index.js';
import { iamClient, sessionEndpoint, stsClient, type Endpoint } from '../support/clients.js';
import { startTestServer, TEST_MASTER_KEY, type TestServer } from '../support/keycard-server.js';

const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const silent = { out: () => undefined, err: () => undefined, readFile: () => '' };

let server: TestServer;
let user: Endpoint;

beforeAll(async () => {
  server = await startTestServer({ store: 'sqlite' });
  const iam = iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }) }));
  await iam.send(new CreateUserCommand({ UserName: 'u' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'u' }))).AccessKey!;
  user = { url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
});
afterAll(async () => server?.close());

const assume = async (name: string) =>
  (await stsClient(user).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: name }))).Credentials!;

describe('session-token key rotation', () => {
  it('seals new sessions with the new key and still accepts sessions sealed with the old one', async () => {
    const before = await assume('before');
    // The tool seals the new key under the deployment's master key, so it runs with the node's environment.
    process.env.KEYCARD_MASTER_KEY = TEST_MASTER_KEY;
    try {
      expect(await main(['rotate-keys', '--data-dir', server.dataDir], silent)).toBe(0);
    } finally {
      delete process.env.KEYCARD_MASTER_KEY;
    }
    await server.server.refresh();
    const after = await assume('after');
    expect(tokenKeyId(after.SessionToken!)).not.toBe(tokenKeyId(before.SessionToken!));
    for (const [credentials, name] of [[before, 'before'], [after, 'after']] as const) {
      const identity = await stsClient(sessionEndpoint(server.url, credentials)).send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toBe(`arn:aws:sts::123456789012:assumed-role/r/${name}`);
    }
  });
});
