// Tags on IAM entities (§6.3): at most 50, `aws:` reserved; keys are unique case-insensitively on users and
// roles (re-tagging replaces the value and keeps the new case) and case-sensitively on every other taggable
// entity (policies, instance profiles, identity providers, MFA devices, server certificates). Also the
// condition keys a tagging request carries (aws:RequestTag/…, aws:TagKeys).

import type { ContextValueInput } from '../../engine/index.js';
import { AwsError, limitExceeded } from '../../domain/index.js';
import type { Tag } from './records.js';

export const MAX_TAGS = 50;

/** How an entity's tag keys compare: 'insensitive' for users and roles, 'sensitive' for the rest (§6.3). */
export type TagKeyCase = 'insensitive' | 'sensitive';

const keyOf = (key: string, keyCase: TagKeyCase): string => (keyCase === 'insensitive' ? key.toLowerCase() : key);

export const readTags = (value: unknown): Tag[] =>
  Array.isArray(value) ? value.map((t: { Key: string; Value?: string }) => ({ Key: t.Key, Value: t.Value ?? '' })) : [];

/** Rejects reserved keys and keys given twice. */
export const checkNewTags = (tags: readonly Tag[], keyCase: TagKeyCase = 'insensitive'): void => {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.Key.toLowerCase().startsWith('aws:')) {
      throw new AwsError('InvalidInput', `User-defined tag keys can't start with "aws:". Tag key: ${tag.Key}`);
    }
    const key = keyOf(tag.Key, keyCase);
    if (seen.has(key)) {
      throw new AwsError(
        'InvalidInput',
        keyCase === 'insensitive' ? 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' : 'Duplicate tag keys found.',
      );
    }
    seen.add(key);
  }
};

/** Existing tags with the new ones applied: the same key replaced, order kept, the limit enforced. */
export const mergeTags = (existing: readonly Tag[], added: readonly Tag[], keyCase: TagKeyCase = 'insensitive'): Tag[] => {
  checkNewTags(added, keyCase);
  const addedKeys = new Set(added.map((a) => keyOf(a.Key, keyCase)));
  const merged = existing.filter((t) => !addedKeys.has(keyOf(t.Key, keyCase)));
  merged.push(...added);
  if (merged.length > MAX_TAGS) throw limitExceeded(`Cannot exceed quota for TagsPerEntity: ${MAX_TAGS}.`);
  return merged;
};

export const removeTags = (existing: readonly Tag[], keys: readonly string[], keyCase: TagKeyCase = 'insensitive'): Tag[] => {
  const removed = new Set(keys.map((k) => keyOf(k, keyCase)));
  return existing.filter((t) => !removed.has(keyOf(t.Key, keyCase)));
};

/** aws:RequestTag/KEY for each tag and aws:TagKeys (multivalued) (§3.8). */
export const requestTagContext = (tags: readonly Tag[]): Record<string, ContextValueInput> => {
  const context: Record<string, ContextValueInput> = {};
  for (const tag of tags) context[`aws:RequestTag/${tag.Key}`] = tag.Value;
  if (tags.length > 0) context['aws:TagKeys'] = tags.map((t) => t.Key);
  return context;
};

/** aws:ResourceTag/KEY (and iam:ResourceTag/KEY) for the entity acted on (§3.9). */
export const resourceTagContext = (tags: readonly Tag[]): Record<string, ContextValueInput> => {
  const context: Record<string, ContextValueInput> = {};
  for (const tag of tags) {
    context[`aws:ResourceTag/${tag.Key}`] = tag.Value;
    context[`iam:ResourceTag/${tag.Key}`] = tag.Value;
  }
  return context;
};

export const tagsOutput = (tags: readonly Tag[]): Record<string, unknown> => (tags.length > 0 ? { Tags: tags } : {});
