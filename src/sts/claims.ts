// What a session token carries (DESIGN decision 4): everything needed to authenticate and authorize the
// session on any node without a lookup — the secret, the principal, expiry, session policies, tags, source
// identity, MFA state and how the session was obtained.

export type SessionPrincipal =
  /** AssumeRole / AssumeRoleWithWebIdentity / AssumeRoleWithSAML. */
  | { readonly kind: 'role-session'; readonly roleId: string; readonly roleName: string; readonly roleArn: string; readonly sessionName: string }
  /** GetFederationToken, by an IAM user (parent) or the root user (parentUserId undefined). */
  | { readonly kind: 'federated-user'; readonly name: string; readonly parentUserId?: string; readonly parentUserArn: string }
  /** GetSessionToken by an IAM user. */
  | { readonly kind: 'user'; readonly userId: string; readonly userName: string; readonly arn: string }
  /** GetSessionToken by the root user. */
  | { readonly kind: 'root' };

export type SessionOrigin = 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'AssumeRoleWithSAML' | 'GetFederationToken' | 'GetSessionToken';

export interface SessionClaims {
  readonly version: 1;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The account the session's principal belongs to (the role's account for role sessions). */
  readonly account: string;
  readonly principal: SessionPrincipal;
  readonly origin: SessionOrigin;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** Inline session policy text, and managed session policy ARNs (§5.6). */
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  /** Session tags, and which of them pass along a role chain (§5.7). */
  readonly tags?: Readonly<Record<string, string>>;
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string;
  /** When MFA was verified for this session (epoch ms); absent without MFA. */
  readonly mfaAuthenticatedAt?: number;
  /** `aws:FederatedProvider` and the IdP claims that carry over into later requests (§3.9). */
  readonly federatedProvider?: string;
  readonly carriedKeys?: Readonly<Record<string, string | readonly string[]>>;
}
