// ARN patterns matched component by component (§2.2, §3.2 ArnLike): the first five colons split the ARN
// into partition, service, region, account and resource parts; a wildcard in the first five components
// cannot cross a colon, while the resource part may contain colons and slashes freely.

import { compileGlob, compileGlobRange, hasWildcard, type Matcher, type RangeMatcher } from './glob.js';

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
  const head = pattern.slice(0, split);
  const resourcePart = pattern.slice(split);
  // The common case: no wildcard before the resource part. Then the value must start with the head's five
  // components and colons verbatim, which is what matching the whole pattern as one glob asks too (the
  // `${*}` escapes hold no colon, so none straddles the head and the resource part).
  if (!hasWildcard(head)) return compileGlob(pattern);
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
