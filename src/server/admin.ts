// Admin paths under /_keycard/: health, Prometheus metrics, and the state reset test suites use (only when
// started with --allow-reset).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerMetrics } from './metrics.js';

export interface AdminDeps {
  readonly metrics: ServerMetrics;
  readonly allowReset: boolean;
  readonly reset: () => Promise<void>;
  readonly account: string;
}

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
  if (path === '/_keycard/reset') {
    if (req.method !== 'POST') return json(res, 405, { error: 'use POST' });
    if (!deps.allowReset) return json(res, 403, { error: 'reset is disabled; start keycard serve with --allow-reset' });
    await deps.reset();
    json(res, 200, { status: 'reset' });
    return;
  }
  json(res, 404, { error: `no such admin path ${path}` });
};
