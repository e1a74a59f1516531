// Starts a Keycard node: storage, state, the HTTP(S) listener; and stops it gracefully (in-flight requests
// finish, then the store closes).

import { mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SecretBox } from '../domain/index.js';
import { Authorizer, ManagedCatalogue } from '../services/index.js';
import { Snapshot } from '../state/index.js';
import { openStore } from '../store/index.js';
import { IssuerKeys, KeyRing, oidcFetchConfig } from '../sts/index.js';
import { ensureAccount, type RootCredentials } from './bootstrap.js';
import type { ServerConfig } from './config.js';
import { CredentialResolver } from './credentials.js';
import { AccessKeyUsage } from './key-usage.js';
import { createRequestHandler } from './handler.js';
import { loadMasterKey } from './master-key.js';
import { ServerMetrics } from './metrics.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly account: string;
  readonly dataLocation: string;
  readonly rootCredentials: RootCredentials | undefined;
  /** Reads the change feed now rather than at the next poll (other nodes' and tools' writes). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

const storeLocation = (config: ServerConfig): string => config.storeUrl ?? join(config.dataDir, 'keycard.db');

/** A URL safe to print: any password in a postgres:// URL is masked. */
export const displayLocation = (location: string): string => location.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1****@');

export const startServer = async (config: ServerConfig, env: NodeJS.ProcessEnv, log: Logger): Promise<RunningServer> => {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secrets = new SecretBox(loadMasterKey(config.dataDir, env));
  const location = storeLocation(config);
  const store = await openStore(location);
  await store.migrate();
  const rootCredentials = await ensureAccount(store, secrets, config.accountId, config.dataDir, env);
  const state = new Snapshot(store);
  await state.load();
  state.follow(config.followIntervalMs, (error) => log.error({ err: error }, 'change feed poll failed'));

  const keyRing = new KeyRing(store, state, secrets, { rotationMs: config.tokenKeyRotationMs });
  const oidc = oidcFetchConfig(config.oidc, env);
  const issuerKeys = new IssuerKeys({
    ...(oidc.caFile !== undefined && { extraCa: [readFileSync(oidc.caFile, 'utf8')] }),
    ...(oidc.connectTo !== undefined && { connectTo: oidc.connectTo }),
  });
  const metrics = new ServerMetrics();
  const catalogue = new ManagedCatalogue();
  const authorizer = new Authorizer(state, catalogue, config.enforcement, (denial) => {
    metrics.denials.inc({ mode: 'soft' });
    log.warn(
      { caller: denial.caller, action: denial.action, resource: denial.resource, decision: denial.decision },
      'soft enforcement: this request would have been denied',
    );
  }, secrets);
  let publicUrl = config.publicUrl ?? '';
  const keyUsage = new AccessKeyUsage(state, store, log);
  const handler = createRequestHandler({
    config,
    store,
    state,
    secrets,
    catalogue,
    authorizer,
    credentials: new CredentialResolver(state, secrets, keyRing),
    keyUsage,
    keyRing,
    issuerKeys,
    metrics,
    log,
    reset: async () => {
      await store.wipe();
      await ensureAccount(store, secrets, config.accountId, config.dataDir, env);
      await state.load();
    },
    publicUrl: () => publicUrl,
  });

  const server: Server = config.tls
    ? createHttpsServer({ cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) }, handler)
    : createHttpServer(handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;
  publicUrl ||= url;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    account: config.accountId,
    dataLocation: displayLocation(location),
    rootCredentials,
    refresh: () => state.catchUp(),
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await keyUsage.settled(); // last-use records in flight are written before the store closes
        state.stop();
        await store.close();
      })();
      return closing;
    },
  };
};
