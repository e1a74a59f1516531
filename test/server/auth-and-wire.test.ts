// Authentication failures and wire details a client sees: every SigV4 failure with AWS's code and status,
// the request id header, unknown and missing actions, parameter validation, and the body-size limit.

import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boto3, iamClient, signedFormHeaders, stsClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

let server: TestServer;


beforeAll(async () => {
  server = await startTestServer({ store: 'sqlite' });
});
afterAll(async () => server?.close());

/** Sends a form-encoded Query request signed with the given credentials (or unsigned). */
const send = async (params: Record<string, string>, options: { secret?: string; keyId?: string; service?: string; unsigned?: boolean } = {}) => {
  const body = new URLSearchParams(params).toString();
  const credentials = options.unsigned ? undefined : { accessKeyId: options.keyId ?? server.accessKeyId, secretAccessKey: options.secret ?? server.secretAccessKey };
  const headers = await signedFormHeaders(server.url, credentials, options.service ?? 'iam', body);
  const response = await fetch(server.url, { method: 'POST', headers, body });
  const text = await response.text();
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
    ?.replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { status: response.status, text, code, message, requestId: response.headers.get('x-amzn-requestid') };
};

describe('authentication', () => {
  it('accepts a correctly signed request and returns a request id in the header and the body', async () => {
    const r = await send({ Action: 'ListUsers', Version: '2010-05-08' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.text).toContain(`<RequestId>${r.requestId}</RequestId>`);
  });

  it('rejects a wrong secret with SignatureDoesNotMatch (403)', async () => {
    const r = await send({ Action: 'ListUsers', Version: '2010-05-08' }, { secret: 'not-the-secret' });
    expect(r).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(r.message).toContain('The request signature we calculated does not match the signature you provided.');
  });

  it('rejects an unknown access key with InvalidClientTokenId (403)', async () => {
    const r = await send({ Action: 'ListUsers', Version: '2010-05-08' }, { keyId: 'AKIAUNKNOWNUNKNOWN00' });
    expect(r).toMatchObject({ status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
  });

  it('rejects an unsigned request with MissingAuthenticationToken (403)', async () => {
    const r = await send({ Action: 'ListUsers', Version: '2010-05-08' }, { unsigned: true });
    expect(r).toMatchObject({ status: 403, code: 'MissingAuthenticationToken' });
  });

  it('rejects a clock 20 minutes slow with the "Signature expired" text', async () => {
    const sts = stsClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
    sts.config.systemClockOffset = -20 * 60 * 1000;
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/),
    });
  });

  it('uses the service from the credential scope: a request signed for sts reaches STS', async () => {
    const r = await send({ Action: 'GetCallerIdentity', Version: '2011-06-15' }, { service: 'sts' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
  });
});

describe('presigned URLs', () => {
  it('answers a GetCallerIdentity URL presigned by botocore, as EKS and Vault use it, and refuses it once altered', async () => {
    const presigned = (await boto3(
      { url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      'import json, boto3\nsts = boto3.client("sts")\nprint(json.dumps(sts.generate_presigned_url("get_caller_identity", ExpiresIn=60, HttpMethod="GET")))\n',
    )) as string;
    expect(presigned).toContain('X-Amz-Signature=');
    const ok = await fetch(presigned);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<Arn>arn:aws:iam::123456789012:root</Arn>');
    const tampered = await fetch(presigned.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'));
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});

describe('the Query protocol', () => {
  it('answers an unknown action with InvalidAction (400)', async () => {
    const r = await send({ Action: 'FlyToTheMoon', Version: '2010-05-08' });
    expect(r).toMatchObject({ status: 400, code: 'InvalidAction' });
  });

  it('answers a missing action with MissingAction (400)', async () => {
    const r = await send({ Version: '2010-05-08' });
    expect(r).toMatchObject({ status: 400, code: 'MissingAction' });
  });

  it('validates parameters from the service model with AWS\'s wording', async () => {
    const r = await send({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'x'.repeat(65) });
    expect(r.status).toBe(400);
    expect(r.code).toBe('ValidationError');
    expect(r.message).toContain("at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64");
    const missing = await send({ Action: 'CreateUser', Version: '2010-05-08' });
    expect(missing).toMatchObject({ status: 400, code: 'ValidationError' });
    expect(missing.message).toContain("Value null at 'userName' failed to satisfy constraint: Member must not be null");
  });

  it('refuses a body over the limit without reading it all', async () => {
    const r = await send({ Action: 'CreatePolicy', Version: '2010-05-08', PolicyName: 'big', PolicyDocument: 'x'.repeat(1_100_000) });
    expect(r.status).toBe(413);
  });

  it('serves health and Prometheus metrics', async () => {
    const health = await fetch(`${server.url}/_keycard/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', account: '123456789012' });
    await iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }).send(new ListUsersCommand({}));
    const metrics = await (await fetch(`${server.url}/_keycard/metrics`)).text();
    expect(metrics).toMatch(/keycard_requests_total\{service="iam",action="ListUsers",code="OK"\} [1-9]/);
    // The latency histogram: cumulative buckets ending in +Inf, which equals the count.
    const count = Number(/keycard_request_duration_seconds_count\{service="iam"\} (\d+)/.exec(metrics)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(metrics).toContain(`keycard_request_duration_seconds_bucket{le="+Inf",service="iam"} ${count}`);
    const buckets = [...metrics.matchAll(/keycard_request_duration_seconds_bucket\{le="[^"]+",service="iam"\} (\d+)/g)].map((m) => Number(m[1]));
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(metrics).toMatch(/keycard_process_cpu_seconds_total \d/);
  });
});
