// Starts a real Keycard node for a test: an HTTP listener on a loopback port, on SQLite (a temporary data
// directory) or PostgreSQL (the machine's server; a fresh schema per node), with known root credentials.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { createAccount, startServer, type RunningServer, type ServerConfig } from '../../src/server/index.js';

export type StoreKind = 'sqlite' | 'postgres';

export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

export const POSTGRES_URL = process.env.KEYCARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestServer {
  readonly url: string;
  readonly account: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly dataDir: string;
  readonly server: RunningServer;
  /** Creates another account (as `keycard accounts create` does) and returns its root credentials. */
  addAccount(account: string): Promise<{ accessKeyId: string; secretAccessKey: string }>;
  /** POST /_keycard/reset. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly store?: StoreKind;
  readonly enforcement?: 'on' | 'soft';
  /** Share an existing store location (a second node of the same deployment). */
  readonly storeUrl?: string;
  readonly masterKey?: string;
  /** The default account (123456789012 unless given). */
  readonly accountId?: string;
  /** How the node reaches and trusts OIDC issuers (test issuers serve self-signed HTTPS on loopback). */
  readonly oidc?: ServerConfig['oidc'];
  /** The node's clock (to expire sessions without waiting). */
  readonly clock?: () => Date;
}

const ROOT_KEY_ID = 'AKIAKEYCARDTESTROOT1';
const ROOT_SECRET = 'keycard/test/root/secret/0123456789abcdef';
/** The master key test nodes use unless told otherwise; offline tools (`keycard rotate-keys`) need the same. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** A postgres:// URL naming a schema of its own, so parallel test nodes never share state. */
export const isolatedPostgresUrl = (): string => {
  const schema = `keycard_test_${Date.now()}_${process.pid}_${Math.random().toString(16).slice(2, 10)}`;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return url.toString();
};

/** Drops the schema an isolated URL named (after its nodes have closed). */
export const dropIsolatedSchema = async (location: string): Promise<void> => {
  const url = new URL(location);
  const schema = url.searchParams.get('schema');
  if (schema === null || !/^keycard_test_\w+$/.test(schema)) return;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};

export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keycard-test-'));
  const storeUrl = options.storeUrl ?? (options.store === 'postgres' ? isolatedPostgresUrl() : undefined);
  const config: ServerConfig = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    ...(storeUrl !== undefined && { storeUrl }),
    accountId: options.accountId ?? '123456789012',
    enforcement: options.enforcement ?? 'on',
    allowReset: true,
    logLevel: 'silent',
    maxBodyBytes: 1024 * 1024,
    followIntervalMs: 100,
    tokenKeyRotationMs: 86_400_000,
    ...(options.oidc !== undefined && { oidc: options.oidc }),
    ...(options.clock !== undefined && { clock: options.clock }),
  };
  const env = {
    KEYCARD_ROOT_ACCESS_KEY_ID: ROOT_KEY_ID,
    KEYCARD_ROOT_SECRET_ACCESS_KEY: ROOT_SECRET,
    KEYCARD_MASTER_KEY: options.masterKey ?? TEST_MASTER_KEY,
  };
  const server = await startServer(config, env, pino({ level: 'silent' }));
  return {
    url: server.url,
    account: server.account,
    accessKeyId: ROOT_KEY_ID,
    secretAccessKey: ROOT_SECRET,
    dataDir,
    server,
    addAccount: async (account) => {
      const credentials = await createAccount({ dataDir, ...(storeUrl !== undefined && { storeUrl }) }, account, env);
      if (credentials === undefined) throw new Error(`account ${account} exists`);
      await server.refresh();
      return credentials;
    },
    reset: async () => {
      const response = await fetch(`${server.url}/_keycard/reset`, { method: 'POST' });
      if (response.status !== 200) throw new Error(`reset failed: ${response.status}`);
    },
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      // A node that created its own schema removes it; shared schemas are dropped by their test.
      if (options.storeUrl === undefined && storeUrl !== undefined) await dropIsolatedSchema(storeUrl);
    },
  };
};
