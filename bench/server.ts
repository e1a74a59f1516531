// Server benchmark (part of `npm run bench`): requests per second for GetCallerIdentity, GetUser and
// CreateUser against Keycard, moto_server and a bare Node HTTP server (the ceiling), with the same load
// generator in the same run; and Keycard's time from start to first answered request.
// Load comes from wrk replaying pre-signed requests. Flags: --seconds S (per measurement, default 3),
// --rounds N (default 3), --concurrency C (connections, default 32).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepare, runWrk, type LoadRequest } from './server/wrk.js';
import { signedHeaders } from './server/sign.js';
import { randomBytes } from 'node:crypto';
import { openSessionToken, sealSessionToken, type SessionClaims } from '../src/sts/index.js';
import { ROOT, startBare, startKeycard, startMoto, startSigV4Floor, type Target } from './server/targets.js';
import { durableCommitMicros } from './server/commit-floor.js';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '32' },
    out: { type: 'string' },
  },
});
const seconds = Number(flags.seconds);
const rounds = Number(flags.rounds);
const concurrency = Number(flags.concurrency);
const BIN = fileURLToPath(new URL('../../bin/keycard.js', import.meta.url));
const OUT = flags.out ?? fileURLToPath(new URL('../../bench/results/server.json', import.meta.url));

type Operation = 'GetCallerIdentity' | 'GetUser' | 'CreateUser' | 'AssumeRole' | 'SessionGetCallerIdentity';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/bench-role';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }],
});

const bodies: Record<'GetCallerIdentity' | 'GetUser' | 'AssumeRole', { service: string; body: string }> = {
  GetCallerIdentity: { service: 'sts', body: 'Action=GetCallerIdentity&Version=2011-06-15' },
  GetUser: { service: 'iam', body: 'Action=GetUser&UserName=bench-user&Version=2010-05-08' },
  AssumeRole: { service: 'sts', body: `Action=AssumeRole&RoleArn=${encodeURIComponent(ROLE_ARN)}&RoleSessionName=bench&Version=2011-06-15` },
};

/** Per target: the session credentials SessionGetCallerIdentity signs with. */
const sessions = new Map<string, { accessKeyId: string; secretAccessKey: string; sessionToken: string }>();

const signed = (url: string, service: string, body: string): LoadRequest => ({
  headers: signedHeaders(ROOT, new URL(url).host, service, body),
  body,
});

const post = async (url: string, request: LoadRequest): Promise<number> => {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  await response.text();
  return response.status;
};

const firstAnswer = async (url: string): Promise<boolean> =>
  (await post(url, signed(url, 'sts', bodies.GetCallerIdentity.body))) === 200;

/** The signed requests for one operation against one target: one request replayed, or unique user names. */
const requestsFor = (target: Target, operation: Operation, round: number): LoadRequest[] => {
  if (operation === 'SessionGetCallerIdentity') {
    const body = bodies.GetCallerIdentity.body;
    return [{ headers: signedHeaders(sessions.get(target.name)!, new URL(target.url).host, 'sts', body), body }];
  }
  if (operation === 'AssumeRole') return [assumeRequest(target)];
  if (operation !== 'CreateUser') return [signed(target.url, bodies[operation].service, bodies[operation].body)];
  return Array.from({ length: CREATE_USER_REQUESTS }, (_, n) =>
    signed(target.url, 'iam', `Action=CreateUser&UserName=bench-${target.name}-${round}-${n}&Version=2010-05-08`),
  );
};

/** Enough distinct CreateUser requests that none repeats within a measurement window on any target. */
const CREATE_USER_REQUESTS = 4900;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const ASSUME_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN }] });

/** Per target: bench-user's long-term credentials (AssumeRole is signed with them: the root user cannot assume roles). */
const users = new Map<string, { accessKeyId: string; secretAccessKey: string }>();

const call = async (target: Target, request: LoadRequest, what: string): Promise<string> => {
  const response = await fetch(target.url, { method: 'POST', headers: request.headers, body: request.body });
  const xml = await response.text();
  if (response.status !== 200) throw new Error(`${target.name}: ${what} answered ${response.status}: ${xml.slice(0, 300)}`);
  return xml;
};

