// Unique-id binding of trust-policy principals (§2.3). When a trust policy names an IAM user or role, IAM
// keeps that entity's unique id: once the entity is deleted, even if one with the same name is created again,
// the entry names nobody until the policy is saved again, and reads show the raw unique id in its place.

import { parseIamArn } from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import type { StoredRecord } from '../../store/index.js';
import { KIND, type RoleData } from './records.js';

/** Where an `AWS` principal value stands in this Keycard. */
export type NamedPrincipal =
  | { readonly kind: 'unchecked' } // not a user or role ARN, or an account Keycard does not hold
  | { readonly kind: 'missing' }
  | { readonly kind: 'entity'; readonly record: StoredRecord };

export const namedPrincipal = (state: Snapshot, value: string): NamedPrincipal => {
  const arn = parseIamArn(value);
  if (arn === undefined || (arn.type !== 'user' && arn.type !== 'role')) return { kind: 'unchecked' };
  if (state.get(KIND.account, arn.account) === undefined) return { kind: 'unchecked' };
  const record = state.byName(arn.account, arn.type === 'user' ? KIND.user : KIND.role, '', arn.name);
  // The path is part of the ARN: the right name under another path is a different principal.
  if (record === undefined || (record.data as { arn: string }).arn !== value) return { kind: 'missing' };
  return { kind: 'entity', record };
};

/**
 * The trust policy as it stands now: each user or role ARN whose entity is no longer the one bound at save
 * is replaced by the unique id bound then, which matches nobody. The stored text, byte for byte, when
 * nothing has gone stale.
 */
export const effectiveTrustPolicy = (state: Snapshot, data: RoleData): string => {
  const bound = data.trustPrincipalIds;
  if (bound === undefined) return data.assumeRolePolicyDocument;
  const stale = new Map<string, string>();
  for (const [arn, id] of Object.entries(bound)) {
    const now = namedPrincipal(state, arn);
    if (now.kind !== 'entity' || now.record.id !== id) stale.set(arn, id);
  }
  if (stale.size === 0) return data.assumeRolePolicyDocument;
  const document = JSON.parse(data.assumeRolePolicyDocument) as { Statement?: unknown };
  const replace = (value: unknown): unknown => (typeof value === 'string' ? (stale.get(value) ?? value) : value);
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  for (const statement of statements) {
    const principal = (statement as { Principal?: unknown } | null)?.Principal;
    if (typeof principal !== 'object' || principal === null || !('AWS' in principal)) continue;
    const entry = principal as { AWS: unknown };
    entry.AWS = Array.isArray(entry.AWS) ? entry.AWS.map(replace) : replace(entry.AWS);
  }
  return JSON.stringify(document);
};
