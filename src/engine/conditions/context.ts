// The request context as conditions see it: lower-cased key names (key names are case-insensitive, §3.1)
// mapped to their values. A key given as a list is multivalued (§3.4).

export interface ContextEntry {
  readonly values: readonly string[];
  readonly isMultivalued: boolean;
}

/** Looked up by lower-cased key. A Map satisfies it; request builders may derive keys lazily. */
export interface RequestContext {
  get(key: string): ContextEntry | undefined;
  has(key: string): boolean;
}

/** A single-valued key's value, for policy variables; multivalued keys cannot be variables (§3.4). */
export const singleValue = (context: RequestContext, key: string): string | undefined => {
  const entry = context.get(key);
  return entry === undefined || entry.isMultivalued ? undefined : entry.values[0];
};
