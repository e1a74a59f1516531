// OpenID Connect federation (§5.9): issuer keys fetched and cached per node, and token verification.

export { IssuerKeys, type IssuerKeysOptions } from './issuer-keys.js';
export { oidcFetchConfig, parseConnectTo, type OidcFetchConfig } from './settings.js';
export {
  CLOCK_SKEW_SECONDS,
  OIDC_ALGORITHMS,
  verifyWebIdentityToken,
  type OidcProviderRef,
  type VerifiedWebIdentity,
  type VerifyTokenOptions,
} from './verify-token.js';
