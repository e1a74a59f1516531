// Administration outside the API (`keycard accounts …`, `keycard rotate-keys`): opens the same store and
// master key a node uses, so running nodes see the change through their change feed.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SecretBox } from '../domain/index.js';
import { KIND } from '../services/index.js';
import { Snapshot } from '../state/index.js';
import { KeyRing } from '../sts/index.js';
import { DEFAULT_TOKEN_KEY_ROTATION_MS } from './config.js';
import { openStore } from '../store/index.js';
import { ensureAccount, type RootCredentials } from './bootstrap.js';
import { loadMasterKey } from './master-key.js';

export interface AdminLocation {
  readonly dataDir: string;
  readonly storeUrl?: string;
}

const open = async (location: AdminLocation, env: NodeJS.ProcessEnv) => {
  mkdirSync(location.dataDir, { recursive: true, mode: 0o700 });
  const secrets = new SecretBox(loadMasterKey(location.dataDir, env));
  const store = await openStore(location.storeUrl ?? join(location.dataDir, 'keycard.db'));
  await store.migrate();
  return { secrets, store };
};

/** Creates an account with generated root credentials; undefined when it already exists. */
export const createAccount = async (
  location: AdminLocation,
  account: string,
  env: NodeJS.ProcessEnv,
): Promise<RootCredentials | undefined> => {
  const { secrets, store } = await open(location, env);
  try {
    if ((await store.getById(KIND.account, account)) !== undefined) return undefined;
    // Root credentials for a new account are always generated, never taken from the environment.
    const { KEYCARD_ROOT_ACCESS_KEY_ID: _id, KEYCARD_ROOT_SECRET_ACCESS_KEY: _secret, ...rest } = env;
    return await ensureAccount(store, secrets, account, location.dataDir, rest);
  } finally {
    await store.close();
  }
};

export const listAccounts = async (location: AdminLocation, env: NodeJS.ProcessEnv): Promise<string[]> => {
  const { store } = await open(location, env);
  try {
    return (await store.loadAll()).filter((r) => r.kind === KIND.account).map((r) => r.id).sort();
  } finally {
    await store.close();
  }
};

/** Starts a new session-token key now; tokens sealed with older keys stay valid until they expire. */
export const rotateTokenKeys = async (location: AdminLocation, env: NodeJS.ProcessEnv): Promise<string> => {
  const { secrets, store } = await open(location, env);
  try {
    const state = new Snapshot(store);
    await state.load();
    const key = await new KeyRing(store, state, secrets, { rotationMs: DEFAULT_TOKEN_KEY_ROTATION_MS }).rotate(Date.now());
    return key.id;
  } finally {
    await store.close();
  }
};
