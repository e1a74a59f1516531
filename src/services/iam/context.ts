// What every IAM operation gets: the caller, the account, the snapshot to read from, a transaction to
// write in (after which the snapshot has caught up), the authorizer and the clock.

import type { CompiledPolicy, ContextValueInput } from '../../engine/index.js';
import type { SecretBox } from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import type { Store, StoreTransaction } from '../../store/index.js';
import type { KeyRing } from '../../sts/index.js';
import type { Caller } from '../access/caller.js';
import type { ManagedCatalogue } from './managed-catalogue.js';

export interface AuthorizationCheck {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, ContextValueInput>>;
  /** The resource's own policy (a role's trust policy for sts:AssumeRole, §4.3), evaluated with the caller's. */
  readonly resourcePolicy?: CompiledPolicy;
}

export interface IamContext {
  readonly account: string;
  readonly caller: Caller;
  readonly state: Snapshot;
  readonly store: Store;
  readonly secrets: SecretBox;
  readonly catalogue: ManagedCatalogue;
  /** Seals the session tokens STS issues. */
  readonly keyRing: KeyRing;
  readonly now: Date;
  /** The region the request was signed for. */
  readonly region: string;
  /** Where clients and token verifiers reach this node (the base of outbound-federation issuer URLs). */
  readonly publicUrl: string;
  /** Throws AccessDenied (with AWS's message) unless the caller may perform the action. */
  readonly authorize: (check: AuthorizationCheck) => void;
  /** Runs fn in a store transaction on the caller's account, then refreshes the snapshot. */
  readonly write: <T>(fn: (tx: StoreTransaction) => Promise<T>) => Promise<T>;
}

export type IamHandler = (ctx: IamContext, input: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>;
