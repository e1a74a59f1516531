// Compilation of parsed policies into evaluable form.

export { compilePolicy } from './compile-policy.js';
export {
  candidateStatements,
  type CompiledPolicy,
  type CompiledPolicySet,
  type CompiledStatement,
  type ResourceMatcher,
} from './compiled.js';
