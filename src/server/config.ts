// How a Keycard node is started: listener, storage, account and enforcement settings.

import type { OidcFetchConfig } from '../sts/index.js';

export const DEFAULT_PORT = 4590;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_ACCOUNT_ID = '123456789012';
/** Request bodies above this are refused: the largest IAM document is 131,072 characters, URL-encoded. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Holds the SQLite database (unless storeUrl says otherwise), the master key file and root credentials. */
  readonly dataDir: string;
  /** A postgres:// URL, or a SQLite file path; default: keycard.db in dataDir. */
  readonly storeUrl?: string;
  readonly accountId: string;
  readonly enforcement: 'on' | 'soft';
  readonly allowReset: boolean;
  readonly tls?: { readonly cert: string; readonly key: string };
  /** The URL clients and token verifiers reach this node at (issuer URLs start with it); default: the listening URL. */
  readonly publicUrl?: string;
  readonly logLevel: string;
  readonly maxBodyBytes: number;
  /** How often to read other nodes' writes from the change feed. */
  readonly followIntervalMs: number;
  /** How long one session-token key seals new tokens before the next takes over. */
  readonly tokenKeyRotationMs: number;
  /**
   * How to reach OIDC issuers for AssumeRoleWithWebIdentity: extra CA certificates and connect-to overrides;
   * unset members come from KEYCARD_OIDC_CA_FILE and KEYCARD_OIDC_CONNECT_TO.
   */
  readonly oidc?: OidcFetchConfig;
  /** The node's clock (tests move it to expire sessions); default: the system clock. */
  readonly clock?: () => Date;
}

/** Session-token keys rotate daily (and on `keycard rotate-keys`). */
export const DEFAULT_TOKEN_KEY_ROTATION_MS = 24 * 60 * 60 * 1000;