const field = (xml: string, name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)![1]!;

/** bench-user (allowed to assume bench-role), its access key, bench-role, and one session of it. */
const createBenchUser = async (target: Target): Promise<void> => {
  const iam = (body: string) => signed(target.url, 'iam', `${body}&Version=2010-05-08`);
  await call(target, iam('Action=CreateUser&UserName=bench-user'), 'CreateUser');
  await call(target, iam(`Action=PutUserPolicy&UserName=bench-user&PolicyName=assume&PolicyDocument=${encodeURIComponent(ASSUME_POLICY)}`), 'PutUserPolicy');
  const key = await call(target, iam('Action=CreateAccessKey&UserName=bench-user'), 'CreateAccessKey');
  users.set(target.name, { accessKeyId: field(key, 'AccessKeyId'), secretAccessKey: field(key, 'SecretAccessKey') });
  await call(target, iam(`Action=CreateRole&RoleName=bench-role&AssumeRolePolicyDocument=${encodeURIComponent(TRUST)}`), 'CreateRole');
  const session = await call(target, assumeRequest(target), 'AssumeRole');
  sessions.set(target.name, { accessKeyId: field(session, 'AccessKeyId'), secretAccessKey: field(session, 'SecretAccessKey'), sessionToken: field(session, 'SessionToken') });
};

const assumeRequest = (target: Target): LoadRequest => ({
  headers: signedHeaders(users.get(target.name)!, new URL(target.url).host, 'sts', bodies.AssumeRole.body),
  body: bodies.AssumeRole.body,
});

const resetKeycard = async (target: Target): Promise<void> => {
  const response = await fetch(`${target.url}/_keycard/reset`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`keycard reset answered ${response.status}`);
  await createBenchUser(target);
};

/** Microseconds to open one session token, as the server does for every request with session credentials. */
const tokenOpenMicros = (): number => {
  const key = { id: randomBytes(16).toString('hex'), key: randomBytes(32) };
  const claims: SessionClaims = {
    version: 1, accessKeyId: 'ASIABENCHBENCHBENCH1', secretAccessKey: 'x'.repeat(40), account: '123456789012',
    principal: { kind: 'role-session', roleId: 'AROABENCHBENCHBENCH12', roleName: 'bench-role', roleArn: ROLE_ARN, sessionName: 'bench' },
    origin: 'AssumeRole', issuedAt: Date.now(), expiresAt: Date.now() + 3_600_000,
  };
  const token = sealSessionToken(claims, key);
  const n = 50_000;
  for (let i = 0; i < 5_000; i++) openSessionToken(token, key);
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) openSessionToken(token, key);
  return Number(process.hrtime.bigint() - started) / n / 1000;
};

