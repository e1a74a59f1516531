// Checks the credential scope against the request and the endpoint (§7.1 item 5, §7.3), with AWS's texts.
// The scope is checked before the signature, so a wrong scope gets a precise message rather than a mismatch.

import type { CredentialScope } from './credential.js';
import { signatureDoesNotMatch, type SigV4Failure } from './failure.js';

export type ScopeExpectations = {
  readonly requestAmzDate: string;
  readonly expectedService: string | undefined;
  readonly expectedRegion: string | undefined;
};

/** In credential order: date, region, service, terminator. AWS's code for the date case is unverified (§7.3). */
export const checkScope = (scope: CredentialScope, expected: ScopeExpectations): SigV4Failure | undefined => {
  if (scope.date !== expected.requestAmzDate.slice(0, 8)) {
    return signatureDoesNotMatch(
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP',
    );
  }
  if (expected.expectedRegion !== undefined && scope.region !== expected.expectedRegion) {
    return signatureDoesNotMatch(`Credential should be scoped to a valid Region, not ${scope.region}`);
  }
  if (expected.expectedService !== undefined && scope.service !== expected.expectedService) {
    return signatureDoesNotMatch(`Credential should be scoped to correct service: '${expected.expectedService}'`);
  }
  if (scope.terminator !== 'aws4_request') {
    return signatureDoesNotMatch("Credential should be scoped with a valid terminator: 'aws4_request'");
  }
  return undefined;
};
