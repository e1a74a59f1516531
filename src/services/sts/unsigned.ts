// The operations STS serves without a signature (§7.4): AssumeRoleWithWebIdentity and AssumeRoleWithSAML.
// No caller and no authorizer: the identity provider's token is the credential, and the role's trust
// policy alone decides. They get what an IAM operation gets otherwise, plus the node's issuer-key cache.

import type { SecretBox } from '../../domain/index.js';
import type { Snapshot } from '../../state/index.js';
import type { Store } from '../../store/index.js';
import type { IssuerKeys, KeyRing } from '../../sts/index.js';
import type { Enforcement, RequestFacts, SoftDenial } from '../iam/authorizer.js';
import type { ManagedCatalogue } from '../iam/managed-catalogue.js';

export interface UnsignedStsDeps {
  readonly state: Snapshot;
  readonly store: Store;
  readonly secrets: SecretBox;
  readonly catalogue: ManagedCatalogue;
  readonly keyRing: KeyRing;
  readonly now: Date;
  /** The HTTP request's global condition keys (§3.8). */
  readonly facts: RequestFacts;
  /** OIDC issuers' signing keys, cached per node. */
  readonly issuerKeys: IssuerKeys;
  /** Soft enforcement allows a denied trust policy but reports it, as the authorizer does for signed calls. */
  readonly enforcement: Enforcement;
  readonly onSoftDenial: (denial: SoftDenial) => void;
}

export type UnsignedStsHandler = (deps: UnsignedStsDeps, input: Record<string, unknown>) => Promise<Record<string, unknown>>;
