// Access key last use on a live node (issue 3: "access keys … last used"): a request signed with a long-term
// key records when, for which service and in which region; GetAccessKeyLastUsed and the credential report show
// it; a key never used shows N/A; session credentials do not count as their parent key's use.

import { CreateAccessKeyCommand, CreateUserCommand, GenerateCredentialReportCommand, GetAccessKeyLastUsedCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, iamClient, stsClient, type Endpoint } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

let server: TestServer;
let root: Endpoint;

beforeAll(async () => {
  server = await startTestServer();
  root = { url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
}, 60_000);
afterAll(async () => server?.close());

const newKey = async (user: string): Promise<Endpoint> => {
  const iam = iamClient(root);
  await iam.send(new CreateUserCommand({ UserName: user }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
  return { url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
};

const lastUsed = async (keyId: string) => (await iamClient(root).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }))).AccessKeyLastUsed!;

describe('access key last used', () => {
  it('records the first signed request: its time, service and region (aws CLI in eu-west-1)', async () => {
    const key = await newKey('user-a');
    expect(await lastUsed(key.accessKeyId)).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
    const before = Date.now() - 1000;
    const r = await awsCli(key, ['sts', 'get-caller-identity', '--region', 'eu-west-1']);
    expect(r.status, r.stderr).toBe(0);
    const used = await lastUsed(key.accessKeyId);
    expect([used.ServiceName, used.Region]).toEqual(['sts', 'eu-west-1']);
    expect(used.LastUsedDate!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(used.LastUsedDate!.getTime()).toBeLessThanOrEqual(Date.now());
    // A denied IAM call within the hour is a use too, but the record is refreshed at most hourly.
    const denied = await awsCli(key, ['iam', 'list-users']);
    expect(denied.stderr).toContain('AccessDenied');
    expect((await lastUsed(key.accessKeyId)).ServiceName).toBe('sts');
  });

  it('shows in the credential report', async () => {
    const key = await newKey('user-b');
    await stsClient(key).send(new GetSessionTokenCommand({}));
    const iam = iamClient(root);
    await iam.send(new GenerateCredentialReportCommand({}));
    const csv = Buffer.from((await iam.send(new GetCredentialReportCommand({}))).Content!).toString('utf8');
    const [header, ...rows] = csv.trim().split('\n');
    const columns = header!.split(',');
    const row = rows.map((line) => line.split(',')).find((cells) => cells[0] === 'user-b')!;
    const cell = (name: string) => row[columns.indexOf(name)];
    expect(cell('access_key_1_last_used_service')).toBe('sts');
    expect(cell('access_key_1_last_used_region')).toBe('us-east-1');
    expect(Date.parse(cell('access_key_1_last_used_date')!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('does not count requests signed with session credentials as the parent key\'s use', async () => {
    const key = await newKey('user-c');
    const session = (await stsClient(key).send(new GetSessionTokenCommand({}))).Credentials!;
    const first = await lastUsed(key.accessKeyId);
    const sessionEndpoint = { url: server.url, accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! };
    const r = await awsCli(sessionEndpoint, ['sts', 'get-caller-identity', '--region', 'ap-south-1']);
    expect(r.status, r.stderr).toBe(0);
    expect(await lastUsed(key.accessKeyId)).toEqual(first);
  });
});
