import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsCli, type Endpoint } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

let server: TestServer;
let root: Endpoint;
const aws = (...args: string[]) => awsCli(root, args);
beforeAll(async () => {
  server = await startTestServer({ store: 'sqlite' });
  root = { url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
});
afterAll(async () => server?.close());

it('probe', async () => {
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const steps: string[][] = [
    ['iam', 'create-role', '--role-name', 'r1', '--assume-role-policy-document', trust, '--tags', 'Key=a,Value=b', '--max-session-duration', '7200'],
    ['iam', 'get-role', '--role-name', 'r1'],
    ['iam', 'list-roles'],
    ['iam', 'create-instance-profile', '--instance-profile-name', 'p1'],
    ['iam', 'add-role-to-instance-profile', '--instance-profile-name', 'p1', '--role-name', 'r1'],
    ['iam', 'add-role-to-instance-profile', '--instance-profile-name', 'p1', '--role-name', 'r1'],
    ['iam', 'list-instance-profiles-for-role', '--role-name', 'r1'],
    ['iam', 'create-service-linked-role', '--aws-service-name', 'elasticbeanstalk.amazonaws.com'],
    ['iam', 'update-role', '--role-name', 'AWSServiceRoleForElasticBeanstalk', '--max-session-duration', '7200'],
    ['iam', 'delete-service-linked-role', '--role-name', 'AWSServiceRoleForElasticBeanstalk'],
    ['iam', 'create-open-id-connect-provider', '--url', 'https://token.actions.githubusercontent.com', '--client-id-list', 'sts.amazonaws.com', '--thumbprint-list', '6938fd4d98bab03faadb97b34396831e3780aea1'],
    ['iam', 'get-open-id-connect-provider', '--open-id-connect-provider-arn', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'],
    ['iam', 'list-open-id-connect-providers'],
  ];
  for (const s of steps) {
    const r = await aws(...s);
    console.log(s.slice(0, 2).join(' '), r.status, JSON.stringify(r.json ?? r.stderr).slice(0, 900));
  }
  const del = await aws('iam', 'delete-service-linked-role', '--role-name', 'AWSServiceRoleForElasticBeanstalk');
  expect(del.status).not.toBe(0);
}, 300_000);
