// String operators (§3.2): exact and case-sensitive, case-folded, and wildcard (`*`, `?`) matching.

import { compileGlob, unescapeLiteral } from '../../match/index.js';
import type { OperatorDefinition } from '../operator.js';

export const STRING_OPERATORS: Record<string, OperatorDefinition> = {
  StringEquals: {
    family: 'String',
    compile: (policyValue) => {
      const expected = unescapeLiteral(policyValue);
      return (requestValue) => requestValue === expected;
    },
  },
  StringEqualsIgnoreCase: {
    family: 'String',
    compile: (policyValue) => {
      const expected = unescapeLiteral(policyValue).toLowerCase();
      return (requestValue) => requestValue.toLowerCase() === expected;
    },
  },
  StringLike: { family: 'String', compile: compileGlob },
};
