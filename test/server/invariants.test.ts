// Concurrent writers through two nodes sharing one PostgreSQL cannot break IAM's invariants: a user never
// gets a third access key, a policy never a sixth version, and a policy keeps exactly one default version.

import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  ListAccessKeysCommand,
  ListPolicyVersionsCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamClient } from '../support/clients.js';
import { dropIsolatedSchema, isolatedPostgresUrl, startTestServer, type TestServer } from '../support/keycard-server.js';

const storeUrl = isolatedPostgresUrl();
let nodes: TestServer[] = [];

beforeAll(async () => {
  nodes = [await startTestServer({ storeUrl }), await startTestServer({ storeUrl })];
});
afterAll(async () => {
  for (const node of nodes) await node.close();
  await dropIsolatedSchema(storeUrl);
});

const clients = () => nodes.map((n) => iamClient({ url: n.url, accessKeyId: n.accessKeyId, secretAccessKey: n.secretAccessKey }));
const document = (n: number) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: `S${n}`, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('invariants under concurrent writers on two nodes', () => {
  it('a user gets at most two access keys', async () => {
    const [a, b] = clients();
    await a!.send(new CreateUserCommand({ UserName: 'racer' }));
    await nodes[1]!.server.refresh();
    const attempts = Array.from({ length: 8 }, (_, i) => (i % 2 ? b! : a!).send(new CreateAccessKeyCommand({ UserName: 'racer' })));
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ name: 'LimitExceededException' });
    await nodes[0]!.server.refresh(); // the other node's writes reach this one's snapshot through the feed
    const keys = await a!.send(new ListAccessKeysCommand({ UserName: 'racer' }));
    expect(keys.AccessKeyMetadata).toHaveLength(2);
  });

  it('a policy gets at most five versions and keeps exactly one default', async () => {
    const [a, b] = clients();
    const arn = (await a!.send(new CreatePolicyCommand({ PolicyName: 'racy', PolicyDocument: document(0) }))).Policy!.Arn!;
    await nodes[1]!.server.refresh();
    const attempts = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? b! : a!).send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: document(i + 1), SetAsDefault: true })),
    );
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ name: 'LimitExceededException' });
    await nodes[0]!.server.refresh();
    const versions = (await a!.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
    expect(versions).toHaveLength(5);
    expect(versions.filter((v) => v.IsDefaultVersion)).toHaveLength(1);
  });
});
