// The one map of condition operators (§3.2). Negated operators are not defined here: "…Not…" names are the
// negation of the positive operator they contain, applied generically, as are IfExists and the qualifiers.

import { ARN_OPERATORS } from './families/arn.js';
import { BINARY_OPERATORS } from './families/binary.js';
import { BOOL_OPERATORS } from './families/bool.js';
import { DATE_OPERATORS } from './families/date.js';
import { IP_OPERATORS } from './families/ip.js';
import { NUMERIC_OPERATORS } from './families/numeric.js';
import { STRING_OPERATORS } from './families/string.js';
import type { OperatorDefinition } from './operator.js';

const POSITIVE_OPERATORS: ReadonlyMap<string, OperatorDefinition> = new Map(
  Object.entries({
    ...STRING_OPERATORS,
    ...NUMERIC_OPERATORS,
    ...DATE_OPERATORS,
    ...BOOL_OPERATORS,
    ...BINARY_OPERATORS,
    ...IP_OPERATORS,
    ...ARN_OPERATORS,
  }),
);

export interface ResolvedOperator {
  readonly definition: OperatorDefinition;
  readonly isNegated: boolean;
}

/** The negated form of each negatable positive operator (Bool, BinaryEquals and the orderings have none). */
const negatedName = (name: string): string | undefined => {
  if (name === 'IpAddress') return 'NotIpAddress';
  const negated = name.replace(/^(String|Numeric|Date|Arn)(Equals|Like)/, '$1Not$2');
  return negated === name ? undefined : negated;
};

const OPERATORS: ReadonlyMap<string, ResolvedOperator> = new Map(
  [...POSITIVE_OPERATORS].flatMap(([name, definition]): [string, ResolvedOperator][] => {
    const negated = negatedName(name);
    const positive: [string, ResolvedOperator] = [name, { definition, isNegated: false }];
    return negated === undefined ? [positive] : [positive, [negated, { definition, isNegated: true }]];
  }),
);

/** Looks up a base operator (no qualifier, no IfExists): `StringNotLike` → StringLike, negated. */
export const resolveOperator = (baseOperator: string): ResolvedOperator | undefined => OPERATORS.get(baseOperator);

/** Every base operator name, positive and negated, plus Null. */
export const OPERATOR_NAMES: readonly string[] = [...OPERATORS.keys(), 'Null'];
