// STS's machinery: session claims, sealed session tokens and the key ring that seals them.

export type { SessionClaims, SessionOrigin, SessionPrincipal } from './claims.js';
export { openSessionToken, sealSessionToken, tokenKeyId, type TokenKey } from './session-token.js';
export { KeyRing, KEY_RING_ACCOUNT, MAX_SESSION_MS, TOKEN_KEY_KIND, type KeyRingOptions } from './key-ring.js';
export { FederationError, type FederationErrorCode } from './federation-error.js';
export * from './oidc/index.js';
export * from './saml/index.js';
