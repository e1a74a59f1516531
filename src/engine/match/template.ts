// Policy variables (§3.6): `${key}` and `${key, 'default'}` in Resource entries and in String/ARN condition
// values of 2012-10-17 policies. Templates parse once; resolution substitutes request-context values as
// literal text (a `*` in a user's tag is not a wildcard), producing pattern text for glob/ARN matchers.

export interface VariableRef {
  /** Lower-cased context key: key names are case-insensitive. */
  readonly key: string;
  readonly defaultValue?: string;
}

/** Literal pattern text and variables, in order. */
export type TemplatePart = string | VariableRef;

export interface Template {
  readonly kind: 'template';
  readonly parts: readonly TemplatePart[];
}

/** Looks up a single-valued key; undefined when absent or multivalued (those cannot be variables). */
export type VariableLookup = (key: string) => string | undefined;

const VARIABLE = /\$\{([^{}]*)\}/g;
const REFERENCE = /^\s*([^\s,'{}$]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/** Escapes text so that pattern matchers treat every character literally. */
export const escapePattern = (text: string): string =>
  /[*?$]/.test(text) ? text.replace(/[*?$]/g, (c) => '${' + c + '}') : text;

/**
 * Parses pattern text. Without variables (policy Version 2008-10-17) there are no escapes either: every
 * `$` is made literal. Returns the text itself when it holds no variable.
 */
export const parseTemplate = (text: string, hasVariables: boolean): string | Template => {
  if (!hasVariables) return text.includes('$') ? text.replace(/\$/g, '${$}') : text;
  if (!text.includes('${')) return text;
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    const inner = match[1]!;
    if (inner === '*' || inner === '?' || inner === '$') continue; // escapes stay in the pattern text
    const reference = REFERENCE.exec(inner);
    if (reference === null) continue; // not a variable: literal text
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    const key = reference[1]!.toLowerCase();
    parts.push(reference[2] === undefined ? { key } : { key, defaultValue: reference[2] });
    last = start + match[0].length;
  }
  if (parts.length === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return { kind: 'template', parts };
};

/** The variables a template uses (for explanations and missing-key reports). */
export const templateKeys = (template: Template): string[] =>
  template.parts.flatMap((part) => (typeof part === 'string' ? [] : [part.key]));

/**
 * Substitutes variables. Returns undefined when a variable has neither a value nor a default: the whole
 * value is then "null" (§3.3) — a Resource entry matches nothing, a positive operator does not match.
 */
export const resolveTemplate = (template: Template, lookup: VariableLookup): string | undefined => {
  let text = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = lookup(part.key) ?? part.defaultValue;
    if (value === undefined) return undefined;
    text += escapePattern(value);
  }
  return text;
};
