// The master key that seals secrets at rest (DESIGN decision 5): KEYCARD_MASTER_KEY (base64 or hex of 32
// bytes), else a key file generated once in the data directory with mode 0600.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const decodeKey = (text: string, source: string): Buffer => {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes as base64 or 64 hex digits`);
  return key;
};

export const loadMasterKey = (dataDir: string, env: NodeJS.ProcessEnv): Buffer => {
  if (env.KEYCARD_MASTER_KEY) return decodeKey(env.KEYCARD_MASTER_KEY, 'KEYCARD_MASTER_KEY');
  const path = join(dataDir, 'master.key');
  if (existsSync(path)) return decodeKey(readFileSync(path, 'utf8'), path);
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
};
