// Wildcard patterns as IAM uses them: `*` matches any run of characters (including none, and `/` and `:`),
// `?` exactly one. `${*}`, `${?}` and `${$}` stand for the literal characters (§3.6). Patterns compile once;
// the general case is a linear-space greedy matcher, so no pattern can make matching blow up.

export type Matcher = (value: string) => boolean;

const LITERAL = 0;
const STAR = 1;
const ONE = 2;

interface Tokens {
  readonly chars: string;
  readonly kinds: Uint8Array;
}

/** Splits pattern text into characters and wildcard markers, resolving the `${x}` escapes. */
const tokenize = (pattern: string): Tokens => {
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
    kinds.push(c === '*' ? STAR : c === '?' ? ONE : LITERAL);
  }
  return { chars, kinds: Uint8Array.from(kinds) };
};

/** True when the pattern text contains an unescaped `*` or `?`. */
export const hasWildcard = (pattern: string): boolean => tokenize(pattern).kinds.some((k) => k !== LITERAL);

/** The literal text a pattern stands for when wildcards are not special (StringEquals and friends). */
export const unescapeLiteral = (pattern: string): string =>
  pattern.includes('${') ? tokenize(pattern).chars : pattern;

/** Greedy wildcard match with one backtrack point: O(len(pattern) × len(value)) at worst. */
const matchTokens = (chars: string, kinds: Uint8Array, value: string): boolean => {
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
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
  const { chars, kinds } = tokenize(pattern);
  const wildcards = kinds.reduce((n, k) => n + (k === LITERAL ? 0 : 1), 0);
  if (wildcards === 0) return (value) => value === chars;
  if (wildcards === 1 && kinds.length === 1 && kinds[0] === STAR) return () => true;
  const last = kinds.length - 1;
  if (wildcards === 1 && kinds[last] === STAR) {
    const prefix = chars.slice(0, last);
    return (value) => value.startsWith(prefix);
  }
  if (wildcards === 1 && kinds[0] === STAR) {
    const suffix = chars.slice(1);
    return (value) => value.endsWith(suffix);
  }
  return (value) => matchTokens(chars, kinds, value);
};
