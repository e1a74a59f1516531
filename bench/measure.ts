// Throughput measurement: run a decision function in batches for a fixed time budget and count decisions.
// Every decision is checked against the expected one, which also keeps the work from being optimised away.

import type { Decision } from './scenarios.js';

/** A way of reaching a decision, sync (Keycard) or async (the peer's public API returns a Promise). */
export type Decide = { readonly kind: 'sync'; readonly decide: () => Decision } | { readonly kind: 'async'; readonly decide: () => Promise<Decision> };

export interface Sample {
  readonly decisions: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/** A batch runs this long at most, so the clock is read rarely and the budget is overshot by little. */
const BATCH_TARGET_NS = 10_000_000n;

async function runBatch(subject: Decide, count: number, expected: Decision, label: string): Promise<void> {
  if (subject.kind === 'sync') {
    const decide = subject.decide;
    for (let i = 0; i < count; i++) {
      if (decide() !== expected) throw mismatch(label, expected);
    }
    return;
  }
  const decide = subject.decide;
  for (let i = 0; i < count; i++) {
    if ((await decide()) !== expected) throw mismatch(label, expected);
  }
}

function mismatch(label: string, expected: Decision): Error {
  return new Error(`${label}: a decision differed from ${expected} during the timed run`);
}

/**
 * Warms the function up for `seconds` and returns a batch size that takes about BATCH_TARGET_NS.
 * The batch size only bounds how often the clock is read; it does not change what is measured.
 */
export async function warmUp(subject: Decide, expected: Decision, seconds: number, label: string): Promise<number> {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let batch = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    await runBatch(subject, batch, expected, label);
    const now = process.hrtime.bigint();
    if (now - start < BATCH_TARGET_NS / 2n) batch *= 2;
    else if (now - start > BATCH_TARGET_NS * 2n && batch > 1) batch = Math.floor(batch / 2);
    if (now >= end) return batch;
  }
}

/** Runs whole batches until `seconds` have passed; the rate is decisions over the measured time. */
export async function measure(subject: Decide, expected: Decision, seconds: number, batch: number, label: string): Promise<Sample> {
  const budget = BigInt(Math.round(seconds * 1e9));
  let decisions = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < budget) {
    await runBatch(subject, batch, expected, label);
    decisions += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  const secondsTaken = Number(elapsed) / 1e9;
  return { decisions, seconds: secondsTaken, perSecond: decisions / secondsTaken };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
