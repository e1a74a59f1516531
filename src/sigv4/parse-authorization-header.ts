// Parses `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` (§7.1 item 4).
// Anything malformed is IncompleteSignature (§7.3); AWS's exact texts are unverified, so ours are short.

import { ALGORITHM } from './algorithm.js';
import { CREDENTIAL_SHAPE, parseCredential, type Credential } from './credential.js';
import { incompleteSignature, type SigV4Failure } from './failure.js';
import { parseSignedHeaders } from './signed-headers.js';

export type AuthorizationHeader = {
  readonly credential: Credential;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
};

const COMPONENTS = ['Credential', 'SignedHeaders', 'Signature'] as const;
type Component = (typeof COMPONENTS)[number];
const isComponent = (key: string): key is Component => (COMPONENTS as readonly string[]).includes(key);

export const parseAuthorizationHeader = (
  header: string,
): { kind: 'ok'; value: AuthorizationHeader } | { kind: 'error'; failure: SigV4Failure } => {
  const fail = (message: string) => ({ kind: 'error' as const, failure: incompleteSignature(message) });
  const text = header.trim();
  const space = text.indexOf(' ');
  const algorithm = space < 0 ? text : text.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return fail(`Unsupported Authorization algorithm '${algorithm.slice(0, 40)}'; expected '${ALGORITHM}'.`);
  }
  const found = new Map<Component, string>();
  // AWS writes ", " between components; accept a bare "," too, as the SDKs' own parsers do.
  const rest = space < 0 ? '' : text.slice(space + 1);
  for (const piece of rest.split(',')) {
    const part = piece.trim();
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = equals < 0 ? part : part.slice(0, equals);
    if (!isComponent(key)) return fail(`Authorization header has an unexpected component '${key.slice(0, 40)}'.`);
    if (equals < 0) return fail(`Authorization header component '${key}' has no value.`);
    if (found.has(key)) return fail(`Authorization header repeats the '${key}' component.`);
    found.set(key, part.slice(equals + 1));
  }
  const missing = COMPONENTS.filter((key) => !found.get(key));
  if (missing.length > 0) {
    return fail(missing.map((key) => `Authorization header requires '${key}' parameter.`).join(' '));
  }
  const credential = parseCredential(found.get('Credential')!);
  if (credential === undefined) {
    return fail(`Authorization header's Credential is malformed; expecting "${CREDENTIAL_SHAPE}".`);
  }
  const signedHeaders = parseSignedHeaders(found.get('SignedHeaders')!);
  if (signedHeaders === undefined) {
    return fail("Authorization header's SignedHeaders must be header names separated by ';'.");
  }
  return { kind: 'ok', value: { credential, signedHeaders, signature: found.get('Signature')! } };
};
