// Request ids for the envelopes' <RequestId> (§8.2, §8.3): random UUIDs, like AWS's.

import { randomUUID } from 'node:crypto';

export function newRequestId(): string {
  return randomUUID();
}
