// Model `pattern` traits are Java regular expressions checked with `String.matches()` (whole string).
// This turns one into an equivalent JavaScript RegExp; the models' patterns are all checked by a test.

// Escapes JavaScript's `u` mode accepts for a non-alphanumeric character (outside / inside a class).
const JS_ESCAPABLE = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);

/**
 * Java lets a backslash precede any non-alphanumeric character to mean the character itself (`\:`),
 * while the `u` flag (needed for `\p{L}`) rejects such identity escapes. Everything else in the models'
 * patterns — `\uXXXX`, `\p{…}`, `\w`, `\d`, lookahead — means the same in both.
 */
export function javaPatternToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      i += 1;
      if (/[A-Za-z0-9]/.test(next) || JS_ESCAPABLE.has(next) || (inClass && next === '-')) out += `\\${next}`;
      else out += next;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return out;
}

/** Compiles a model pattern for whole-string matching, as Java's `matches()` does. Throws if it cannot. */
export function compileJavaPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${javaPatternToJs(pattern)})$`, 'u');
}
