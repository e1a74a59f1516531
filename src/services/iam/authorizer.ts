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
import { AwsError } from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import { callerArn, callerPrincipal, type Caller } from '../access/caller.js';
import type { AuthorizationCheck } from './context.js';
import type { ManagedCatalogue } from './managed-catalogue.js';
import { PrincipalPolicies } from './principal-policies.js';
import { dataOf, KIND, type UserData } from './records.js';

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
  ) {
    this.#policies = new PrincipalPolicies(state, catalogue);
  }

  /** The global keys for this caller and request; the check's own keys win. */
  #context(caller: Caller, facts: RequestFacts, extra: Readonly<Record<string, ContextValueInput>> | undefined) {
    const given: Record<string, ContextValueInput> = {
      'aws:SourceIp': facts.sourceIp,
      'aws:UserAgent': facts.userAgent,
      'aws:SecureTransport': facts.isSecureTransport,
      'aws:RequestedRegion': facts.region,
      'aws:ViaAWSService': false,
    };
    if (caller.kind === 'user') {
      const user = this.state.get(KIND.user, caller.userId);
      for (const tag of user ? dataOf<UserData>(user).tags : []) given[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
    }
    return { ...given, ...extra };
  }

  decide(caller: Caller, facts: RequestFacts, check: AuthorizationCheck): Decision {
    const principal = callerPrincipal(caller);
    const actionKey = check.action.toLowerCase();
    const resourceAccount = ARN_ACCOUNT.exec(check.resource)?.[1] ?? caller.account;
    const request: AuthorizationRequest = {
      principal,
      action: check.action,
      actionKey,
      service: actionKey.slice(0, actionKey.indexOf(':')),
      resource: check.resource,
      resourceAccount,
      context: buildContext(this.#context(caller, facts, check.context), principal, resourceAccount, facts.now),
      isServiceLinkedRole: false,
      isManagementAccount: false,
      resourceAccountIsManagement: false,
    };
    return evaluate(this.#policies.forCaller(caller), request);
  }

  /** Throws AccessDenied with AWS's message unless allowed (or enforcement is soft). */
  authorize(caller: Caller, facts: RequestFacts, check: AuthorizationCheck): void {
    const decision = this.decide(caller, facts, check);
    if (decision.decision === 'Allow') return;
    const arn = callerArn(caller);
    if (this.enforcement === 'soft') {
      this.onSoftDenial({ caller: arn, action: check.action, resource: check.resource, decision });
      return;
    }
    throw new AwsError('AccessDenied', denialMessage(decision, arn, check.action, check.resource));
  }
}
