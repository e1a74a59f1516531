// The servers the benchmark compares, each started as its own process on a free loopback port: Keycard
// (`keycard serve`), moto_server, and a bare Node HTTP server returning a fixed body (the ceiling).

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

export const startBare = async (firstRequest: (url: string) => Promise<boolean>): Promise<Target> => {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', BARE_SERVER, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const startupMs = await waitFor(() => firstRequest(url), started, child, 'bare server');
  return { name: 'bare', url, startupMs, stop: () => stopChild(child) };
};
