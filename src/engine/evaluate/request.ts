// A request ready for evaluation: the principal resolved, the action split and lower-cased, the context
// keyed by lower-cased names. Built once per request (see simulate/build-request.ts).

import type { RequestContext } from '../conditions/index.js';
import type { RequestPrincipal } from '../principal/index.js';

export interface AuthorizationRequest {
  readonly principal: RequestPrincipal;
  /** The action as the caller named it, e.g. "s3:GetObject". */
  readonly action: string;
  /** Lower-cased action: action names are case-insensitive (§2.1). */
  readonly actionKey: string;
  /** Lower-cased service prefix of the action. */
  readonly service: string;
  readonly resource: string;
  /** The 12-digit account that owns the resource; undefined when it has none. */
  readonly resourceAccount: string | undefined;
  readonly context: RequestContext;
  /** The principal is a session of a service-linked role (exempt from SCPs and RCPs, §4.2). */
  readonly isServiceLinkedRole: boolean;
  /** The principal's account is the organization's management account (SCPs do not apply). */
  readonly isManagementAccount: boolean;
  /** The resource's account is the management account (RCPs do not apply). */
  readonly resourceAccountIsManagement: boolean;
}
