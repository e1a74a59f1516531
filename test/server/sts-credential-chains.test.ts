// SDK credential chains that assume roles against a live Keycard: the JS SDK's fromTemporaryCredentials,
// and botocore's role_arn + source_profile profile with mfa_serial (the MFA code through its prompter).

import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/services/iam/totp.js';
import { boto3, iamClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

const ACCOUNT = '123456789012';
const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

let server: TestServer;
let user: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  server = await startTestServer({ store: 'sqlite' });
  const iam = iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  const trust = (condition?: Record<string, unknown>) =>
    doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole', ...(condition && { Condition: condition }) });
  await iam.send(new CreateRoleCommand({ RoleName: 'plain', AssumeRolePolicyDocument: trust() }));
  await iam.send(new CreateRoleCommand({ RoleName: 'needs-mfa', AssumeRolePolicyDocument: trust({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }) }));
  await iam.send(new CreateUserCommand({ UserName: 'chain' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'chain', PolicyName: 'assume', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'chain' }))).AccessKey!;
  user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
});
afterAll(async () => server?.close());

describe('credential chains', () => {
  it("the JS SDK's fromTemporaryCredentials assumes the role and signs with the session", async () => {
    const credentials = fromTemporaryCredentials({
      masterCredentials: user,
      params: { RoleArn: `arn:aws:iam::${ACCOUNT}:role/plain`, RoleSessionName: 'js-sdk' },
      clientConfig: { endpoint: server.url, region: 'us-east-1' },
    });
    const sts = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/plain/js-sdk`);
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:js-sdk$/);
  });

  it("botocore's role_arn + source_profile + mfa_serial profile gets MFA through its prompter", async () => {
    const iam = iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'chain' }))).VirtualMFADevice!;
    const seed = Buffer.from(device.Base32StringSeed!).toString('ascii');
    const step = stepAt(new Date());
    await iam.send(new EnableMFADeviceCommand({ UserName: 'chain', SerialNumber: device.SerialNumber, AuthenticationCode1: codeAt(seed, step - 1), AuthenticationCode2: codeAt(seed, step) }));

    const home = mkdtempSync(join(tmpdir(), 'keycard-chain-'));
    writeFileSync(join(home, 'credentials'), `[chain]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`);
    writeFileSync(
      join(home, 'config'),
      `[profile mfa-role]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/needs-mfa\nsource_profile = chain\nmfa_serial = ${device.SerialNumber}\nrole_session_name = with-mfa\n`,
    );
    const script = String.raw`
import json, os, boto3, botocore.session
session = botocore.session.Session(profile="mfa-role")
session.set_config_variable("config_file", os.path.join(os.environ["CHAIN_HOME"], "config"))
session.set_config_variable("credentials_file", os.path.join(os.environ["CHAIN_HOME"], "credentials"))
prompts = []
def prompter(text):
    prompts.append(text)
    return os.environ["MFA_CODE"]
session.get_component("credential_provider").get_provider("assume-role")._prompter = prompter
sts = boto3.Session(botocore_session=session).client("sts", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
print(json.dumps({"arn": sts.get_caller_identity()["Arn"], "prompts": prompts}))
`;
    process.env.CHAIN_HOME = home;
    process.env.MFA_CODE = codeAt(seed, step + 1);
    process.env.ENDPOINT = server.url;
    try {
      const out = (await boto3({ url: server.url, accessKeyId: 'unused', secretAccessKey: 'unused' }, script)) as { arn: string; prompts: string[] };
      expect(out.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/needs-mfa/with-mfa`);
      expect(out.prompts).toHaveLength(1);
    } finally {
      delete process.env.CHAIN_HOME;
      delete process.env.MFA_CODE;
      delete process.env.ENDPOINT;
    }
  }, 60_000);
});
