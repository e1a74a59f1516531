// Prometheus metrics for one node, in a registry of its own (no process-global state).

import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'keycard_requests_total',
    help: 'AWS API requests by service, action and result code',
    labelNames: ['service', 'action', 'code'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'keycard_request_duration_seconds',
    help: 'AWS API request latency',
    labelNames: ['service'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly denials = new Counter({
    name: 'keycard_authorization_denials_total',
    help: 'Authorization denials (enforced, and would-be denials in soft mode)',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'keycard_' });
  }
}
