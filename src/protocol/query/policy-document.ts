// IAM returns policy documents percent-encoded (§8.4); botocore's after-call.iam handler undoes it with
// urllib's unquote (not unquote_plus) and json.loads, so the encoding must be RFC 3986: space is %20.

import { wellFormed } from '../xml/escape.js';

/** botocore decodes exactly the structure members whose target shape has this name (handlers.py). */
export const POLICY_DOCUMENT_SHAPE = 'policyDocumentType';

/** RFC 3986 percent-encoding: encodeURIComponent, plus the sub-delimiters it leaves alone. */
export function encodePolicyDocument(text: string): string {
  return encodeURIComponent(wellFormed(text)).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
