// The README's examples, run as written: every `aws` command of "Pointing the aws CLI at it" against a live
// node, the AccessDenied text it shows, and the `keycard simulate` / `validate` examples.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deniedWith } from '../src/services/iam/test-support/access-denied.js';
import { startTestServer, type TestServer } from './support/keycard-server.js';

const ROOT = new URL('..', import.meta.url).pathname;
const README = readFileSync(`${ROOT}README.md`, 'utf8');

/** The shell commands of the first ```sh block after a heading, with continuation lines joined. */
const commandsUnder = (heading: string): string[] => {
  const section = README.slice(README.indexOf(heading));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
};

const bash = (command: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ store: 'sqlite' });
});
afterAll(async () => server?.close());

const clientEnv = (keyId: string, secret: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  return { ...env, AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
};

describe('README: pointing the aws CLI at it', () => {
  it('runs every command as written, then shows the AccessDenied text', async () => {
    const commands = commandsUnder('## Pointing the `aws` CLI at it');
    const [endpointLine, credentialsLine, ...awsCommands] = commands;
    expect(endpointLine).toBe('export AWS_ENDPOINT_URL=http://127.0.0.1:4590 AWS_DEFAULT_REGION=us-east-1');
    expect(credentialsLine).toMatch(/^export AWS_ACCESS_KEY_ID=/);
    const env = { ...clientEnv(server.accessKeyId, server.secretAccessKey), AWS_ENDPOINT_URL: server.url, AWS_DEFAULT_REGION: 'us-east-1' };
    let aliceKey: { AccessKeyId: string; SecretAccessKey: string } | undefined;
    for (const command of awsCommands) {
      expect(command.startsWith('aws ')).toBe(true);
      const r = await bash(command, env);
      expect(r.status, `${command}\n${r.stderr}`).toBe(0);
      if (command.includes('create-access-key')) aliceKey = JSON.parse(r.stdout).AccessKey;
    }
    const denied = await bash('aws iam create-user --user-name bob', {
      ...clientEnv(aliceKey!.AccessKeyId, aliceKey!.SecretAccessKey),
      AWS_ENDPOINT_URL: server.url,
      AWS_DEFAULT_REGION: 'us-east-1',
    });
    expect(denied.status).not.toBe(0);
    const shown = /```\n(An error occurred \(AccessDenied\)[\s\S]*?)```/.exec(README)![1]!.replace(/\n/g, ' ').trim();
    // The README may abbreviate the encoded authorization failure message; the sentence before it is exact.
    const marker = ' Encoded authorization failure message: ';
    const sentence = shown.includes(marker) ? shown.slice(0, shown.indexOf(marker)) : shown;
    expect(denied.stderr.trim()).toEqual(deniedWith(sentence));
  }, 120_000);
});

describe('README: assuming roles, and decoding a denial', () => {
  it('runs the block as one script and decodes the denial into the decision trace', async () => {
    const script = ['set -euo pipefail', ...commandsUnder('## Assuming roles, and decoding a denial')].join('\n');
    const home = mkdtempSync(join(tmpdir(), 'keycard-readme-home-'));
    const env = {
      ...clientEnv(server.accessKeyId, server.secretAccessKey),
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_ENDPOINT_URL: server.url,
      AWS_DEFAULT_REGION: 'us-east-1',
    };
    const r = await bash(script, env);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('arn:aws:sts::123456789012:assumed-role/deployer/');
    const decoded = JSON.parse(JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('{\n    "DecodedMessage"'))).DecodedMessage);
    expect(decoded).toMatchObject({ allowed: false, decision: 'ImplicitDeny', decidedBy: 'identity' });
  }, 120_000);
});

describe('README: tokens for other services', () => {
  it('enables outbound federation and gets a token that verifies against the issuer Keycard serves', async () => {
    const [enable, getToken, ...rest] = commandsUnder('**Tokens for other services');
    expect(rest).toEqual([]);
    const env = { ...clientEnv(server.accessKeyId, server.secretAccessKey), AWS_ENDPOINT_URL: server.url, AWS_DEFAULT_REGION: 'us-east-1' };
    const enabled = await bash(`${enable!} --output json`, env);
    expect(enabled.status, enabled.stderr).toBe(0);
    const issuer = (JSON.parse(enabled.stdout) as { IssuerIdentifier: string }).IssuerIdentifier;
    expect(issuer).toMatch(new RegExp(`^${server.url}/_keycard/outbound/[0-9a-f-]{36}$`));
    const token = await bash(getToken!, env);
    expect(token.status, token.stderr).toBe(0);
    const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token.stdout.trim(), keys, { issuer, audience: 'api.example.com' });
    expect(payload.sub).toBe('arn:aws:iam::123456789012:root');
  });
});

describe('README: keycard simulate and validate', () => {
  it('runs each simulate and validate example with the documented exit status', async () => {
    const commands = [...commandsUnder('## `keycard simulate`'), ...commandsUnder('## `keycard validate`')];
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const command of commands) {
      const r = await bash(command, process.env);
      const expected = command.includes('broken.json') ? 1 : 0;
      expect(r.status, `${command}\n${r.stderr}`).toBe(expected);
    }
  }, 60_000);
});
