// `keycard serve` as a child process, the way a user starts it: resolves once the banner has printed the
// endpoint and the aws CLI hint, and stops with SIGTERM. Tests kill what they started with killAll().

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin/keycard.js');

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly banner: string;
  readonly url: string;
}

const running: ChildProcess[] = [];

/**
 * Starts `keycard serve --port 0 --log-level warn ARGS` with the test's environment minus any KEYCARD_* of its
 * own, plus env.
 */
export const serveProcess = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> =>
  new Promise((resolve, reject) => {
    const base: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('KEYCARD_')) base[key] = value;
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'warn', ...args], {
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /serving IAM and STS at (http:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes('aws sts get-caller-identity')) resolve({ child, banner: out, url });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`no banner within 20 s: ${out}`)), 20_000).unref();
  });

/** SIGTERM, then the exit code. */
export const stopProcess = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

/** SIGKILLs every process serveProcess started that is still running (for afterEach). */
export const killAll = (): void => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