const main = async () => {
  const startups: number[] = [];
  for (let i = 0; i < 3; i++) {
    const probe = await startKeycard(BIN, firstAnswer);
    startups.push(probe.startupMs);
    await probe.stop();
  }
  const targets = [await startKeycard(BIN, firstAnswer), await startMoto(firstAnswer), await startBare(firstAnswer), await startSigV4Floor(firstAnswer)];
  try {
    for (const target of targets.slice(0, 2)) await createBenchUser(target);
    const operations: Operation[] = ['GetCallerIdentity', 'GetUser', 'AssumeRole', 'SessionGetCallerIdentity', 'CreateUser'];
    const samples = new Map<string, number[]>();
    const failures: string[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const operation of operations) {
        for (const target of targets) {
          if ((target.name === 'bare' || target.name === 'sigv4-floor') && operation !== 'GetCallerIdentity') continue;
          if (target.name === 'moto' && operation === 'SessionGetCallerIdentity' && !sessions.has('moto')) continue;
          // IAM allows 5,000 users per account: CreateUser runs for one second on a freshly reset account with
          // distinct names, without a warm-up pass, and only successful answers count.
          const isCreate = operation === 'CreateUser';
          const prepared = prepare(requestsFor(target, operation, round));
          if (isCreate && target.name === 'keycard') await resetKeycard(target);
          if (!isCreate) await runWrk(target.url, prepared, 1, concurrency); // warm-up
          const window = isCreate ? 1 : seconds;
          const measured = await runWrk(target.url, prepared, window, concurrency);
          const result = isCreate ? { ...measured, perSecond: (measured.requests - measured.failed) / window } : measured;
          if (isCreate && target.name === 'keycard') await resetKeycard(target);
          if (result.failed > 0 && !isCreate) failures.push(`${target.name} ${operation}: ${result.failed} failed`);
          const key = `${target.name}:${operation}`;
          samples.set(key, [...(samples.get(key) ?? []), result.perSecond]);
          process.stderr.write(`round ${round + 1} ${operation} ${target.name}: ${result.perSecond.toFixed(0)}/s\n`);
        }
      }
    }
    const rate = (target: string, op: Operation) => median(samples.get(`${target}:${op}`) ?? [0]);
    const rows = operations.map((op) => ({
      operation: op,
      keycard: rate('keycard', op),
      moto: rate('moto', op),
      bare: op === 'GetCallerIdentity' ? rate('bare', op) : undefined,
    }));
    const floor = rate('sigv4-floor', 'GetCallerIdentity');
    const bare = rows[0]!.bare!;
    const commitMicros = durableCommitMicros();
    const createNeeds = 50 * rows.find((r) => r.operation === 'CreateUser')!.moto;
    const startupMs = median(startups);
    const openMicros = tokenOpenMicros();
    const sessionRequestMicros = 1e6 / rate('keycard', 'SessionGetCallerIdentity');
    const lines = [
      `Server benchmark: wrk with ${concurrency} keep-alive connections, ${seconds} s per measurement, median of ${rounds} rounds`,
      '',
      '| operation | Keycard req/s | moto req/s | × moto | bare Node req/s | Keycard ÷ bare |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map((r) =>
        `| ${r.operation} | ${r.keycard.toFixed(0)} | ${r.moto.toFixed(0)} | ${(r.keycard / r.moto).toFixed(1)}× | ${r.bare === undefined ? '—' : r.bare.toFixed(0)} | ${r.bare === undefined ? '—' : `${((r.keycard / r.bare) * 100).toFixed(0)}%`} |`,
      ),
      '',
      `Keycard start to first answered request: ${startupMs.toFixed(0)} ms (median of 3; goal < 1000 ms)`,
      `Opening a session token: ${openMicros.toFixed(1)} µs, ${((openMicros / sessionRequestMicros) * 100).toFixed(0)}% of a whole GetCallerIdentity with session credentials (${sessionRequestMicros.toFixed(0)} µs at saturation; goal < 25%)`,
      ...rows.filter((r) => r.moto > 0).map((r) => `goal ≥50× moto on ${r.operation}: ${r.keycard / r.moto >= 50 ? 'met' : 'NOT met'} (${(r.keycard / r.moto).toFixed(1)}×)`),
      `goal ≥70% of bare on GetCallerIdentity: ${rows[0]!.keycard / bare >= 0.7 ? 'met' : 'NOT met'}`,
      `  the same bare server doing only the three Signature V4 hashes (no parsing, lookup, decoding or XML): ${floor.toFixed(0)} req/s, ${((floor / bare) * 100).toFixed(0)}% of bare; Keycard reaches ${((rows[0]!.keycard / floor) * 100).toFixed(0)}% of that floor`,
      `  one durable SQLite commit (WAL, synchronous=FULL, as Keycard commits): ${commitMicros.toFixed(0)} µs; 50× moto on CreateUser needs ${createNeeds.toFixed(0)}/s, ${(1e6 / createNeeds).toFixed(0)} µs per request in all`,
      ...(failures.length > 0 ? ['', 'Failures:', ...failures] : []),
    ];
    console.log(lines.join('\n'));
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify({ concurrency, seconds, rounds, startups, openMicros, commitMicros, floor, samples: Object.fromEntries(samples), rows, failures }, null, 2));
  } finally {
    for (const target of targets) await target.stop();
  }
};

await main();
