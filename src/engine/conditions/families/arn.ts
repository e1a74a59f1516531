// ARN operators (§3.2): ArnEquals and ArnLike are the same component-wise, case-sensitive wildcard match.

import { compileArnPattern } from '../../match/index.js';
import type { OperatorDefinition } from '../operator.js';

export const ARN_OPERATORS: Record<string, OperatorDefinition> = {
  ArnEquals: { family: 'Arn', compile: compileArnPattern },
  ArnLike: { family: 'Arn', compile: compileArnPattern },
};
