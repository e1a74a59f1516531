// Binds the operator table of the policy layer (names, families, negation; §3.2) to the tests each positive
// operator runs. Negation, IfExists and the set qualifiers are applied generically (evaluate-condition.ts).

import { ARN_OPERATORS } from './families/arn.js';
import { BINARY_OPERATORS } from './families/binary.js';
import { BOOL_OPERATORS } from './families/bool.js';
import { DATE_OPERATORS } from './families/date.js';
import { IP_OPERATORS } from './families/ip.js';
import { NUMERIC_OPERATORS } from './families/numeric.js';
import { STRING_OPERATORS } from './families/string.js';
import { CONDITION_OPERATORS } from '../policy/index.js';
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

/** Each operator IAM knows (the policy layer's table) bound to the test of its positive form. */
const OPERATORS: ReadonlyMap<string, ResolvedOperator> = new Map(
  Object.entries(CONDITION_OPERATORS).flatMap(([name, info]): [string, ResolvedOperator][] => {
    const definition = POSITIVE_OPERATORS.get(info.isNegated ? name.replace('Not', '') : name);
    return definition === undefined ? [] : [[name, { definition, isNegated: info.isNegated }]];
  }),
);

/** Looks up a base operator (no qualifier, no IfExists): `StringNotLike` → StringLike, negated. */
export const resolveOperator = (baseOperator: string): ResolvedOperator | undefined => OPERATORS.get(baseOperator);
