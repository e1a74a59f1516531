// `keycard serve` as a user runs it: the banner, root credentials printed once and saved 0600, data that
// survives a restart, another account created while the node runs, and a graceful stop on SIGTERM.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, EnableOutboundWebIdentityFederationCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, killAll, serveProcess, stopProcess } from '../support/serve-process.js';
import { iamClient, stsClient } from '../support/clients.js';

afterEach(killAll);

/** A node on dataDir with env (root credentials…) and more options. */
const serve = (dataDir: string, env: NodeJS.ProcessEnv = {}, args: readonly string[] = []) => serveProcess(['--data-dir', dataDir, ...args], env);
const stop = stopProcess;

describe('keycard serve', () => {
  it('prints root credentials once, keeps data across a restart, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keycard-serve-'));
    const first = await serve(dataDir);
    expect(first.banner).toContain('account      123456789012');
    expect(first.banner).toContain('enforcement  on');
    const keyId = /AWS_ACCESS_KEY_ID=(AKIA[A-Z2-7]{16})/.exec(first.banner)?.[1];
    const secret = /AWS_SECRET_ACCESS_KEY=(\S{40})/.exec(first.banner)?.[1];
    expect(keyId).toBeDefined();
    const file = join(dataDir, 'root-credentials-123456789012.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ accessKeyId: keyId, secretAccessKey: secret });
    // The database holds no secret in plain text.
    expect(readFileSync(join(dataDir, 'keycard.db')).includes(Buffer.from(secret!))).toBe(false);

    const endpoint = { url: first.url, accessKeyId: keyId!, secretAccessKey: secret! };
    await iamClient(endpoint).send(new CreateUserCommand({ UserName: 'persisted' }));
    expect(await stop(first.child)).toBe(0);

    const second = await serve(dataDir);
    expect(second.banner).not.toMatch(/AWS_SECRET_ACCESS_KEY=\S{40}/);
    const again = { ...endpoint, url: second.url };
    expect((await iamClient(again).send(new GetUserCommand({ UserName: 'persisted' }))).User?.UserName).toBe('persisted');

    // Another account, created from the command line while the node runs, is served within a second.
    const created = spawnSync(process.execPath, [BIN, 'accounts', 'create', '210987654321', '--data-dir', dataDir], { encoding: 'utf8' });
    expect(created.status, created.stderr).toBe(0);
    const otherKey = /AWS_ACCESS_KEY_ID=(\S+)/.exec(created.stdout)![1]!;
    const otherSecret = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(created.stdout)![1]!;
    await new Promise((r) => setTimeout(r, 1000));
    const identity = await stsClient({ url: second.url, accessKeyId: otherKey, secretAccessKey: otherSecret }).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: '210987654321', Arn: 'arn:aws:iam::210987654321:root' });
    expect(await stop(second.child)).toBe(0);
  }, 60_000);

  it('takes root credentials from the environment as given', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keycard-serve-'));
    const node = await serve(dataDir, { KEYCARD_ROOT_ACCESS_KEY_ID: 'test', KEYCARD_ROOT_SECRET_ACCESS_KEY: 'test' });
    expect(node.banner).not.toMatch(/AWS_SECRET_ACCESS_KEY=test/);
    expect(node.banner).toContain('export AWS_ACCESS_KEY_ID=test');
    const identity = await stsClient({ url: node.url, accessKeyId: 'test', secretAccessKey: 'test' }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(await stop(node.child)).toBe(0);
  }, 30_000);

  it('rejects bad options with exit status 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--enforcement', 'maybe'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--enforcement must be "on" or "soft"');
    for (const bad of ['keycard.example.com', 'ftp://keycard.example.com', 'https://user:pass@keycard.example.com', 'https://keycard.example.com/?a=1']) {
      const url = spawnSync(process.execPath, [BIN, 'serve', '--public-url', bad], { encoding: 'utf8' });
      expect(url.status).toBe(2);
      expect(url.stderr).toContain('--public-url must be an http:// or https:// URL');
    }
  });

  it('names issuers under --public-url, and serves their documents at its own address', async () => {
    const publicUrl = 'https://keycard.example.com:8443/iam';
    const node = await serve(mkdtempSync(join(tmpdir(), 'keycard-serve-')), { KEYCARD_ROOT_ACCESS_KEY_ID: 'AKIAPUBLICURLTEST001', KEYCARD_ROOT_SECRET_ACCESS_KEY: 'public-url-secret' }, ['--public-url', `${publicUrl}/`]);
    const iam = iamClient({ url: node.url, accessKeyId: 'AKIAPUBLICURLTEST001', secretAccessKey: 'public-url-secret' });
    const issuer = (await iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
    expect(issuer).toMatch(/^https:\/\/keycard\.example\.com:8443\/iam\/_keycard\/outbound\/[0-9a-f-]{36}$/);
    const path = issuer.slice(publicUrl.length);
    const discovery = (await (await fetch(`${node.url}${path}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    expect(await stop(node.child)).toBe(0);
  }, 30_000);
});
