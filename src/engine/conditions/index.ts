// Condition operators: compile a clause once, evaluate it against a request context.

export { compileCondition, type CompiledCondition, type CompiledValue } from './compile-condition.js';
export { evaluateCondition } from './evaluate-condition.js';
export { singleValue, type ContextEntry, type RequestContext } from './context.js';
export { resolveOperator, type ResolvedOperator } from './registry.js';
export type { OperatorDefinition } from './operator.js';
export { parseAddress, parseBlock } from './families/ip.js';
export { parseDate } from './families/date.js';
export { parseNumber } from './families/numeric.js';
export { decodeBase64 } from './families/binary.js';
