// The engine's public surface (`keycard/engine`): parse → validate → compile → evaluate → explain.
// Pure: no I/O and no runtime dependencies.

export * from './policy/index.js';
export { compilePolicy, type CompiledPolicy, type CompiledPolicySet, type CompiledStatement } from './compile/index.js';
export { evaluate, type EvaluateOptions } from './authorize/index.js';
export {
  decide,
  RCP_SERVICES,
  type AuthorizationRequest,
  type DecidedBy,
  type Decision,
  type Effect as DecisionEffect,
  type Explanation,
  type Failure,
  type FailureCode,
  type PolicyTrace,
  type ReasonCode,
  type StatementRef,
  type StatementTrace,
} from './evaluate/index.js';
export { denialContext, denialMessage, describeFailure, explain, renderDecisionText } from './explain/index.js';
export type { ContextEntry, RequestContext } from './conditions/index.js';
export { PRINCIPAL_TYPES, principalDisplayArn, type PrincipalType, type RequestPrincipal } from './principal/index.js';
export * from './simulate/index.js';
export { parseJsonText, type JsonTree } from './json/index.js';
export { compileGlob } from './match/index.js';
