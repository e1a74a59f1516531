// Wildcard patterns as IAM uses them: `*` matches any run of characters (including none, and `/` and `:`),
// `?` exactly one. `${*}`, `${?}` and `${$}` stand for the literal characters (§3.6). Patterns compile once;
// the general case is a linear-space greedy matcher, so no pattern can make matching blow up.

export type Matcher = (value: string) => boolean;

/** Matches the part of `value` from `start` to `end` (exclusive) without copying it out. */
export type RangeMatcher = (value: string, start: number, end: number) => boolean;

const LITERAL = 0;
const STAR = 1;
const ONE = 2;

/** Pattern text as characters, each with its kind; the `${x}` escapes resolved. */
interface Tokens {
  readonly chars: string;
  readonly kinds: Uint8Array;
}

/** Only `${` can start an escape; most patterns have none, and their characters are the pattern itself. */
const hasEscapes = (pattern: string): boolean => pattern.includes('${');

const kindOf = (c: string): number => (c === '*' ? STAR : c === '?' ? ONE : LITERAL);

/** Splits pattern text into characters and wildcard markers, resolving the `${x}` escapes. */
const tokenize = (pattern: string): Tokens => {
  if (!hasEscapes(pattern)) {
    const kinds = new Uint8Array(pattern.length);
    for (let i = 0; i < pattern.length; i++) kinds[i] = kindOf(pattern[i]!);
    return { chars: pattern, kinds };
  }
  let chars = '';
  const kinds: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '$' && pattern[i + 1] === '{' && pattern[i + 3] === '}') {
      const escaped = pattern[i + 2];
      if (escaped === '*' || escaped === '?' || escaped === '$') {
        chars += escaped;
        kinds.push(LITERAL);
        i += 3;
        continue;
      }
    }
    chars += c;
    kinds.push(kindOf(c));
  }
  return { chars, kinds: Uint8Array.from(kinds) };
};

/** True when the pattern text contains an unescaped `*` or `?`. */
export const hasWildcard = (pattern: string): boolean =>
  hasEscapes(pattern) ? tokenize(pattern).kinds.some((k) => k !== LITERAL) : pattern.includes('*') || pattern.includes('?');

/** The literal text a pattern stands for when wildcards are not special (StringEquals and friends). */
export const unescapeLiteral = (pattern: string): string => (hasEscapes(pattern) ? tokenize(pattern).chars : pattern);

/**
 * How a pattern matches, decided once: most IAM patterns are exact text, a prefix (`text*`) or a suffix
 * (`*text`), which plain string comparisons answer; only the rest need the general matcher.
 */
type Shape =
  | { readonly kind: 'exact' | 'prefix' | 'suffix'; readonly text: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'general'; readonly tokens: Tokens };

const shapeOf = (pattern: string): Shape => {
  if (!hasEscapes(pattern)) {
    const star = pattern.indexOf('*');
    const one = pattern.indexOf('?');
    if (star < 0 && one < 0) return { kind: 'exact', text: pattern };
    if (one < 0 && star === pattern.lastIndexOf('*')) {
      if (pattern.length === 1) return { kind: 'any' };
      if (star === pattern.length - 1) return { kind: 'prefix', text: pattern.slice(0, -1) };
      if (star === 0) return { kind: 'suffix', text: pattern.slice(1) };
    }
    return { kind: 'general', tokens: tokenize(pattern) };
  }
  const tokens = tokenize(pattern);
  const { chars, kinds } = tokens;
  const wildcards = kinds.reduce((n, k) => n + (k === LITERAL ? 0 : 1), 0);
  const last = kinds.length - 1;
  if (wildcards === 0) return { kind: 'exact', text: chars };
  if (wildcards === 1 && kinds.length === 1 && kinds[0] === STAR) return { kind: 'any' };
  if (wildcards === 1 && kinds[last] === STAR) return { kind: 'prefix', text: chars.slice(0, last) };
  if (wildcards === 1 && kinds[0] === STAR) return { kind: 'suffix', text: chars.slice(1) };
  return { kind: 'general', tokens };
};

/** Greedy wildcard match of value[start, end) with one backtrack point: O(len(pattern) × len(value)) at worst. */
const matchTokens = ({ chars, kinds }: Tokens, value: string, start: number, end: number): boolean => {
  let p = 0;
  let v = start;
  let starP = -1;
  let starV = 0;
  while (v < end) {
    const kind = kinds[p];
    if (p < chars.length && (kind === ONE || (kind === LITERAL && chars.charCodeAt(p) === value.charCodeAt(v)))) {
      p++;
      v++;
    } else if (p < chars.length && kind === STAR) {
      starP = p++;
      starV = v;
    } else if (starP >= 0) {
      p = starP + 1;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (p < chars.length && kinds[p] === STAR) p++;
  return p === chars.length;
};

/**
 * Compiles a case-sensitive wildcard pattern. Callers that want case-insensitive matching (actions)
 * lower-case both the pattern and the value.
 */
export const compileGlob = (pattern: string): Matcher => {
  const shape = shapeOf(pattern);
  switch (shape.kind) {
    case 'exact': {
      const { text } = shape;
      return (value) => value === text;
    }
    case 'any':
      return () => true;
    case 'prefix': {
      const { text } = shape;
      return (value) => value.startsWith(text);
    }
    case 'suffix': {
      const { text } = shape;
      return (value) => value.endsWith(text);
    }
    case 'general': {
      const { tokens } = shape;
      return (value) => matchTokens(tokens, value, 0, value.length);
    }
  }
};

/** compileGlob for a part of a value, e.g. one component of an ARN. */
export const compileGlobRange = (pattern: string): RangeMatcher => {
  const shape = shapeOf(pattern);
  switch (shape.kind) {
    case 'exact': {
      const { text } = shape;
      return (value, start, end) => end - start === text.length && value.startsWith(text, start);
    }
    case 'any':
      return () => true;
    case 'prefix': {
      const { text } = shape;
      return (value, start, end) => end - start >= text.length && value.startsWith(text, start);
    }
    case 'suffix': {
      const { text } = shape;
      return (value, start, end) => end - start >= text.length && value.endsWith(text, end);
    }
    case 'general': {
      const { tokens } = shape;
      return (value, start, end) => matchTokens(tokens, value, start, end);
    }
  }
};
