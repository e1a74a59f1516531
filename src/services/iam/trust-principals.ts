// Unique-id binding of trust-policy principals (§2.3). When a trust policy names an IAM user or role, IAM
// keeps that entity's unique id: once the entity is deleted, even if one with the same name is created again,
// the entry names nobody until the policy is saved again, and reads show the raw unique id in its place.

import { parseJsonText, type JsonTree } from '../../engine/index.js';
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
  return replacePrincipalStrings(data.assumeRolePolicyDocument, stale);
};

/** Where each JSON string literal of an `AWS` principal starts, and its text as written. */
const awsPrincipalStrings = (root: JsonTree): Array<{ offset: number; value: string }> => {
  const found: Array<{ offset: number; value: string }> = [];
  const member = (node: JsonTree | undefined, key: string): JsonTree[] =>
    node?.kind === 'object' ? node.members.filter((m) => m.key === key).map((m) => m.value) : [];
  for (const statements of member(root, 'Statement')) {
    for (const statement of statements.kind === 'array' ? statements.items : [statements]) {
      for (const principal of member(statement, 'Principal')) {
        for (const aws of member(principal, 'AWS')) {
          for (const value of aws.kind === 'array' ? aws.items : [aws]) {
            if (value.kind === 'string' && value.offset !== undefined) found.push({ offset: value.offset, value: value.value });
          }
        }
      }
    }
  }
  return found;
};

/** The end of the string literal that starts at offset (just past its closing quote). */
const endOfString = (text: string, offset: number): number => {
  let at = offset + 1;
  while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
  return at + 1;
};

/**
 * The document with each stale principal string replaced in place; the rest of the text, condition values and
 * numbers as written included, stays byte for byte.
 */
const replacePrincipalStrings = (document: string, stale: ReadonlyMap<string, string>): string => {
  const parsed = parseJsonText(document);
  if (!parsed.ok) return document; // stored documents were validated on save
  let text = document;
  const targets = awsPrincipalStrings(parsed.value).filter((s) => stale.has(s.value)).sort((a, b) => b.offset - a.offset);
  for (const { offset, value } of targets) {
    text = text.slice(0, offset) + JSON.stringify(stale.get(value)) + text.slice(endOfString(text, offset));
  }
  return text;
};
