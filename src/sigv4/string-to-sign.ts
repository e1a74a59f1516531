// The string to sign (§7.1 item 2): algorithm, request time, credential scope and the hash of the
// canonical request, with no trailing newline.

import { createHash } from 'node:crypto';
import { ALGORITHM } from './algorithm.js';
import { scopeText, type CredentialScope } from './credential.js';

/**
 * The canonical request is hashed as UTF-8, as botocore and the JavaScript SDK hash it. Both send header
 * text latin-1 encoded, which is how Node decodes it, so a header string arrives as the client held it.
 */
export const buildStringToSign = (amzDate: string, scope: CredentialScope, canonicalRequest: string): string => {
  const digest = createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  return [ALGORITHM, amzDate, scopeText(scope), digest].join('\n');
};
