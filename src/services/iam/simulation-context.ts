// The policy simulator's request context and context keys: ContextEntries become the only condition keys
// a simulation has (the simulator derives none, not even aws:username or aws:CurrentTime), and the keys
// the policies use are listed for GetContextKeysFor*Policy and MissingContextValues.

import type { ContextEntry, Policy } from '../../engine/index.js';
import { invalidInput } from '../../domain/index.js';

/** The simulator's ContextEntry member (model shape ContextEntry). */
export interface ContextEntryInput {
  readonly ContextKeyName?: string;
  readonly ContextKeyValues?: readonly string[];
  readonly ContextKeyType?: string;
}

/**
 * ContextEntries as the engine's context, keyed by lower-cased name (key names are case-insensitive, §3.1).
 * A `…List` type makes the key multivalued (§3.4); so do several values of a scalar type, which cannot be
 * one value. Values are not checked against the type: a condition operator judges its own values, and one
 * that does not parse never matches, as in a real request. A later entry for the same key replaces an
 * earlier one.
 */
export const contextFromEntries = (entries: unknown): Map<string, ContextEntry> => {
  const context = new Map<string, ContextEntry>();
  if (!Array.isArray(entries)) return context;
  for (const entry of entries as ContextEntryInput[]) {
    const name = entry.ContextKeyName;
    if (typeof name !== 'string') throw invalidInput('Each context entry must have a ContextKeyName.');
    const values = entry.ContextKeyValues ?? [];
    const isList = entry.ContextKeyType?.endsWith('List') ?? false;
    context.set(name.toLowerCase(), { values, isMultivalued: isList || values.length !== 1 });
  }
  return context;
};

// Policy variables as the engine reads them (§3.6): `${key}` or `${key, 'default'}`; `${*}`, `${?}` and
// `${$}` are escapes, not variables. Variables exist only in 2012-10-17 policies, in Resource entries and
// in the values of String and ARN conditions.
const VARIABLE = /\$\{([^{}]*)\}/g;
const REFERENCE = /^\s*([^\s,'{}$]+)\s*(?:,\s*'[^']*'\s*)?$/;

const variablesIn = (text: string): string[] => {
  const keys: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const reference = REFERENCE.exec(match[1]!);
    if (reference !== null) keys.push(reference[1]!);
  }
  return keys;
};

const takesVariables = (baseOperator: string): boolean => baseOperator.startsWith('String') || baseOperator.startsWith('Arn');

/**
 * The context keys one policy uses, as written, in document order statement by statement: the variables
 * of its Resource entries, then each condition's key followed by the variables in its values (AWS's CLI
 * example lists `aws:username` from a Resource before `aws:CurrentTime` from the Condition).
 */
export const contextKeysOf = (policy: Policy): string[] => {
  const hasVariables = policy.version === '2012-10-17';
  const keys: string[] = [];
  for (const statement of policy.statements) {
    if (hasVariables) for (const pattern of statement.resource?.patterns ?? []) keys.push(...variablesIn(pattern));
    for (const clause of statement.conditions) {
      keys.push(clause.key);
      if (hasVariables && takesVariables(clause.baseOperator)) for (const value of clause.values) keys.push(...variablesIn(value));
    }
  }
  return keys;
};

/**
 * The keys of several policies, each once: names compare case-insensitively (§3.1), and the first
 * spelling met is the one returned.
 */
export const distinctContextKeys = (policies: readonly Policy[]): string[] => {
  const seen = new Map<string, string>();
  for (const policy of policies) {
    for (const key of contextKeysOf(policy)) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  }
  return [...seen.values()];
};
