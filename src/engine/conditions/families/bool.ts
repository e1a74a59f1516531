// Bool (§3.2): "true" / "false", compared case-insensitively; anything else never matches.

import { unescapeLiteral } from '../../match/index.js';
import type { OperatorDefinition } from '../operator.js';

export const BOOL_OPERATORS: Record<string, OperatorDefinition> = {
  Bool: {
    family: 'Bool',
    compile: (policyValue) => {
      const expected = unescapeLiteral(policyValue).toLowerCase();
      if (expected !== 'true' && expected !== 'false') return undefined;
      return (requestValue) => requestValue.toLowerCase() === expected;
    },
  },
};
