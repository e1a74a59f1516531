// Evaluation: a compiled policy set and a prepared request in, a Decision out. Never throws.

export { applicability, RCP_SERVICES, type Applicability } from './applicability.js';
export { decide } from './decide.js';
export type { DecidedBy, Decision, Effect, ReasonCode, StatementRef } from './decision.js';
export type { Explanation, Failure, FailureCode, PolicyTrace, StatementTrace } from './explanation.js';
export type { AuthorizationRequest } from './request.js';
export { actionMatches, conditionsHold, principalMatch, resourceMatches, statementApplies } from './statement.js';
