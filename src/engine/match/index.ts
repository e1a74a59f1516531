// Matching primitives shared by the compiler and the condition operators.

export { compileGlob, hasWildcard, unescapeLiteral, type Matcher } from './glob.js';
export { compileArnPattern, splitArn } from './arn.js';
export {
  escapePattern,
  parseTemplate,
  resolveTemplate,
  templateKeys,
  type Template,
  type TemplatePart,
  type VariableLookup,
  type VariableRef,
} from './template.js';
