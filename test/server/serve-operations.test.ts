// Running a node in operation: graceful shutdown with a request in flight, `keycard serve --host/--account-id/
// --store`, soft enforcement logging each would-be denial with its explanation, and scheduled token-key rotation.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServerConfig } from '../../src/server/index.js';
import { iamClient, sessionEndpoint, signedFormHeaders, stsClient, type Endpoint } from '../support/clients.js';
import { killAll, serveProcess, stopProcess } from '../support/serve-process.js';
import { startTestServer, TEST_MASTER_KEY, type TestServer } from '../support/keycard-server.js';

const ROOT_KEY_ID = 'AKIASERVEOPERATIONS1';
const ROOT_SECRET = 'serve/operations/root/secret/0123456789';

// Everything a test starts is stopped and removed after it, whatever its outcome.
const servers: Array<TestServer | RunningServer> = [];
const dirs: string[] = [];
afterEach(async () => {
  killAll();
  for (const server of servers.splice(0)) await server.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'keycard-ops-'));
  dirs.push(dir);
  return dir;
};


/** Resolves with the error code of a fresh TCP connection attempt, or 'connected' if the port accepted it. */
const tryConnect = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A node started directly, with a logger and settings startTestServer does not expose. */
const startNode = async (overrides: Partial<ServerConfig>, log = pino({ level: 'silent' })): Promise<RunningServer> => {
  const config: ServerConfig = {
    host: '127.0.0.1', port: 0, dataDir: join(tempDir(), 'data'), accountId: '123456789012', enforcement: 'on', allowReset: false,
    logLevel: 'silent', maxBodyBytes: 1024 * 1024, followIntervalMs: 100, tokenKeyRotationMs: 86_400_000, ...overrides,
  };
  const env = { KEYCARD_ROOT_ACCESS_KEY_ID: ROOT_KEY_ID, KEYCARD_ROOT_SECRET_ACCESS_KEY: ROOT_SECRET, KEYCARD_MASTER_KEY: TEST_MASTER_KEY };
  const server = await startServer(config, env, log);
  servers.push(server);
  return server;
};

const rootOf = (server: RunningServer): Endpoint => ({ url: server.url, accessKeyId: ROOT_KEY_ID, secretAccessKey: ROOT_SECRET });

describe('graceful shutdown', () => {
  it('lets a request in flight finish with a 200 while refusing new connections', async () => {
    const server = await startTestServer({ store: 'sqlite' });
    servers.push(server);
    const url = new URL(server.url);
    const body = new URLSearchParams({ Action: 'ListUsers', Version: '2010-05-08' }).toString();
    const signed = { headers: await signedFormHeaders(server.url, { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }, 'iam', body) };

    // Headers and half the body go out now; the rest only after shutdown has begun.
    const req = httpRequest({
      host: url.hostname, port: Number(url.port), method: 'POST', path: '/', agent: false,
      headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.once('response', (res: IncomingMessage) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      });
      req.once('error', reject);
    });
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    await new Promise<void>((resolve) => req.once('socket', (socket) => (socket.connecting ? socket.once('connect', () => resolve()) : resolve())));
    await sleep(200); // the node has the headers and is reading the body

    let closed = false;
    const closing = server.server.close().then(() => (closed = true));
    await sleep(200);
    expect(closed).toBe(false); // waiting for the request in flight
    expect(await tryConnect(server.server.port)).toBe('ECONNREFUSED');

    req.end(body.slice(half));
    const result = await response;
    expect(result.status).toBe(200);
    expect(result.text).toContain('<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
    await closing;
    expect(closed).toBe(true);
    expect(await tryConnect(server.server.port)).toBe('ECONNREFUSED');
  });
});

describe('keycard serve --host --account-id --store', () => {
  it('listens where told, serves the given account, and keeps its database at the given path', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const storePath = join(dir, 'elsewhere.sqlite');
    const node = await serveProcess(['--host', '127.0.0.1', '--account-id', '210987654321', '--store', storePath, '--data-dir', dataDir]);
    expect(node.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(node.banner).toContain('account      210987654321');
    expect(node.banner).toContain(`data         ${storePath}`);
    const accessKeyId = /AWS_ACCESS_KEY_ID=(AKIA[A-Z2-7]{16})/.exec(node.banner)?.[1];
    const secretAccessKey = /AWS_SECRET_ACCESS_KEY=(\S{40})/.exec(node.banner)?.[1];
    expect(accessKeyId).toBeDefined();
    expect(secretAccessKey).toBeDefined();

    const identity = await stsClient({ url: node.url, accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! }).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: '210987654321', Arn: 'arn:aws:iam::210987654321:root' });
    expect(existsSync(storePath)).toBe(true);
    expect(readFileSync(storePath).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(existsSync(join(dataDir, 'keycard.db'))).toBe(false);
    expect(existsSync(join(dataDir, 'root-credentials-210987654321.json'))).toBe(true);
    expect(await stopProcess(node.child)).toBe(0);
  }, 30_000);
});

describe('soft enforcement', () => {
  it('allows a call the policies deny and logs a warning naming the action, with the decision and its explanation', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const server = await startNode({ enforcement: 'soft' }, log);
    const root = iamClient(rootOf(server));
    await root.send(new CreateUserCommand({ UserName: 'limited' }));
    await root.send(new CreateUserCommand({ UserName: 'other' }));
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'limited' }))).AccessKey!;
    const limited = iamClient({ url: server.url, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    expect(lines.map((line) => JSON.parse(line) as { action?: string }).filter((e) => e.action === 'iam:GetUser')).toEqual([]);

    const user = await limited.send(new GetUserCommand({ UserName: 'other' }));
    expect(user.User?.Arn).toBe('arn:aws:iam::123456789012:user/other');

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const warning = entries.find((e) => e.action === 'iam:GetUser');
    expect(warning).toBeDefined();
    expect(warning).toMatchObject({
      level: 40,
      msg: 'soft enforcement: this request would have been denied',
      caller: 'arn:aws:iam::123456789012:user/limited',
      resource: 'arn:aws:iam::123456789012:user/other',
      decision: { decision: 'ImplicitDeny', reason: 'no-allow' },
    });
    expect((warning!.decision as { explanation?: unknown }).explanation).toBeDefined();
  });
});

/** The key id a session token was sealed with: the first 16 bytes after "KC1.", decoded. */
const sealingKeyId = (token: string): string => {
  expect(token.startsWith('KC1.')).toBe(true);
  return Buffer.from(token.slice(4), 'base64url').subarray(0, 16).toString('hex');
};

describe('session-token key rotation on a schedule', () => {
  it('seals sessions after a rotation with a new key and still accepts sessions sealed with the old one', async () => {
    const rotationMs = 1_000;
    const server = await startNode({ tokenKeyRotationMs: rotationMs });
    const sts = stsClient(rootOf(server));
    const before = (await sts.send(new GetSessionTokenCommand({}))).Credentials!;
    const again = (await sts.send(new GetSessionTokenCommand({}))).Credentials!;
    // Within one rotation period, the same key seals.
    expect(sealingKeyId(again.SessionToken!)).toBe(sealingKeyId(before.SessionToken!));
    await sleep(rotationMs + 300);
    const after = (await sts.send(new GetSessionTokenCommand({}))).Credentials!;
    expect(sealingKeyId(after.SessionToken!)).not.toBe(sealingKeyId(before.SessionToken!));

    for (const credentials of [before, after]) {
      const identity = await stsClient(sessionEndpoint(server.url, credentials)).send(new GetCallerIdentityCommand({}));
      expect(identity).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
    }
  });
});
