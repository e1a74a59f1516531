// Compiles a parsed policy into matchers and a service index (DESIGN decision 2, STYLE "The engine pipeline").

import { compileArnPattern, compileGlob, parseTemplate, type Matcher } from '../match/index.js';
import { compileCondition } from '../conditions/index.js';
import type { Policy, PolicyType, Statement } from '../policy/index.js';
import type { CompiledPolicy, CompiledStatement, ResourceMatcher } from './compiled.js';

const compileAction = (pattern: string): Matcher => compileGlob(pattern.toLowerCase());

/** The service prefix a pattern is limited to, or undefined when it may match any service. */
const servicePrefix = (pattern: string): string | undefined => {
  const colon = pattern.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = pattern.slice(0, colon).toLowerCase();
  return prefix.includes('*') || prefix.includes('?') ? undefined : prefix;
};

const compileResource = (pattern: string, policy: Policy): ResourceMatcher => {
  const template = parseTemplate(pattern, policy.version === '2012-10-17');
  return typeof template === 'string'
    ? { kind: 'static', matches: compileArnPattern(template) }
    : { kind: 'template', template };
};

const compileStatement = (statement: Statement, policy: Policy): CompiledStatement => {
  // Assembled field by field, leaving out absent optional fields: spreading optional parts into the
  // literal sends every later field through V8's slow path.
  const compiled: { -readonly [K in keyof CompiledStatement]?: CompiledStatement[K] } = {
    statement,
    isAllow: statement.effect === 'Allow',
    isActionNegated: statement.action.kind === 'NotAction',
    actions: statement.action.patterns.map(compileAction),
  };
  const { resource, principal } = statement;
  if (resource) {
    compiled.resources = {
      isNegated: resource.kind === 'NotResource',
      matchers: resource.patterns.map((p) => compileResource(p, policy)),
    };
  }
  if (principal) compiled.principal = { isNegated: principal.kind === 'NotPrincipal', entries: principal.entries };
  compiled.conditions = statement.conditions.map((c) => compileCondition(c, policy.version));
  return compiled as CompiledStatement;
};

/** The services a statement is limited to; undefined when it may apply to any service. */
const statementServices = (statement: Statement): Set<string> | undefined => {
  if (statement.action.kind === 'NotAction') return undefined;
  const services = new Set<string>();
  for (const pattern of statement.action.patterns) {
    const prefix = servicePrefix(pattern);
    if (prefix === undefined) return undefined;
    services.add(prefix);
  }
  return services;
};

export const compilePolicy = (policy: Policy, type: PolicyType, name: string): CompiledPolicy => {
  const statements = policy.statements.map((s) => compileStatement(s, policy));
  const scopes = policy.statements.map(statementServices);
  // Every service a statement names, in order of first mention; then each statement, in document order,
  // joins the list of every service it can apply to (all of them when it is not limited to some).
  const byService = new Map<string, CompiledStatement[]>();
  for (const scope of scopes) {
    if (scope !== undefined) for (const service of scope) if (!byService.has(service)) byService.set(service, []);
  }
  const otherServices: CompiledStatement[] = [];
  statements.forEach((statement, i) => {
    const scope = scopes[i];
    if (scope !== undefined) {
      for (const service of scope) byService.get(service)!.push(statement);
    } else {
      otherServices.push(statement);
      for (const list of byService.values()) list.push(statement);
    }
  });
  return { type, name, policy, statements, byService, otherServices };
};
