// Tags on IAM entities (§6.3): at most 50, keys unique case-insensitively on users and roles (re-tagging
// replaces the value and keeps the new case), `aws:` reserved; and the condition keys a tagging request
// carries (aws:RequestTag/…, aws:TagKeys).

import type { ContextValueInput } from '../../engine/index.js';
import { AwsError, limitExceeded } from '../../domain/index.js';
import type { Tag } from './records.js';

export const MAX_TAGS = 50;

export const readTags = (value: unknown): Tag[] =>
  Array.isArray(value) ? value.map((t: { Key: string; Value?: string }) => ({ Key: t.Key, Value: t.Value ?? '' })) : [];

/** Rejects reserved and duplicate keys (compared case-insensitively). */
export const checkNewTags = (tags: readonly Tag[]): void => {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.Key.toLowerCase().startsWith('aws:')) {
      throw new AwsError('InvalidInput', `User-defined tag keys can't start with "aws:". Tag key: ${tag.Key}`);
    }
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) throw new AwsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key);
  }
};

/** Existing tags with the new ones applied: same key (any case) replaced, order kept, the limit enforced. */
export const mergeTags = (existing: readonly Tag[], added: readonly Tag[]): Tag[] => {
  checkNewTags(added);
  const merged = existing.filter((t) => !added.some((a) => a.Key.toLowerCase() === t.Key.toLowerCase()));
  merged.push(...added);
  if (merged.length > MAX_TAGS) throw limitExceeded(`Cannot exceed quota for TagsPerEntity: ${MAX_TAGS}.`);
  return merged;
};

export const removeTags = (existing: readonly Tag[], keys: readonly string[]): Tag[] => {
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !lower.has(t.Key.toLowerCase()));
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
