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
 * How a pattern matches, decided once. Most IAM patterns are exact text, a prefix (`text*`), a suffix
 * (`*text`) or have only `*` wildcards, which native string search answers; only a `?` needs the general matcher.
 */
type Shape =
  | { readonly kind: 'exact' | 'prefix' | 'suffix'; readonly text: string }
  | { readonly kind: 'any' }
  /** Only `*` wildcards: the literal runs between them, found in order with indexOf. */
  | { readonly kind: 'stars'; readonly first: string; readonly middle: readonly string[]; readonly last: string }
  | { readonly kind: 'general'; readonly tokens: Tokens };

/** The literal runs between the stars of a pattern, or undefined when it has a `?`. */
const starRuns = ({ chars, kinds }: Tokens): string[] | undefined => {
  const runs: string[] = [];
  let runStart = 0;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === ONE) return undefined;
    if (kinds[i] === STAR) {
      runs.push(chars.slice(runStart, i));
      runStart = i + 1;
    }
  }
  runs.push(chars.slice(runStart));
  return runs;
};

/** The runs between the stars of a pattern without escapes or `?` (String.split is slow on this engine). */
const plainStarRuns = (pattern: string): string[] => {
  const runs: string[] = [];
  let runStart = 0;
  for (let star = pattern.indexOf('*'); star >= 0; star = pattern.indexOf('*', runStart)) {
    runs.push(pattern.slice(runStart, star));
    runStart = star + 1;
  }
  runs.push(runStart === 0 ? pattern : pattern.slice(runStart));
  return runs;
};

const shapeOf = (pattern: string): Shape => {
  // Without escapes, the runs are the pattern cut at its stars; tokens are built only when needed.
  const tokens = hasEscapes(pattern) ? tokenize(pattern) : undefined;
  const runs = tokens !== undefined ? starRuns(tokens) : pattern.includes('?') ? undefined : plainStarRuns(pattern);
  if (runs === undefined) return { kind: 'general', tokens: tokens ?? tokenize(pattern) };
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  if (runs.length === 1) return { kind: 'exact', text: first };
  if (runs.length === 2 && first === '' && last === '') return { kind: 'any' };
  if (runs.length === 2 && last === '') return { kind: 'prefix', text: first };
  if (runs.length === 2 && first === '') return { kind: 'suffix', text: last };
  return { kind: 'stars', first, middle: runs.slice(1, -1), last };
};

/**
 * Star-only matching of value[start, end): the first run at the start, the last at the end, and each run
 * between at its leftmost place after the one before — the leftmost place leaves the most room for the rest,
 * so if any placement works, this one does.
 */
const matchStars = (first: string, middle: readonly string[], last: string, value: string, start: number, end: number): boolean => {
  const limit = end - last.length;
  if (limit - start < first.length || !value.startsWith(first, start) || !value.endsWith(last, end)) return false;
  let pos = start + first.length;
  for (const run of middle) {
    const at = value.indexOf(run, pos);
    if (at < 0 || at + run.length > limit) return false;
    pos = at + run.length;
  }
  return true;
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
    case 'stars': {
      const { first, middle, last } = shape;
      return (value) => matchStars(first, middle, last, value, 0, value.length);
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
    case 'stars': {
      const { first, middle, last } = shape;
      return (value, start, end) => matchStars(first, middle, last, value, start, end);
    }
    case 'general': {
      const { tokens } = shape;
      return (value, start, end) => matchTokens(tokens, value, start, end);
    }
  }
};
