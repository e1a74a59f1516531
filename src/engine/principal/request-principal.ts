// The caller of a request, as evaluation sees it: one variant per kind of principal (§2.3, §3.7).

export type RequestPrincipal =
  | {
      readonly kind: 'user';
      readonly arn: string;
      readonly account: string;
      readonly name: string;
      readonly userId?: string;
    }
  | {
      readonly kind: 'role-session';
      /** arn:aws:sts::ACCT:assumed-role/Role/session */
      readonly arn: string;
      readonly account: string;
      /** The role's IAM ARN, with its path. */
      readonly roleArn: string;
      readonly roleName: string;
      readonly sessionName: string;
      readonly roleId?: string;
    }
  | {
      readonly kind: 'federated-user';
      readonly arn: string;
      readonly account: string;
      readonly name: string;
      /** The IAM user that called GetFederationToken. */
      readonly parentUserArn?: string;
    }
  | { readonly kind: 'root'; readonly arn: string; readonly account: string }
  /** An AWS service principal such as cloudtrail.amazonaws.com. */
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'anonymous' }
  /** The holder of an OIDC token or SAML assertion calling AssumeRoleWith*: matched by `Federated`. */
  | { readonly kind: 'web-identity' | 'saml'; readonly provider: string };

export type PrincipalType = RequestPrincipal['kind'];

export const PRINCIPAL_TYPES: readonly PrincipalType[] = [
  'user',
  'role-session',
  'federated-user',
  'root',
  'service',
  'anonymous',
  'web-identity',
  'saml',
];

/** The account a principal belongs to; undefined for services, anonymous callers and IdP-backed callers. */
export const principalAccount = (principal: RequestPrincipal): string | undefined =>
  'account' in principal ? principal.account : undefined;

/** The ARN that names the caller in messages (`User: ARN is not authorized…`). */
export const principalDisplayArn = (principal: RequestPrincipal): string => {
  switch (principal.kind) {
    case 'service':
      return principal.service;
    case 'anonymous':
      return 'anonymous';
    case 'web-identity':
    case 'saml':
      return principal.provider;
    default:
      return principal.arn;
  }
};
