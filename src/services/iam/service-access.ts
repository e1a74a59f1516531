// ListPoliciesGrantingServiceAccess: for a user, group or role, the identity policies that can grant access to
// each service namespace asked about. As AWS documents it, only permissions policies count (no boundaries,
// resource-based, Organizations or trust policies), conditions are not evaluated, and a user's list includes
// the policies of its groups. A policy grants access to a service when one of its Allow statements admits
// some action of it: an Action pattern whose service part matches the namespace, or a NotAction that does not
// exclude every action of it ("svc:*" or "*").

import { checkPolicy, compileGlob, MAX_POLICY_DOCUMENT_LENGTH, type Statement } from '../../engine/index.js';
import { invalidInput, noSuchEntity, parseIamArn } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { groupsOf, ownerPolicies } from './principal-policies.js';
import { KIND, type Tag } from './records.js';
import { resourceTagContext } from './tags.js';

type OwnerType = 'USER' | 'GROUP' | 'ROLE';

interface Candidate {
  readonly output: Record<string, string>;
  readonly statements: readonly Statement[];
}

/** Matches a service part with IAM's wildcards (* and ?), without regard to case, as action patterns match. */
const servicePatternMatches = (pattern: string, namespace: string): boolean => compileGlob(pattern.toLowerCase())(namespace.toLowerCase());

const split = (pattern: string): [string, string] => {
  if (pattern === '*') return ['*', '*'];
  const colon = pattern.indexOf(':');
  return colon < 0 ? [pattern, ''] : [pattern.slice(0, colon), pattern.slice(colon + 1)];
};

const admits = (statement: Statement, namespace: string): boolean => {
  if (statement.effect !== 'Allow') return false;
  const patterns = statement.action.patterns.map(split);
  if (statement.action.kind === 'Action') return patterns.some(([service]) => servicePatternMatches(service, namespace));
  return !patterns.some(([service, action]) => action === '*' && servicePatternMatches(service, namespace));
};

const statementsOf = (document: string): readonly Statement[] =>
  checkPolicy(document, 'identity', { sizeLimit: MAX_POLICY_DOCUMENT_LENGTH }).policy?.statements ?? [];

/** The inline and managed policies of one owner, as the response names them. */
const ownerCandidates = (ctx: IamContext, owner: StoredRecord, type: OwnerType): Candidate[] =>
  ownerPolicies(ctx.state, ctx.catalogue, ctx.account, owner.id).map((policy): Candidate => ({
    output:
      policy.kind === 'inline'
        ? { PolicyName: policy.name, PolicyType: 'INLINE', EntityType: type, EntityName: owner.name }
        : { PolicyName: policy.arn.slice(policy.arn.lastIndexOf('/') + 1), PolicyType: 'MANAGED', PolicyArn: policy.arn },
    statements: statementsOf(policy.document),
  }));

const KIND_OF: Record<string, { kind: string; type: OwnerType }> = {
  user: { kind: KIND.user, type: 'USER' },
  group: { kind: KIND.group, type: 'GROUP' },
  role: { kind: KIND.role, type: 'ROLE' },
};

const listPoliciesGrantingServiceAccess: IamHandler = async (ctx, input) => {
  const arn = input.Arn as string;
  const parsed = parseIamArn(arn);
  const owner = parsed === undefined ? undefined : KIND_OF[parsed.type];
  if (parsed === undefined || owner === undefined || parsed.account !== ctx.account) {
    throw invalidInput(`ARN ${arn} is not valid: it must name a user, group or role of account ${ctx.account}.`);
  }
  const entity = ctx.state.byName(ctx.account, owner.kind, '', parsed.name);
  if (entity === undefined || (entity.data as { arn: string }).arn !== arn) throw noSuchEntity(`The entity with ARN ${arn} cannot be found.`);
  // Users and roles carry tags a policy may test as aws:ResourceTag; groups have none.
  ctx.authorize({ action: 'iam:ListPoliciesGrantingServiceAccess', resource: arn, context: resourceTagContext((entity.data as { tags?: readonly Tag[] }).tags ?? []) });
  const candidates = ownerCandidates(ctx, entity, owner.type);
  if (owner.type === 'USER') {
    for (const group of groupsOf(ctx.state, ctx.account, entity.id)) candidates.push(...ownerCandidates(ctx, group, 'GROUP'));
  }
  // A managed policy attached to the user and to one of its groups is listed once.
  const listed = new Set<string>();
  const unique = candidates.filter((c) => {
    const key = c.output.PolicyArn ?? `${c.output.EntityType}/${c.output.EntityName}/${c.output.PolicyName}`;
    if (listed.has(key)) return false;
    listed.add(key);
    return true;
  });
  const namespaces = [...new Set(input.ServiceNamespaces as string[])];
  return {
    PoliciesGrantingServiceAccess: namespaces.map((namespace) => ({
      ServiceNamespace: namespace,
      Policies: unique.filter((c) => c.statements.some((s) => admits(s, namespace))).map((c) => c.output),
    })),
    IsTruncated: false,
  };
};

export const SERVICE_ACCESS_OPERATIONS: Record<string, IamHandler> = {
  ListPoliciesGrantingServiceAccess: listPoliciesGrantingServiceAccess,
};
