// ARN patterns matched component by component (§2.2, §3.2 ArnLike): the first five colons split the ARN
// into partition, service, region, account and resource parts; a wildcard in the first five components
// cannot cross a colon, while the resource part may contain colons and slashes freely.

import { compileGlob, hasWildcard, unescapeLiteral, type Matcher } from './glob.js';

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

/**
 * Compiles an ARN pattern (or `*`). A pattern with fewer than six components matches nothing but
 * the bare `*` (§2.2).
 */
export const compileArnPattern = (pattern: string): Matcher => {
  if (pattern === '*') return () => true;
  const parts = splitArn(pattern);
  if (parts === undefined) return () => false;
  const head = parts.slice(0, 5);
  const resourcePart = parts[5]!;
  const resource = compileGlob(resourcePart);
  if (!head.some(hasWildcard)) {
    const headText = head.map(unescapeLiteral).join(':') + ':';
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
    const prefix = headText;
    const prefixLength = prefix.length;
    return (value) => value.startsWith(prefix) && resource(value.slice(prefixLength));
  }
  const heads = head.map(compileGlob);
  return (value) => {
    const valueParts = splitArn(value);
    if (valueParts === undefined) return false;
    for (let i = 0; i < 5; i++) if (!heads[i]!(valueParts[i]!)) return false;
    return resource(valueParts[5]!);
  };
};
