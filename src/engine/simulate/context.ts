// Builds the request context: the keys the caller gave (names lower-cased, values as strings, lists
// multivalued) plus the global keys derived from the principal and the clock (§3.7, §3.8), which are
// computed only when a condition asks for them.

import type { ContextEntry, RequestContext } from '../conditions/index.js';
import type { RequestPrincipal } from '../principal/index.js';
import type { ContextValueInput } from './input.js';

const entry = (value: string): ContextEntry => ({ values: [value], isMultivalued: false });

const toEntry = (value: ContextValueInput): ContextEntry =>
  Array.isArray(value)
    ? { values: value.map(String), isMultivalued: true }
    : entry(String(value));

/** aws:PrincipalType values (§3.7). */
const PRINCIPAL_TYPE: Partial<Record<RequestPrincipal['kind'], string>> = {
  user: 'User',
  'role-session': 'AssumedRole',
  'federated-user': 'FederatedUser',
  root: 'Account',
  anonymous: 'Anonymous',
};

/** The value of a derived global key, or undefined when the request does not carry it. */
const derive = (key: string, principal: RequestPrincipal, resourceAccount: string | undefined, now: Date): string | undefined => {
  switch (key) {
    case 'aws:principalarn':
      if (principal.kind === 'role-session') return principal.roleArn; // the role ARN, never the session (§3.7)
      return 'arn' in principal ? principal.arn : undefined;
    case 'aws:principalaccount':
      return 'account' in principal ? principal.account : undefined;
    case 'aws:principaltype':
      return PRINCIPAL_TYPE[principal.kind];
    case 'aws:userid':
      switch (principal.kind) {
        case 'user':
          return principal.userId;
        case 'role-session':
          return principal.roleId === undefined ? undefined : `${principal.roleId}:${principal.sessionName}`;
        case 'federated-user':
          return `${principal.account}:${principal.name}`;
        case 'root':
          return principal.account;
        case 'anonymous':
          return 'anonymous';
        default:
          return undefined;
      }
    case 'aws:username':
      return principal.kind === 'user' ? principal.name : undefined;
    case 'aws:principalisawsservice':
      return principal.kind === 'anonymous' ? undefined : String(principal.kind === 'service');
    case 'aws:principalservicename':
      return principal.kind === 'service' ? principal.service : undefined;
    case 'aws:resourceaccount':
      return resourceAccount;
    case 'aws:currenttime':
      return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'aws:epochtime':
      return String(Math.floor(now.getTime() / 1000));
    default:
      return undefined;
  }
};

/** Explicit keys first; derived keys are computed on first use and kept for the request. */
class DerivedContext implements RequestContext {
  /** Made on first use: most requests never ask for a derived key. */
  private derived: Map<string, ContextEntry | undefined> | undefined;

  constructor(
    private readonly explicit: ReadonlyMap<string, ContextEntry>,
    private readonly principal: RequestPrincipal,
    private readonly resourceAccount: string | undefined,
    private readonly now: Date | undefined,
  ) {}

  get(key: string): ContextEntry | undefined {
    const given = this.explicit.get(key);
    if (given !== undefined) return given;
    this.derived ??= new Map();
    if (this.derived.has(key)) return this.derived.get(key);
    const value = derive(key, this.principal, this.resourceAccount, this.now ?? new Date());
    const result = value === undefined ? undefined : entry(value);
    this.derived.set(key, result);
    return result;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

export const buildContext = (
  given: Readonly<Record<string, ContextValueInput>> | undefined,
  principal: RequestPrincipal,
  resourceAccount: string | undefined,
  now?: Date,
): RequestContext => {
  const explicit = new Map<string, ContextEntry>();
  if (given !== undefined) for (const key in given) explicit.set(key.toLowerCase(), toEntry(given[key]!));
  return new DerivedContext(explicit, principal, resourceAccount, now);
};
