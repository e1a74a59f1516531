// Session tags (§5.7): the tags a request passes, the transitive ones a role chain carries, and the condition
// keys they become. Keys compare case-insensitively; `aws:` is reserved; a passed key may not redefine an
// inherited transitive tag.

import type { ContextValueInput } from '../../engine/index.js';
import { AwsError } from '../../domain/index.js';
import type { SessionClaims } from '../../sts/index.js';
import type { Tag } from '../iam/records.js';

export const MAX_SESSION_TAGS = 50;

const invalid = (message: string): AwsError => new AwsError('InvalidParameterValue', message);

export interface SessionTags {
  /** What the new session carries: inherited transitive tags and the tags passed now. */
  readonly tags: Readonly<Record<string, string>>;
  readonly transitiveTagKeys: readonly string[];
  /** The tags passed in this request (aws:RequestTag/…, aws:TagKeys). */
  readonly passed: readonly Tag[];
  /** The transitive tags inherited from the calling role session. */
  readonly inherited: Readonly<Record<string, string>>;
}

/** The calling session's transitive tags (only role sessions pass tags along a chain, §5.7). */
export const inheritedTransitiveTags = (session: SessionClaims | undefined): Record<string, string> => {
  const inherited: Record<string, string> = {};
  if (session === undefined || session.principal.kind !== 'role-session') return inherited;
  const tags = session.tags ?? {};
  for (const key of session.transitiveTagKeys ?? []) {
    const found = Object.keys(tags).find((k) => k.toLowerCase() === key.toLowerCase());
    if (found !== undefined) inherited[found] = tags[found]!;
  }
  return inherited;
};

const readTagList = (value: unknown): Tag[] =>
  Array.isArray(value) ? value.map((t: { Key: string; Value?: string }) => ({ Key: t.Key, Value: t.Value ?? '' })) : [];

/** Checks the passed tags and transitive keys against the rules of §5.7 and merges in the inherited ones. */
export const readSessionTags = (input: Record<string, unknown>, inherited: Readonly<Record<string, string>>, allowTransitive: boolean): SessionTags => {
  const passed = readTagList(input.Tags);
  const transitive = Array.isArray(input.TransitiveTagKeys) ? (input.TransitiveTagKeys as string[]) : [];
  if (!allowTransitive && transitive.length > 0) throw invalid('TransitiveTagKeys are not supported by this operation.');
  const inheritedKeys = new Set(Object.keys(inherited).map((k) => k.toLowerCase()));
  const seen = new Set<string>();
  for (const tag of passed) {
    const key = tag.Key.toLowerCase();
    if (key.startsWith('aws:')) throw invalid(`Tag keys can't start with "aws:". Tag key: ${tag.Key}`);
    if (seen.has(key)) throw invalid('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    if (inheritedKeys.has(key)) throw invalid(`The tag key ${tag.Key} is already set by a transitive tag of the calling session and cannot be overridden.`);
    seen.add(key);
  }
  if (passed.length + inheritedKeys.size > MAX_SESSION_TAGS) {
    throw invalid(`A session can have at most ${MAX_SESSION_TAGS} tags, counting the transitive tags it inherits.`);
  }
  for (const key of transitive) {
    if (!seen.has(key.toLowerCase())) throw invalid(`The transitive tag key ${key} is not one of the session tags passed in the request.`);
  }
  const tags: Record<string, string> = { ...inherited };
  for (const tag of passed) tags[tag.Key] = tag.Value;
  const transitiveTagKeys = [...Object.keys(inherited), ...transitive.map((k) => passed.find((t) => t.Key.toLowerCase() === k.toLowerCase())!.Key)];
  return { tags, transitiveTagKeys: [...new Set(transitiveTagKeys)], passed, inherited };
};

/** aws:RequestTag/…, aws:TagKeys and sts:TransitiveTagKeys for the tags of a request (§3.8, §3.9). */
export const sessionTagContext = (tags: SessionTags, transitiveKeys: readonly string[]): Record<string, ContextValueInput> => {
  const context: Record<string, ContextValueInput> = {};
  for (const tag of tags.passed) context[`aws:RequestTag/${tag.Key}`] = tag.Value;
  if (tags.passed.length > 0) context['aws:TagKeys'] = tags.passed.map((t) => t.Key);
  if (transitiveKeys.length > 0) context['sts:TransitiveTagKeys'] = [...transitiveKeys];
  return context;
};

/** aws:ResourceTag/… while evaluating a trust policy: the role's tags, inherited transitive tags winning (§5.7). */
export const roleResourceTagContext = (roleTags: readonly Tag[], inherited: Readonly<Record<string, string>>): Record<string, ContextValueInput> => {
  const merged = new Map<string, Tag>();
  for (const tag of roleTags) merged.set(tag.Key.toLowerCase(), tag);
  for (const [Key, Value] of Object.entries(inherited)) merged.set(Key.toLowerCase(), { Key, Value });
  const context: Record<string, ContextValueInput> = {};
  for (const tag of merged.values()) context[`aws:ResourceTag/${tag.Key}`] = tag.Value;
  return context;
};
