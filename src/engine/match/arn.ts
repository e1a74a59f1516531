// ARN patterns matched component by component (§2.2, §3.2 ArnLike): the first five colons split the ARN
// into partition, service, region, account and resource parts; a wildcard in the first five components
// cannot cross a colon, while the resource part may contain colons and slashes freely.

import { compileGlobRange, hasWildcard, unescapeLiteral, type Matcher, type RangeMatcher } from './glob.js';

/** Splits at the first five colons; undefined when there are fewer than six components. */
export const splitArn = (arn: string): string[] | undefined => {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
};

/** Offset just past the fifth colon, where the resource component starts; -1 when there are fewer colons. */
const resourceStart = (arn: string): number => {
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return -1;
    start = colon + 1;
  }
  return start;
};

/**
 * Compiles an ARN pattern (or `*`). A pattern with fewer than six components matches nothing but
 * the bare `*` (§2.2). Values are matched in place: the components are found by position, never copied.
 */
export const compileArnPattern = (pattern: string): Matcher => {
  if (pattern === '*') return () => true;
  const split = resourceStart(pattern);
  if (split < 0) return () => false;
  // The escapes (`${*}` …) hold no colon, so the head can be judged and unescaped as one piece.
  const head = pattern.slice(0, split);
  const resourcePart = pattern.slice(split);
  if (!hasWildcard(head)) {
    const headText = unescapeLiteral(head);
    if (!hasWildcard(resourcePart)) {
      const exact = headText + unescapeLiteral(resourcePart);
      return (value) => value === exact;
    }
    const stem = resourcePart.slice(0, -1);
    if (resourcePart.endsWith('*') && !hasWildcard(stem)) {
      const whole = headText + unescapeLiteral(stem);
      return (value) => value.startsWith(whole);
    }
    // The common case: only the resource part has wildcards. The prefix holds all five colons,
    // so a value that starts with it has six components.
    const resource = compileGlobRange(resourcePart);
    const prefixLength = headText.length;
    return (value) => value.startsWith(headText) && resource(value, prefixLength, value.length);
  }
  const heads: RangeMatcher[] = splitArn(pattern)!.slice(0, 5).map(compileGlobRange);
  const resource = compileGlobRange(resourcePart);
  return (value) => {
    let start = 0;
    for (let i = 0; i < 5; i++) {
      const colon = value.indexOf(':', start);
      if (colon < 0 || !heads[i]!(value, start, colon)) return false;
      start = colon + 1;
    }
    return resource(value, start, value.length);
  };
};
