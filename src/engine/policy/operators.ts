// The condition operators IAM knows (§3.2): one table naming each base operator's family and whether it is
// negated. Parse, validate and the condition evaluators all read this table; nothing else lists operators.

import type { SetQualifier } from './ast.js';

export const CONDITION_FAMILIES = ['String', 'Numeric', 'Date', 'Bool', 'Binary', 'IpAddress', 'Arn', 'Null'] as const;
export type ConditionFamily = (typeof CONDITION_FAMILIES)[number];

export interface ConditionOperatorInfo {
  readonly family: ConditionFamily;
  /** Negated operators match when the request value matches none of the policy values, and when the key is absent (§3.1, §3.3). */
  readonly isNegated: boolean;
}

/** Base operators only: `…IfExists` and the `ForAllValues:` / `ForAnyValue:` qualifiers are applied generically. */
export const CONDITION_OPERATORS = {
  StringEquals: { family: 'String', isNegated: false },
  StringNotEquals: { family: 'String', isNegated: true },
  StringEqualsIgnoreCase: { family: 'String', isNegated: false },
  StringNotEqualsIgnoreCase: { family: 'String', isNegated: true },
  StringLike: { family: 'String', isNegated: false },
  StringNotLike: { family: 'String', isNegated: true },
  NumericEquals: { family: 'Numeric', isNegated: false },
  NumericNotEquals: { family: 'Numeric', isNegated: true },
  NumericLessThan: { family: 'Numeric', isNegated: false },
  NumericLessThanEquals: { family: 'Numeric', isNegated: false },
  NumericGreaterThan: { family: 'Numeric', isNegated: false },
  NumericGreaterThanEquals: { family: 'Numeric', isNegated: false },
  DateEquals: { family: 'Date', isNegated: false },
  DateNotEquals: { family: 'Date', isNegated: true },
  DateLessThan: { family: 'Date', isNegated: false },
  DateLessThanEquals: { family: 'Date', isNegated: false },
  DateGreaterThan: { family: 'Date', isNegated: false },
  DateGreaterThanEquals: { family: 'Date', isNegated: false },
  Bool: { family: 'Bool', isNegated: false },
  BinaryEquals: { family: 'Binary', isNegated: false },
  IpAddress: { family: 'IpAddress', isNegated: false },
  NotIpAddress: { family: 'IpAddress', isNegated: true },
  ArnEquals: { family: 'Arn', isNegated: false },
  ArnLike: { family: 'Arn', isNegated: false },
  ArnNotEquals: { family: 'Arn', isNegated: true },
  ArnNotLike: { family: 'Arn', isNegated: true },
  Null: { family: 'Null', isNegated: false },
} as const satisfies Readonly<Record<string, ConditionOperatorInfo>>;

export type ConditionOperatorName = keyof typeof CONDITION_OPERATORS;

export const isConditionOperatorName = (name: string): name is ConditionOperatorName =>
  Object.hasOwn(CONDITION_OPERATORS, name);

/** The table entry for a base operator name (case-sensitive), or undefined when IAM has no such operator. */
export const conditionOperator = (name: string): ConditionOperatorInfo | undefined =>
  isConditionOperatorName(name) ? CONDITION_OPERATORS[name] : undefined;

/** `Null` tests key existence itself, so "if exists" has no meaning for it (§3.2). */
export const allowsIfExists = (family: ConditionFamily): boolean => family !== 'Null';

export interface SplitOperator {
  readonly qualifier: SetQualifier;
  readonly baseOperator: string;
  readonly ifExists: boolean;
}

const IF_EXISTS = 'IfExists';

/**
 * Splits "ForAnyValue:StringLikeIfExists" into qualifier, base operator and IfExists. The suffix is only
 * split off when what remains is a known operator, so an unknown name comes back whole as the base.
 */
export function splitOperator(operator: string): SplitOperator {
  let qualifier: SetQualifier = 'none';
  let rest = operator;
  for (const candidate of ['ForAllValues', 'ForAnyValue'] as const) {
    if (operator.startsWith(`${candidate}:`)) {
      qualifier = candidate;
      rest = operator.slice(candidate.length + 1);
    }
  }
  if (rest.endsWith(IF_EXISTS) && isConditionOperatorName(rest.slice(0, -IF_EXISTS.length))) {
    return { qualifier, baseOperator: rest.slice(0, -IF_EXISTS.length), ifExists: true };
  }
  return { qualifier, baseOperator: rest, ifExists: false };
}
