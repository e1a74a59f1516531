// HTTP wiring: request → SigV4 → Query protocol → service → response. Composition only.

export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  DEFAULT_TOKEN_KEY_ROTATION_MS,
  type ServerConfig,
} from './config.js';
export { displayLocation, startServer, type RunningServer } from './server.js';
export { createAccount, listAccounts, rotateTokenKeys, type AdminLocation } from './accounts.js';
