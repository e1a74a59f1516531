// The real clients tests drive Keycard with: the aws CLI (v1) and boto3 (python3.11) as child processes,
// and the JS SDK in-process. Each gets the endpoint and credentials the way a user would set them.

import { spawn } from 'node:child_process';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials' session token. */
  readonly sessionToken?: string;
}

export interface Endpoint extends Credentials {
  readonly url: string;
}

/** The endpoint for temporary credentials an STS call returned. */
export const sessionEndpoint = (
  url: string,
  credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined,
): Endpoint => ({
  url,
  accessKeyId: credentials!.AccessKeyId!,
  secretAccessKey: credentials!.SecretAccessKey!,
  sessionToken: credentials!.SessionToken!,
});

const toBytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** SHA-256 and HMAC-SHA-256 in the shape the smithy signer (@smithy/signature-v4) takes, for hand-signed requests. */
export class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

/** The headers of a form POST to `url` signed by the JS SDK's own signer (or only the form headers, unsigned). */
export const signedFormHeaders = async (
  url: string,
  credentials: Credentials | undefined,
  service: string,
  body: string,
): Promise<Record<string, string>> => {
  const { hostname, port, host } = new URL(url);
  const headers: Record<string, string> = { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (credentials === undefined) return headers;
  const request = { method: 'POST', protocol: 'http:', hostname, port: Number(port), path: '/', headers, body };
  return (await new SignatureV4({ credentials, region: 'us-east-1', service, sha256: Sha256 }).sign(request)).headers;
};

/** An environment with nothing from the developer's own AWS setup leaking in. */
const cleanEnv = (endpoint: Endpoint): NodeJS.ProcessEnv => {
  const home = mkdtempSync(join(tmpdir(), 'keycard-client-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  return {
    ...env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ACCESS_KEY_ID: endpoint.accessKeyId,
    AWS_SECRET_ACCESS_KEY: endpoint.secretAccessKey,
    ...(endpoint.sessionToken !== undefined && { AWS_SESSION_TOKEN: endpoint.sessionToken }),
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
};

export interface CliResult {
  readonly status: number | null;
  readonly json: unknown;
  readonly stdout: string;
  readonly stderr: string;
}

interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a process without blocking the event loop: the Keycard node under test usually lives in this same
 * process, and a synchronous spawn would starve it.
 */
const run = (command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ProcessResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });

/** Runs `aws ARGS --output json` against the endpoint. */
export const awsCli = async (endpoint: Endpoint, args: readonly string[]): Promise<CliResult> => {
  const result = await run('aws', [...args, '--output', 'json'], cleanEnv(endpoint), 60_000);
  let json: unknown;
  try {
    json = result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { status: result.status, json, stdout: result.stdout, stderr: result.stderr };
};

/** Runs a python3.11 script with boto3 configured for the endpoint; the script prints one JSON document. */
export const boto3 = async (endpoint: Endpoint, script: string): Promise<unknown> => {
  const dir = mkdtempSync(join(tmpdir(), 'keycard-boto3-'));
  const file = join(dir, 'script.py');
  writeFileSync(file, script);
  const result = await run('python3.11', [file], cleanEnv(endpoint), 120_000);
  if (result.status !== 0) throw new Error(`boto3 script failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout);
};

export const iamClient = (endpoint: Endpoint): IAMClient =>
  new IAMClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: endpoint.accessKeyId, secretAccessKey: endpoint.secretAccessKey, sessionToken: endpoint.sessionToken },
    maxAttempts: 1,
  });

export const stsClient = (endpoint: Endpoint): STSClient =>
  new STSClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: endpoint.accessKeyId, secretAccessKey: endpoint.secretAccessKey, sessionToken: endpoint.sessionToken },
    maxAttempts: 1,
  });
