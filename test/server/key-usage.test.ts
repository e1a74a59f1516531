// Access key last use on a live node (issue 3: "access keys … last used"): a request signed with a long-term
// key records when, for which service and in which region, first straight away and then at most hourly;
// GetAccessKeyLastUsed and the credential report show it; session credentials do not count as their parent
// key's use. The record is written beside the request, so the tests wait for it as a client of AWS would.

import { CreateAccessKeyCommand, CreateUserCommand, GenerateCredentialReportCommand, GetAccessKeyLastUsedCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, iamClient, sessionEndpoint, stsClient, type Endpoint } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

/** The node's clock runs this far ahead; clients that sign for it use the same offset. */
let offset = 0;
let server: TestServer;
let root: Endpoint;

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(Date.now() + offset) });
  root = { url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
}, 60_000);
afterAll(async () => server?.close());

const newKey = async (user: string): Promise<Endpoint> => {
  const iam = iamClient(root);
  await iam.send(new CreateUserCommand({ UserName: user }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
  return { url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
};

/** An STS client signing with the node's clock, for requests made after the clock moved. */
const offsetSts = (endpoint: Endpoint): STSClient => {
  const sts = stsClient(endpoint);
  sts.config.systemClockOffset = offset;
  return sts;
};

const lastUsed = async (keyId: string) => {
  const iam = iamClient(root);
  iam.config.systemClockOffset = offset;
  return (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }))).AccessKeyLastUsed!;
};

/** The key's last use once it satisfies `done` (the write runs beside the request); fails after 5 s. */
const lastUsedOnce = async (keyId: string, done: (used: Awaited<ReturnType<typeof lastUsed>>) => boolean) => {
  const started = Date.now();
  for (;;) {
    const used = await lastUsed(keyId);
    if (done(used)) return used;
    if (Date.now() - started > 5000) throw new Error(`the last use of ${keyId} stayed ${JSON.stringify(used)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('access key last used', () => {
  it('records the first signed request: its time, service and region (aws CLI in eu-west-1); later uses within the hour change nothing', async () => {
    const key = await newKey('user-a');
    expect(await lastUsed(key.accessKeyId)).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
    const before = Date.now() - 1000;
    const r = await awsCli(key, ['sts', 'get-caller-identity', '--region', 'eu-west-1']);
    expect(r.status, r.stderr).toBe(0);
    const used = await lastUsedOnce(key.accessKeyId, (u) => u.ServiceName !== 'N/A');
    expect([used.ServiceName, used.Region]).toEqual(['sts', 'eu-west-1']);
    expect(used.LastUsedDate!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(used.LastUsedDate!.getTime()).toBeLessThanOrEqual(Date.now());
    // A denied IAM call within the hour is a use too, but the record is refreshed at most hourly.
    const denied = await awsCli(key, ['iam', 'list-users']);
    expect(denied.stderr).toContain('AccessDenied');
    await new Promise((r) => setTimeout(r, 200));
    expect((await lastUsed(key.accessKeyId)).ServiceName).toBe('sts');
  });

  it('shows in the credential report', async () => {
    const key = await newKey('user-b');
    await stsClient(key).send(new GetSessionTokenCommand({}));
    await lastUsedOnce(key.accessKeyId, (u) => u.ServiceName !== 'N/A');
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

  it('after an hour, records the key\'s next use again, but never a use of session credentials it obtained', async () => {
    const key = await newKey('user-c');
    const session = (await stsClient(key).send(new GetSessionTokenCommand({}))).Credentials!;
    const first = await lastUsedOnce(key.accessKeyId, (u) => u.ServiceName !== 'N/A');
    offset = 2 * 3_600_000; // two hours on: a use of the key now would be written again
    try {
      await offsetSts(sessionEndpoint(server.url, session)).send(new GetCallerIdentityCommand({}));
      await new Promise((r) => setTimeout(r, 200));
      expect(await lastUsed(key.accessKeyId)).toEqual(first);
      await offsetSts(key).send(new GetCallerIdentityCommand({}));
      const again = await lastUsedOnce(key.accessKeyId, (u) => u.LastUsedDate!.getTime() > first.LastUsedDate!.getTime());
      expect(again.LastUsedDate!.getTime() - first.LastUsedDate!.getTime()).toBeGreaterThan(3_600_000);
    } finally {
      offset = 0;
    }
  });
});
