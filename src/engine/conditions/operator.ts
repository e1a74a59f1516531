// The shape every condition operator family implements: compile a policy value once into a test of one
// request value. Negation, IfExists and the set qualifiers are applied generically (evaluate-condition.ts).

import type { ConditionFamily } from '../policy/index.js';

/** Tests one request value; built once per policy value. */
export type ValueTest = (requestValue: string) => boolean;

/** Compiles a policy value (pattern text, see match/glob.ts) into a test; undefined when the value can never match. */
export type CompileValue = (policyValue: string) => ValueTest | undefined;


/** A positive (non-negated) operator. */
export interface OperatorDefinition {
  readonly family: ConditionFamily;
  readonly compile: CompileValue;
}

/** Families whose values may hold policy variables (§3.2, §3.6); Bool per the operator reference page. */
export const FAMILIES_WITH_VARIABLES: ReadonlySet<ConditionFamily> = new Set(['String', 'Arn', 'Bool']);

/** Builds the five ordered comparisons of a family (Numeric, Date) from a parser into comparable numbers. */
export const orderedOperators = (
  prefix: 'Numeric' | 'Date',
  parse: (text: string) => number | undefined,
): Record<string, OperatorDefinition> => {
  const compare =
    (test: (request: number, policy: number) => boolean): CompileValue =>
    (policyValue) => {
      const policy = parse(policyValue);
      if (policy === undefined) return undefined;
      return (requestValue) => {
        const request = parse(requestValue);
        return request !== undefined && test(request, policy);
      };
    };
  return {
    [`${prefix}Equals`]: { family: prefix, compile: compare((r, p) => r === p) },
    [`${prefix}LessThan`]: { family: prefix, compile: compare((r, p) => r < p) },
    [`${prefix}LessThanEquals`]: { family: prefix, compile: compare((r, p) => r <= p) },
    [`${prefix}GreaterThan`]: { family: prefix, compile: compare((r, p) => r > p) },
    [`${prefix}GreaterThanEquals`]: { family: prefix, compile: compare((r, p) => r >= p) },
  };
};
