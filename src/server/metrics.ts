// Prometheus metrics for one node, in a registry of its own (no process-global state).
// Requests are tallied in plain maps on the hot path and turned into metrics only when scraped: a labelled
// prom-client inc() and observe() cost more than the rest of a cheap request's bookkeeping together.

import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

interface Tally {
  readonly labels: { service: string; action: string; code: string };
  count: number;
}

interface Latency {
  /** Per bucket, the observations at most its bound (not yet cumulative). */
  readonly buckets: number[];
  sum: number;
  count: number;
}

const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class ServerMetrics {
  readonly registry = new Registry();
  readonly denials = new Counter({
    name: 'keycard_authorization_denials_total',
    help: 'Authorization denials (enforced, and would-be denials in soft mode)',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });
  readonly #tallies = new Map<string, Tally>();
  readonly #latency = new Map<string, Latency>();

  constructor() {
    const tallies = this.#tallies;
    new Counter({
      name: 'keycard_requests_total',
      help: 'AWS API requests by service, action and result code',
      labelNames: ['service', 'action', 'code'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const tally of tallies.values()) this.inc(tally.labels, tally.count);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'keycard_' });
  }

  /** One answered AWS API request: its service, action, result code ("OK" or the error) and seconds taken. */
  recordRequest(service: string, action: string, code: string, seconds: number): void {
    const key = `${service}\n${action}\n${code}`;
    const tally = this.#tallies.get(key);
    if (tally === undefined) this.#tallies.set(key, { labels: { service, action, code }, count: 1 });
    else tally.count += 1;
    let latency = this.#latency.get(service);
    if (latency === undefined) {
      latency = { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#latency.set(service, latency);
    }
    const bucket = LATENCY_BUCKETS.findIndex((bound) => seconds <= bound);
    if (bucket >= 0) latency.buckets[bucket]! += 1;
    latency.sum += seconds;
    latency.count += 1;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<string> {
    const name = 'keycard_request_duration_seconds';
    const lines = [`# HELP ${name} AWS API request latency`, `# TYPE ${name} histogram`];
    for (const [service, latency] of this.#latency) {
      const label = `service="${escapeLabel(service)}"`;
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((bound, i) => {
        cumulative += latency.buckets[i]!;
        lines.push(`${name}_bucket{le="${bound}",${label}} ${cumulative}`);
      });
      lines.push(`${name}_bucket{le="+Inf",${label}} ${latency.count}`);
      lines.push(`${name}_sum{${label}} ${latency.sum}`);
      lines.push(`${name}_count{${label}} ${latency.count}`);
    }
    return `${(await this.registry.metrics()).trimEnd()}\n${lines.join('\n')}\n`;
  }
}
