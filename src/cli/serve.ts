// `keycard serve`: runs a Keycard node until SIGINT/SIGTERM, then shuts down gracefully.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  DEFAULT_TOKEN_KEY_ROTATION_MS,
  startServer,
  type RunningServer,
  type ServerConfig,
} from '../server/index.js';
import { EXIT_OK, UsageError, type CliIo } from './io.js';

export const SERVE_USAGE = `Usage: keycard serve [options]

Runs the AWS IAM and STS endpoint. Point the aws CLI or an SDK at it with AWS_ENDPOINT_URL.

Options:
  --port N              listen port (default ${DEFAULT_PORT})
  --host ADDRESS        listen address (default ${DEFAULT_HOST}; loopback only unless told otherwise)
  --data-dir DIR        where the SQLite database, master key and root credentials live (default .keycard)
  --store LOCATION      a postgres:// URL to share state between nodes, or a SQLite file path
  --account-id ID       the default account (default ${DEFAULT_ACCOUNT_ID})
  --enforcement MODE    on (default) or soft: allow what policies deny, log each such denial with its explanation
  --allow-reset         enable POST /_keycard/reset (wipes all state; for test suites)
  --tls-cert FILE       serve HTTPS with this certificate …
  --tls-key FILE        … and this private key
  --public-url URL      where clients and token verifiers reach this node, if not at its listening address
                        (the base of outbound-federation issuer URLs; a path prefix needs a proxy that strips it)
  --log-level LEVEL     fatal, error, warn, info (default), debug
Environment: KEYCARD_ROOT_ACCESS_KEY_ID / KEYCARD_ROOT_SECRET_ACCESS_KEY (root credentials to use),
KEYCARD_MASTER_KEY (32 bytes, base64 or hex; default: a generated key file in the data directory),
KEYCARD_OIDC_CA_FILE (PEM CA certificates to trust, beside the system roots, when fetching OIDC issuers' keys),
KEYCARD_OIDC_CONNECT_TO (host=address:port,…: where to reach an OIDC issuer host, as curl's --connect-to).`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  store: { type: 'string' },
  'account-id': { type: 'string' },
  enforcement: { type: 'string' },
  'allow-reset': { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'public-url': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** An http(s) URL with no credentials, query or fragment; returned without a trailing slash. */
const checkPublicUrl = (text: string): string => {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new UsageError('--public-url must be an http:// or https:// URL without credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
};

export const parseServeArgs = (args: string[]): ServerConfig | 'help' => {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (see keycard serve --help)`);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
  const accountId = values['account-id'] ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new UsageError('--account-id must be 12 digits');
  const enforcement = values.enforcement ?? 'on';
  if (enforcement !== 'on' && enforcement !== 'soft') throw new UsageError('--enforcement must be "on" or "soft"');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together');
  }
  const publicUrl = values['public-url'] === undefined ? undefined : checkPublicUrl(values['public-url']);
  const logLevel = values['log-level'] ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new UsageError('--log-level must be one of fatal, error, warn, info, debug, trace, silent');
  }
  return {
    host: values.host ?? DEFAULT_HOST,
    port,
    dataDir: resolve(values['data-dir'] ?? '.keycard'),
    ...(values.store !== undefined && { storeUrl: values.store }),
    accountId,
    enforcement,
    allowReset: values['allow-reset'] === true,
    ...(values['tls-cert'] !== undefined && { tls: { cert: values['tls-cert'], key: values['tls-key']! } }),
    ...(publicUrl !== undefined && { publicUrl }),
    logLevel,
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    followIntervalMs: 250,
    tokenKeyRotationMs: DEFAULT_TOKEN_KEY_ROTATION_MS,
  };
};

export const banner = (server: RunningServer, config: ServerConfig, version: string): string => {
  const root = server.rootCredentials;
  const lines = [
    `Keycard ${version} is serving IAM and STS at ${server.url}`,
    `  account      ${server.account}`,
    `  data         ${server.dataLocation}`,
    `  enforcement  ${config.enforcement === 'on' ? 'on — every request is authorized' : 'soft — policies deny nothing; would-be denials are logged'}`,
  ];
  if (root?.isNew) {
    lines.push(
      '',
      `  Root credentials (shown once; also saved with mode 0600 in ${root.file}):`,
      `    AWS_ACCESS_KEY_ID=${root.accessKeyId}`,
      `    AWS_SECRET_ACCESS_KEY=${root.secretAccessKey}`,
    );
  }
  lines.push(
    '',
    '  Point the aws CLI at it:',
    `    export AWS_ENDPOINT_URL=${server.url} AWS_DEFAULT_REGION=us-east-1`,
    root === undefined
      ? '    export AWS_ACCESS_KEY_ID=<root key id> AWS_SECRET_ACCESS_KEY=<root secret>   (see root-credentials-*.json)'
      : root.isNew
        ? `    export AWS_ACCESS_KEY_ID=${root.accessKeyId} AWS_SECRET_ACCESS_KEY=<the secret above>`
        : `    export AWS_ACCESS_KEY_ID=${root.accessKeyId} AWS_SECRET_ACCESS_KEY="$KEYCARD_ROOT_SECRET_ACCESS_KEY"`,
    '    aws sts get-caller-identity',
  );
  return lines.join('\n');
};

export const runServe = async (args: string[], io: CliIo, version: string): Promise<number> => {
  const config = parseServeArgs(args);
  if (config === 'help') {
    io.out(SERVE_USAGE);
    return EXIT_OK;
  }
  const log = pino({ level: config.logLevel, base: { service: 'keycard' } });
  const server = await startServer(config, process.env, log);
  io.out(banner(server, config, version));
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'shutting down: finishing in-flight requests');
      server.close().then(done, (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        done();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT_OK;
};
