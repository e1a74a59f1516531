// `keycard accounts` and `keycard rotate-keys`: administration of a Keycard deployment's store, outside the API.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAccount, listAccounts, rotateTokenKeys, type AdminLocation } from '../server/index.js';
import { EXIT_OK, UsageError, type CliIo } from './io.js';

export const ACCOUNTS_USAGE = `Usage: keycard accounts create ACCOUNT_ID [--data-dir DIR] [--store LOCATION]
       keycard accounts list [--data-dir DIR] [--store LOCATION]

Creates an account (12 digits) with generated root credentials, printed once and saved with mode 0600 in
the data directory; or lists the accounts. Use the same --data-dir / --store as keycard serve (a running
node picks the new account up within a second).`;

/** The options every offline administration command shares: where the deployment's state lives. */
export const parseLocationArgs = (args: string[]): { help: boolean; location: AdminLocation; positionals: string[] } => {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, store: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  const location = { dataDir: resolve(values['data-dir'] ?? '.keycard'), ...(values.store !== undefined && { storeUrl: values.store }) };
  return { help: values.help === true, location, positionals };
};

export const runAccounts = async (args: string[], io: CliIo): Promise<number> => {
  const { help, location, positionals } = parseLocationArgs(args);
  if (help) {
    io.out(ACCOUNTS_USAGE);
    return EXIT_OK;
  }
  const [verb, account, ...rest] = positionals;
  if (verb === 'list' && account === undefined) {
    for (const id of await listAccounts(location, process.env)) io.out(id);
    return EXIT_OK;
  }
  if (verb !== 'create' || account === undefined || rest.length > 0) throw new UsageError('expected "create ACCOUNT_ID" or "list" (see keycard accounts --help)');
  if (!/^\d{12}$/.test(account)) throw new UsageError('ACCOUNT_ID must be 12 digits');
  const credentials = await createAccount(location, account, process.env);
  if (credentials === undefined) throw new UsageError(`account ${account} already exists`);
  io.out(
    [
      `Created account ${account}. Root credentials (shown once; also saved with mode 0600 in ${credentials.file}):`,
      `  AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`,
      `  AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`,
    ].join('\n'),
  );
  return EXIT_OK;
};

export const ROTATE_KEYS_USAGE = `Usage: keycard rotate-keys [--data-dir DIR] [--store LOCATION]

Starts a new key for sealing session tokens (keys also rotate daily). Sessions sealed with older keys stay
valid until they expire. Use the same --data-dir / --store as keycard serve.`;

export const runRotateKeys = async (args: string[], io: CliIo): Promise<number> => {
  const { help, location, positionals } = parseLocationArgs(args);
  if (help) {
    io.out(ROTATE_KEYS_USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new UsageError('rotate-keys takes no arguments (see keycard rotate-keys --help)');
  io.out(`New session-token key ${await rotateTokenKeys(location, process.env)} seals from now on.`);
  return EXIT_OK;
};
