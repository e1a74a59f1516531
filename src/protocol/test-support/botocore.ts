// Runs botocore-bridge.py: the protocol tests compare Keycard's wire format with what real botocore sends
// and how it parses what we answer. Needs python3 with botocore (the CI image has boto3).

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `model` (botocore's JSON form) replaces the installed model of `service`. */
export type BridgeRequest =
  | { readonly kind: 'serialize'; readonly service: string; readonly operation: string; readonly params: unknown; readonly model?: unknown }
  | { readonly kind: 'parse'; readonly service: string; readonly operation: string; readonly body: string; readonly status?: number; readonly model?: unknown }
  | { readonly kind: 'exceptionName'; readonly service: string; readonly code: string }
  | { readonly kind: 'quote'; readonly text: string };

export interface SerializedRequest {
  readonly method: string;
  readonly contentType: string;
  readonly body: string;
}

const SCRIPT = fileURLToPath(new URL('./botocore-bridge.py', import.meta.url));

/** Runs every request in one Python process; throws with botocore's message if any failed. */
export function botocore(requests: readonly BridgeRequest[]): unknown[] {
  const run = spawnSync('python3', [SCRIPT], { input: JSON.stringify(requests), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error !== undefined || run.status !== 0) {
    throw new Error(`botocore bridge failed (is python3 with botocore installed?): ${run.error?.message ?? run.stderr}`);
  }
  const { results } = JSON.parse(run.stdout) as { results: ({ ok: true; value: unknown } | { ok: false; error: string })[] };
  return results.map((result, index) => {
    if (!result.ok) throw new Error(`botocore request ${index} failed: ${result.error}`);
    return result.value;
  });
}
