// `keycard revoke-sessions ROLE_NAME`: revokes every session of a role issued until now, as AWS's console
// "Revoke active sessions" does (DESIGN decision 4) — by putting the AWSRevokeOlderSessions inline policy.

import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNT_ID } from '../server/index.js';
import { REVOKE_POLICY_NAME, revokeOlderSessions } from '../services/index.js';
import { openStore } from '../store/index.js';
import { EXIT_OK, UsageError, type CliIo } from './io.js';

export const REVOKE_USAGE = `Usage: keycard revoke-sessions ROLE_NAME [--account-id ID] [--data-dir DIR] [--store LOCATION]

Denies everything to the role's sessions issued before now: puts the inline role policy
${REVOKE_POLICY_NAME} (Deny * on * when aws:TokenIssueTime is earlier), as AWS's console does. Sessions
issued afterwards are unaffected. Use the same --data-dir / --store as keycard serve; the account defaults
to ${DEFAULT_ACCOUNT_ID}.`;

export const runRevoke = async (args: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'account-id': { type: 'string' },
      'data-dir': { type: 'string' },
      store: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(REVOKE_USAGE);
    return EXIT_OK;
  }
  const [roleName, ...rest] = positionals;
  if (roleName === undefined || rest.length > 0) throw new UsageError('expected one ROLE_NAME (see keycard revoke-sessions --help)');
  const account = values['account-id'] ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(account)) throw new UsageError('--account-id must be 12 digits');
  const store = await openStore(values.store ?? join(resolve(values['data-dir'] ?? '.keycard'), 'keycard.db'));
  try {
    await store.migrate();
    const now = new Date();
    if (!(await revokeOlderSessions(store, account, roleName, now))) throw new UsageError(`account ${account} has no role named ${roleName}`);
    io.out(`Revoked the sessions of role ${roleName} (account ${account}) issued before ${now.toISOString()}: policy ${REVOKE_POLICY_NAME} put.`);
    return EXIT_OK;
  } finally {
    await store.close();
  }
};
