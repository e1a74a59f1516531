// Public surface of the policy layer: the AST, parsing, validation, size rules and the condition operator table.

export * from './ast.js';
export * from './diagnostics.js';
export { parsePolicy, type ParseResult } from './parse.js';
export { validatePolicy, checkPolicy, type ValidateOptions, type CheckResult } from './validate.js';
export {
  POLICY_SIZE_LIMITS,
  MAX_POLICY_DOCUMENT_LENGTH,
  policySize,
  countNonWhitespace,
  checkPolicyText,
  type PolicySizeLimit,
  type SizeCounting,
  type TextCheckOptions,
} from './size.js';
export * from './operators.js';
export { POLICY_TYPE_RULES, type PolicyTypeRules } from './validate-elements.js';
