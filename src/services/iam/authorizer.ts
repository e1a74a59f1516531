// Authorizes each IAM call for its caller with the engine (DESIGN decision 8: enforcement on by default;
// soft mode allows but reports what would have been denied, with the explanation).

import {
  buildContext,
  denialMessage,
  evaluate,
  type AuthorizationRequest,
  type ContextValueInput,
  type Decision,
} from '../../engine/index.js';
import { AwsError, type SecretBox } from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import { callerArn, callerPrincipal, callerUserId, type Caller } from '../access/caller.js';
import { withEncodedMessage } from '../sts/authorization-message.js';
import type { AuthorizationCheck } from './context.js';
import type { ManagedCatalogue } from './managed-catalogue.js';
import { PrincipalPolicies } from './principal-policies.js';
import { dataOf, KIND, type RoleData, type UserData } from './records.js';

/**
 * Tags of the caller's principal: a user's, or a role's overridden by the session's (§5.7). Keys compare
 * without case; each keeps the spelling of the tag that won.
 */
export const principalTags = (state: Snapshot, caller: Caller): Map<string, string> => {
  const tags = new Map<string, [string, string]>();
  const entityId = caller.kind === 'user' ? caller.userId : caller.kind === 'role-session' ? caller.roleId : undefined;
  const entity = entityId === undefined ? undefined : (state.get(KIND.user, entityId) ?? state.get(KIND.role, entityId));
  for (const tag of entity ? (entity.data as UserData | RoleData).tags : []) tags.set(tag.Key.toLowerCase(), [tag.Key, tag.Value]);
  const session = caller.session?.tags ?? {};
  for (const key of Object.keys(session)) tags.set(key.toLowerCase(), [key, session[key]!]);
  return new Map([...tags.values()]);
};

export type Enforcement = 'on' | 'soft';

/** Facts about the HTTP request that become global condition keys (§3.8). */
export interface RequestFacts {
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly isSecureTransport: boolean;
  readonly region: string;
  readonly now: Date;
}

export interface SoftDenial {
  readonly caller: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: Decision;
}

const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

export class Authorizer {
  readonly #policies: PrincipalPolicies;

  constructor(
    private readonly state: Snapshot,
    catalogue: ManagedCatalogue,
    private readonly enforcement: Enforcement,
    private readonly onSoftDenial: (denial: SoftDenial) => void,
    /** Seals the decision trace each AccessDenied carries (DESIGN decision 9); without it, none is appended. */
    private readonly secrets?: SecretBox,
  ) {
    this.#policies = new PrincipalPolicies(state, catalogue);
  }

  /** The global keys for this caller and request (§3.8); the check's own keys win. */
  #context(caller: Caller, facts: RequestFacts, extra: Readonly<Record<string, ContextValueInput>> | undefined) {
    const given: Record<string, ContextValueInput> = {
      'aws:SourceIp': facts.sourceIp,
      'aws:UserAgent': facts.userAgent,
      'aws:SecureTransport': facts.isSecureTransport,
      'aws:RequestedRegion': facts.region,
      'aws:ViaAWSService': false,
    };
    for (const [key, value] of principalTags(this.state, caller)) given[`aws:PrincipalTag/${key.toLowerCase()}`] = value;
    const session = caller.session;
    if (session !== undefined) {
      // Temporary credentials only: long-term keys carry neither key (§3.3, §3.8).
      given['aws:TokenIssueTime'] = new Date(session.issuedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
      given['aws:MultiFactorAuthPresent'] = session.mfaAuthenticatedAt !== undefined;
      if (session.mfaAuthenticatedAt !== undefined) {
        given['aws:MultiFactorAuthAge'] = Math.max(0, Math.floor((facts.now.getTime() - session.mfaAuthenticatedAt) / 1000));
      }
      if (session.sourceIdentity !== undefined) given['aws:SourceIdentity'] = session.sourceIdentity;
      if (session.federatedProvider !== undefined) given['aws:FederatedProvider'] = session.federatedProvider;
      for (const [key, value] of Object.entries(session.carriedKeys ?? {})) given[key] = value;
    }
    return { ...given, ...extra };
  }

  #request(caller: Caller, facts: RequestFacts, check: AuthorizationCheck) {
    const principal = callerPrincipal(caller);
    const actionKey = check.action.toLowerCase();
    const resourceAccount = ARN_ACCOUNT.exec(check.resource)?.[1] ?? caller.account;
    const given = this.#context(caller, facts, check.context);
    const request: AuthorizationRequest = {
      principal,
      action: check.action,
      actionKey,
      service: actionKey.slice(0, actionKey.indexOf(':')),
      resource: check.resource,
      resourceAccount,
      context: buildContext(given, principal, resourceAccount, facts.now),
      isServiceLinkedRole: caller.kind === 'role-session' && this.#isServiceLinked(caller.roleId),
      isManagementAccount: false,
      resourceAccountIsManagement: false,
    };
    const policies = this.#policies.forCaller(caller);
    const set = check.resourcePolicy === undefined ? policies : { ...policies, resource: check.resourcePolicy };
    return { request, given, set };
  }

  decide(caller: Caller, facts: RequestFacts, check: AuthorizationCheck): Decision {
    const { request, set } = this.#request(caller, facts, check);
    return evaluate(set, request);
  }

  #isServiceLinked(roleId: string): boolean {
    const role = this.state.get(KIND.role, roleId);
    return role !== undefined && dataOf<RoleData>(role).serviceLinkedTo !== undefined;
  }

  /** Throws AccessDenied with AWS's message and the encoded decision trace unless allowed (or enforcement is soft). */
  authorize(caller: Caller, facts: RequestFacts, check: AuthorizationCheck): void {
    const { request, given, set } = this.#request(caller, facts, check);
    const decision = evaluate(set, request);
    if (decision.decision === 'Allow') return;
    const arn = callerArn(caller);
    if (this.enforcement === 'soft') {
      this.onSoftDenial({ caller: arn, action: check.action, resource: check.resource, decision });
      return;
    }
    const message = denialMessage(decision, arn, check.action, check.resource);
    if (this.secrets === undefined) throw new AwsError('AccessDenied', message);
    // The trace records the derived global keys as well as the given ones (§3.7, §3.8).
    const context: Record<string, ContextValueInput> = { ...given };
    for (const key of TRACED_KEYS) {
      const entry = request.context.get(key.toLowerCase());
      if (entry !== undefined && context[key] === undefined) context[key] = entry.isMultivalued ? [...entry.values] : entry.values[0]!;
    }
    const principal = { id: callerUserId(caller), arn, account: caller.account };
    const trace = { principal, action: check.action, resource: check.resource, context, decision };
    throw new AwsError('AccessDenied', withEncodedMessage(this.secrets, message, trace));
  }
}

/** Derived keys worth showing in a decoded message. */
const TRACED_KEYS = [
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:userid',
  'aws:username',
  'aws:ResourceAccount',
  'aws:CurrentTime',
  'aws:EpochTime',
];
