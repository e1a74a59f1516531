// Deployment behaviour: two nodes sharing one PostgreSQL see each other's writes within a bound and name one
// outbound-federation issuer, soft enforcement allows but reports, and TLS serves the same API over HTTPS.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, EnableOutboundWebIdentityFederationCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetWebIdentityTokenCommand } from '@aws-sdk/client-sts';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { iamClient, stsClient } from '../support/clients.js';
import { dropIsolatedSchema, isolatedPostgresUrl, startTestServer, type TestServer } from '../support/keycard-server.js';

const opened: TestServer[] = [];
const sharedSchemas: string[] = [];
afterAll(async () => {
  for (const server of opened) await server.close();
  for (const url of sharedSchemas) await dropIsolatedSchema(url);
});

const endpoint = (server: TestServer) => ({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });

describe('two nodes on one PostgreSQL', () => {
  it('a node reads its own writes at once and the other node within a second', async () => {
    const storeUrl = isolatedPostgresUrl();
    sharedSchemas.push(storeUrl);
    const a = await startTestServer({ storeUrl });
    const b = await startTestServer({ storeUrl });
    opened.push(a, b);
    await iamClient(endpoint(a)).send(new CreateUserCommand({ UserName: 'shared' }));
    expect((await iamClient(endpoint(a)).send(new GetUserCommand({ UserName: 'shared' }))).User?.UserName).toBe('shared');
    const started = performance.now();
    for (;;) {
      const users = await iamClient(endpoint(b)).send(new ListUsersCommand({}));
      if (users.Users?.some((u) => u.UserName === 'shared')) break;
      expect(performance.now() - started).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 10));
    }
    // Uniqueness holds across nodes: the second node refuses the same name.
    await expect(iamClient(endpoint(b)).send(new CreateUserCommand({ UserName: 'SHARED' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
  });
});

describe('outbound identity federation across two nodes', () => {
  it('names one issuer whichever node issues the token, and either node serves its keys', async () => {
    const storeUrl = isolatedPostgresUrl();
    sharedSchemas.push(storeUrl);
    const a = await startTestServer({ storeUrl });
    const b = await startTestServer({ storeUrl });
    opened.push(a, b);
    const issuer = (await iamClient(endpoint(a)).send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
    await b.server.refresh();
    const token = await stsClient(endpoint(b)).send(new GetWebIdentityTokenCommand({ Audience: ['partner.example.com'], SigningAlgorithm: 'RS256' }));
    // The issuer names node a; node b serves the same documents at the same path.
    const path = issuer.slice(a.url.length);
    const keys = createRemoteJWKSet(new URL(`${b.url}${path}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token.WebIdentityToken!, keys, { issuer, audience: 'partner.example.com' });
    expect(payload.sub).toBe(`arn:aws:iam::${b.account}:root`);
  });
});

describe('soft enforcement', () => {
  it('allows a call that enforcement would deny', async () => {
    const server = await startTestServer({ store: 'sqlite', enforcement: 'soft' });
    opened.push(server);
    const root = iamClient(endpoint(server));
    await root.send(new CreateUserCommand({ UserName: 'limited' }));
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'limited' }))).AccessKey!;
    const limited = iamClient({ url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const users = await limited.send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).toEqual(['limited']);
    const metrics = await (await fetch(`${server.url}/_keycard/metrics`)).text();
    expect(metrics).toMatch(/keycard_authorization_denials_total\{mode="soft"\} [1-9]/);
  });
});

describe('TLS', () => {
  it('serves over HTTPS with the given certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keycard-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const server = await startServer(
      {
        host: '127.0.0.1', port: 0, dataDir: join(dir, 'data'), accountId: '123456789012', enforcement: 'on', allowReset: false,
        tls: { cert, key }, logLevel: 'silent', maxBodyBytes: 1024 * 1024, followIntervalMs: 250, tokenKeyRotationMs: 86_400_000,
      },
      { KEYCARD_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') },
      pino({ level: 'silent' }),
    );
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        get(`${server.url}/_keycard/health`, { rejectUnauthorized: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        }).on('error', reject);
      });
      expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
    } finally {
      await server.close();
    }
  });
});
