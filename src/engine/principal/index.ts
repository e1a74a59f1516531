// Request principals and how Principal / NotPrincipal elements match them.

export {
  PRINCIPAL_TYPES,
  principalAccount,
  principalDisplayArn,
  type PrincipalType,
  type RequestPrincipal,
} from './request-principal.js';
export {
  PRINCIPAL_MATCH_RANK,
  accountOfEntry, bestMatch, isExemptFromNotPrincipal, matchEntry, type PrincipalMatch } from './match-principal.js';
