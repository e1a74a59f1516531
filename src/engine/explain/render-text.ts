// Renders a decision and its explanation as text for a terminal: the verdict, the deciding statement, and
// statement by statement what matched and what did not.

import type { Decision, Failure, PolicyTrace, StatementTrace } from '../evaluate/index.js';
import { denialContext } from './denial-message.js';

const list = (values: readonly string[]): string => values.map((v) => JSON.stringify(v)).join(', ');

export const describeFailure = (f: Failure): string => {
  switch (f.code) {
    case 'action-not-matched':
      return `Action: the action matches none of ${list(f.patterns)}`;
    case 'action-excluded':
      return `NotAction: the action is excluded by ${list(f.patterns)}`;
    case 'resource-not-matched':
      return `Resource: the resource matches none of ${list(f.patterns)}`;
    case 'resource-excluded':
      return `NotResource: the resource is excluded by ${list(f.patterns)}`;
    case 'principal-not-matched':
      return `Principal: the caller is none of ${list(f.entries)}`;
    case 'principal-exempt':
      return `NotPrincipal: the caller is exempted by ${list(f.entries)}`;
    case 'condition-failed': {
      const got = f.requestValues === null ? 'the request has no value for it' : `the request has ${list(f.requestValues)}`;
      return `Condition: ${f.operator} ${f.key} ${list(f.policyValues)} is false — ${got}`;
    }
  }
};

const statementLabel = (s: StatementTrace): string =>
  `statement ${s.index}${s.sid ? ` "${s.sid}"` : ''} (${s.effect})`;

const renderPolicy = (p: PolicyTrace, lines: string[]): void => {
  const level = p.level === undefined ? '' : ` level ${p.level}`;
  lines.push(`  ${p.name}${level} (${p.type})${p.isApplicable ? '' : ' — does not apply to this request'}`);
  for (const s of p.statements) {
    lines.push(`    ${statementLabel(s)}: ${s.applies ? 'applies' : 'does not apply'}`);
    for (const f of s.failures) lines.push(`      - ${describeFailure(f)}`);
  }
};

export const renderDecisionText = (decision: Decision, action: string, withExplanation: boolean): string => {
  const lines = [`${decision.decision} (decided by: ${decision.decidedBy}, reason: ${decision.reason})`];
  const context = denialContext(decision, action);
  if (context !== '') lines.push(`  ${context}`);
  if (decision.statement) {
    const s = decision.statement;
    const level = s.level === undefined ? '' : ` level ${s.level}`;
    lines.push(`  deciding statement: ${s.policyName}${level}, statement ${s.statementIndex}${s.sid ? ` "${s.sid}"` : ''}`);
  }
  const explanation = decision.explanation;
  if (withExplanation && explanation) {
    lines.push('', 'Explanation:');
    if (explanation.policies.length === 0) lines.push('  no policies were given');
    for (const p of explanation.policies) renderPolicy(p, lines);
    if (explanation.missingContextKeys.length > 0) {
      lines.push('', `Missing context keys: ${explanation.missingContextKeys.join(', ')}`);
    }
  }
  return lines.join('\n');
};
