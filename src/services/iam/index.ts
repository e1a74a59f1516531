// The IAM service: every implemented operation by name, and what the server needs to run them.

import { ACCESS_KEY_OPERATIONS } from './access-keys.js';
import { ACCOUNT_OPERATIONS } from './account.js';
import { USER_BOUNDARY_OPERATIONS } from './boundaries.js';
import type { IamHandler } from './context.js';
import { USER_OPERATIONS } from './users.js';
import { ROLE_OPERATIONS } from './roles.js';
import { INSTANCE_PROFILE_OPERATIONS } from './instance-profiles.js';
import { SERVICE_LINKED_ROLE_OPERATIONS } from './service-linked-roles.js';
import { PROVIDER_OPERATIONS } from './providers.js';
import { GROUP_OPERATIONS } from './groups.js';
import { POLICY_OPERATIONS } from './policies.js';
import { ATTACHMENT_OPERATIONS } from './attachments.js';
import { INLINE_POLICY_OPERATIONS } from './inline-policies.js';
import { AUTHORIZATION_DETAILS_OPERATIONS } from './authorization-details.js';
import { LOGIN_PROFILE_OPERATIONS } from './login-profiles.js';
import { SIMULATION_OPERATIONS } from './simulation.js';
import { MFA_OPERATIONS } from './mfa.js';
import { SSH_PUBLIC_KEY_OPERATIONS } from './ssh-public-keys.js';
import { SIGNING_CERTIFICATE_OPERATIONS } from './signing-certificates.js';
import { SERVER_CERTIFICATE_OPERATIONS } from './server-certificates.js';
import { SERVICE_SPECIFIC_CREDENTIAL_OPERATIONS } from './service-specific-credentials.js';
import { CREDENTIAL_REPORT_OPERATIONS } from './credential-report.js';
import { CHANGE_PASSWORD_OPERATIONS } from './change-password.js';
import { STS_PREFERENCES_OPERATIONS } from './sts-preferences.js';
import { OUTBOUND_FEDERATION_OPERATIONS } from './outbound-federation.js';
import { SERVICE_ACCESS_OPERATIONS } from './service-access.js';

export const IAM_OPERATIONS: Readonly<Record<string, IamHandler>> = {
  ...USER_OPERATIONS,
  ...USER_BOUNDARY_OPERATIONS,
  ...ACCESS_KEY_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
  ...ROLE_OPERATIONS,
  ...INSTANCE_PROFILE_OPERATIONS,
  ...SERVICE_LINKED_ROLE_OPERATIONS,
  ...PROVIDER_OPERATIONS,
  ...GROUP_OPERATIONS,
  ...POLICY_OPERATIONS,
  ...ATTACHMENT_OPERATIONS,
  ...INLINE_POLICY_OPERATIONS,
  ...AUTHORIZATION_DETAILS_OPERATIONS,
  ...LOGIN_PROFILE_OPERATIONS,
  ...SIMULATION_OPERATIONS,
  ...MFA_OPERATIONS,
  ...SSH_PUBLIC_KEY_OPERATIONS,
  ...SIGNING_CERTIFICATE_OPERATIONS,
  ...SERVER_CERTIFICATE_OPERATIONS,
  ...SERVICE_SPECIFIC_CREDENTIAL_OPERATIONS,
  ...CREDENTIAL_REPORT_OPERATIONS,
  ...CHANGE_PASSWORD_OPERATIONS,
  ...STS_PREFERENCES_OPERATIONS,
  ...OUTBOUND_FEDERATION_OPERATIONS,
  ...SERVICE_ACCESS_OPERATIONS,
};

export type { AuthorizationCheck, IamContext, IamHandler } from './context.js';
export { Authorizer, type Enforcement, type RequestFacts, type SoftDenial } from './authorizer.js';
export { ManagedCatalogue } from './managed-catalogue.js';
export { dataOf, isoNow, KIND, type AccessKeyData, type AccountData, type UserData } from './records.js';
