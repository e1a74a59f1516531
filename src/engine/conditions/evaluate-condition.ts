// Evaluates a compiled condition against the request context, applying missing-key rules, IfExists,
// ForAllValues / ForAnyValue and negation generically (§3.1, §3.3, §3.4).

import { resolveTemplate } from '../match/index.js';
import type { CompiledCondition, CompiledValue } from './compile-condition.js';
import { singleValue, type RequestContext } from './context.js';

/** Does one request value match any policy value (OR over the values, §3.1)? */
const matchesAny = (values: readonly CompiledValue[], requestValue: string, context: RequestContext): boolean => {
  for (const value of values) {
    if (value.kind === 'static') {
      if (value.test !== undefined && value.test(requestValue)) return true;
      continue;
    }
    // A variable without a value makes this policy value null: it matches nothing (§3.3).
    const text = resolveTemplate(value.template, (key) => singleValue(context, key));
    const test = text === undefined ? undefined : value.compile(text);
    if (test !== undefined && test(requestValue)) return true;
  }
  return false;
};

export const evaluateCondition = (condition: CompiledCondition, context: RequestContext): boolean => {
  const entry = context.get(condition.key);
  const requestValues = entry?.values;
  const isPresent = requestValues !== undefined && requestValues.length > 0;

  if (condition.kind === 'null') return condition.expectAbsent.some((absent) => absent !== isPresent);
  if (condition.kind === 'unknown') return false;

  if (!isPresent) {
    if (condition.ifExists) return true;
    if (condition.qualifier === 'ForAllValues') return true; // vacuously true (§3.3)
    if (condition.qualifier === 'ForAnyValue') return false;
    return condition.isNegated; // positive operators fail, negated ones hold
  }

  const { values, isNegated } = condition;
  // A request value satisfies a negated operator when it matches none of the policy values (NOR, §3.1).
  const satisfies = (requestValue: string): boolean => matchesAny(values, requestValue, context) !== isNegated;

  switch (condition.qualifier) {
    case 'ForAllValues':
      return requestValues.every(satisfies);
    case 'ForAnyValue':
      return requestValues.some(satisfies);
    case 'none':
      // Without a qualifier: positive = some request value matches; negated = no request value matches.
      return isNegated ? requestValues.every(satisfies) : requestValues.some(satisfies);
  }
};
