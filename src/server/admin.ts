// Paths under /_keycard/: health, Prometheus metrics, the state reset test suites use (only when started with
// --allow-reset), and the OIDC discovery document and keys of each account's outbound-federation issuer.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountByIssuerId, ISSUER_PATH_PREFIX, TOKEN_SIGNING_ALGORITHMS } from '../services/index.js';
import type { Snapshot } from '../state/index.js';
import type { ServerMetrics } from './metrics.js';

export interface AdminDeps {
  readonly metrics: ServerMetrics;
  readonly allowReset: boolean;
  readonly reset: () => Promise<void>;
  readonly account: string;
  readonly state: Snapshot;
}

const DISCOVERY = '/.well-known/openid-configuration';
const JWKS = '/.well-known/jwks.json';

/**
 * An issuer's discovery document or key set, public like any OIDC issuer's. Served while the issuer exists,
 * also with the feature disabled, so tokens already issued can be checked until they expire.
 */
const serveIssuer = (res: ServerResponse, path: string, deps: AdminDeps): boolean => {
  const rest = path.slice(ISSUER_PATH_PREFIX.length);
  const document = rest.endsWith(DISCOVERY) ? 'discovery' : rest.endsWith(JWKS) ? 'jwks' : undefined;
  if (document === undefined) return false;
  const issuerId = rest.slice(0, rest.length - (document === 'discovery' ? DISCOVERY : JWKS).length);
  const found = accountByIssuerId(deps.state, issuerId);
  if (found === undefined) return false;
  const { issuer } = found.federation;
  if (document === 'jwks') {
    json(res, 200, { keys: found.federation.keys.map((key) => key.publicJwk) });
  } else {
    json(res, 200, {
      issuer,
      jwks_uri: `${issuer}${JWKS}`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [...TOKEN_SIGNING_ALGORITHMS],
    });
  }
  return true;
};

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

export const handleAdmin = async (req: IncomingMessage, res: ServerResponse, path: string, deps: AdminDeps): Promise<void> => {
  if (path === '/_keycard/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    json(res, 200, { status: 'ok', account: deps.account });
    return;
  }
  if (path === '/_keycard/metrics' && req.method === 'GET') {
    const text = await deps.metrics.render();
    res.writeHead(200, { 'content-type': deps.metrics.contentType });
    res.end(text);
    return;
  }
  if (path.startsWith(ISSUER_PATH_PREFIX) && (req.method === 'GET' || req.method === 'HEAD') && serveIssuer(res, path, deps)) return;
  if (path === '/_keycard/reset') {
    if (req.method !== 'POST') return json(res, 405, { error: 'use POST' });
    if (!deps.allowReset) return json(res, 403, { error: 'reset is disabled; start keycard serve with --allow-reset' });
    await deps.reset();
    json(res, 200, { status: 'reset' });
    return;
  }
  json(res, 404, { error: `no such admin path ${path}` });
};
