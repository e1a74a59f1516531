// The servers the benchmark compares, each started as its own process on a free loopback port: Keycard
// (`keycard serve`), moto_server, a bare Node HTTP server returning a fixed body (the ceiling), and the same
// bare server doing only the hashing every Signature V4 check needs (the floor of any verifying server).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Target {
  readonly name: string;
  readonly url: string;
  /** Milliseconds from spawn to the first answered request. */
  readonly startupMs: number;
  stop(): Promise<void>;
}

export const ROOT = { accessKeyId: 'AKIABENCHBENCHROOT01', secretAccessKey: 'bench/root/secret/0123456789abcdefghijkl' };

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });

/** Polls until `probe` answers, returning the milliseconds since `started`. */
const waitFor = async (probe: () => Promise<boolean>, started: number, child: ChildProcess, name: string): Promise<number> => {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before answering`);
    try {
      if (await probe()) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`${name} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

export const startKeycard = async (bin: string, firstRequest: (url: string) => Promise<boolean>): Promise<Target> => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'keycard-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn', '--allow-reset'], {
    env: { ...process.env, KEYCARD_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, KEYCARD_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const startupMs = await waitFor(() => firstRequest(url), started, child, 'keycard');
  return { name: 'keycard', url, startupMs, stop: async () => { await stopChild(child); rmSync(dataDir, { recursive: true, force: true }); } };
};

export const startMoto = async (firstRequest: (url: string) => Promise<boolean>): Promise<Target> => {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'ignore'] });
  const url = `http://127.0.0.1:${port}`;
  const startupMs = await waitFor(() => firstRequest(url), started, child, 'moto_server');
  return { name: 'moto', url, startupMs, stop: () => stopChild(child) };
};

const BARE_SERVER = `
const http = require('node:http');
const body = '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>';
http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) }); res.end(body); }); }).listen(Number(process.argv[1]), '127.0.0.1');
`;

/**
 * The bare server plus the three hashes a Signature V4 verifier cannot skip: SHA-256 of the body, SHA-256 of
 * the canonical request (built from the signed headers as sent), and the HMAC of the string to sign with a
 * signing key derived once, compared in constant time. Nothing else: no parsing beyond splitting the
 * Authorization header, no time or scope checks, no credential lookup, no form decoding, no XML. A request it
 * cannot verify gets 403, which wrk counts as a failure, so the work is really done.
 */
const SIGV4_FLOOR_SERVER = `
const http = require('node:http');
const { createHash, createHmac, timingSafeEqual } = require('node:crypto');
const secret = process.env.FLOOR_SECRET;
const keys = new Map();
const signingKey = (scope) => {
  let key = keys.get(scope);
  if (key === undefined) {
    const [date, region, service] = scope.split('/');
    key = [date, region, service, 'aws4_request'].reduce((k, part) => createHmac('sha256', k).update(part).digest(), 'AWS4' + secret);
    keys.set(scope, key);
  }
  return key;
};
${BARE_SERVER.split('\n').find((line) => line.startsWith('const body'))}
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const auth = /Credential=[^/]+\\/([^,]+)\\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})/.exec(req.headers.authorization ?? '');
    let ok = auth !== null;
    if (ok) {
      const names = auth[2].split(';');
      const canonical = ['POST', '/', '', names.map((n) => n + ':' + req.headers[n] + '\\n').join(''), auth[2],
        createHash('sha256').update(Buffer.concat(chunks)).digest('hex')].join('\\n');
      const toSign = ['AWS4-HMAC-SHA256', req.headers['x-amz-date'], auth[1] + '/aws4_request', createHash('sha256').update(canonical).digest('hex')].join('\\n');
      ok = timingSafeEqual(createHmac('sha256', signingKey(auth[1])).update(toSign).digest(), Buffer.from(auth[3], 'hex'));
    }
    if (!ok) { res.writeHead(403).end(); return; }
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(Number(process.argv[1]), '127.0.0.1');
`;

const startNode = async (
  name: string,
  source: string,
  env: NodeJS.ProcessEnv,
  firstRequest: (url: string) => Promise<boolean>,
): Promise<Target> => {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', source, String(port)], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const startupMs = await waitFor(() => firstRequest(url), started, child, name);
  return { name, url, startupMs, stop: () => stopChild(child) };
};

export const startBare = (firstRequest: (url: string) => Promise<boolean>): Promise<Target> =>
  startNode('bare', BARE_SERVER, {}, firstRequest);

export const startSigV4Floor = (firstRequest: (url: string) => Promise<boolean>): Promise<Target> =>
  startNode('sigv4-floor', SIGV4_FLOOR_SERVER, { FLOOR_SECRET: ROOT.secretAccessKey }, firstRequest);
