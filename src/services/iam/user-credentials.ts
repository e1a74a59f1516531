// The records of a user's credentials other than passwords and access keys — SSH public keys, signing
// certificates and service-specific credentials — kept apart from the operations so that DeleteUser (which
// must refuse while any remain, §6.5) and the credential report can read them without an import cycle.

import { randomBytes } from 'node:crypto';
import { invalidInput } from '../../domain/index.js';

/** Kinds kept out of records.ts's KIND table, which another change owns; same conventions. */
export const CREDENTIAL_KIND = {
  /** id = APKA…, scope = the user's id, name = the id. */
  sshPublicKey: 'ssh-public-key',
  /** id = ASCA…, scope = the user's id (the account id for the root user's), name = the id. */
  signingCertificate: 'signing-certificate',
  /** id = ACCA…, scope = the user's id, name = the id. */
  serviceSpecificCredential: 'service-specific-credential',
} as const;

/** Active and Inactive are set by callers; Expired is only ever computed (an expiry date has passed). */
export type CredentialStatus = 'Active' | 'Inactive';

export interface SshPublicKeyData {
  /** The key exactly as uploaded. */
  readonly body: string;
  readonly format: 'SSH' | 'PEM';
  /** MD5 of the key's SSH wire encoding, colon-separated hex (what `ssh-keygen -l -E md5` prints). */
  readonly fingerprint: string;
  readonly status: CredentialStatus;
  readonly uploadDate: string;
}

export interface SigningCertificateData {
  readonly body: string;
  /** SHA-256 of the DER certificate: the same certificate may be uploaded once per account. */
  readonly fingerprint: string;
  readonly status: CredentialStatus;
  readonly uploadDate: string;
}

export interface ServiceSpecificCredentialData {
  readonly serviceName: string;
  /** Password services (CodeCommit, Keyspaces): the generated user name, e.g. jane-at-123456789012. */
  readonly serviceUserName?: string;
  /** API-key services (Bedrock, CloudWatch Logs): the public part of the key. */
  readonly serviceCredentialAlias?: string;
  /** The password or API key, sealed under the master key; returned only by Create and Reset. */
  readonly sealedSecret: string;
  readonly status: CredentialStatus;
  readonly createDate: string;
  readonly expirationDate?: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A random id with one of §6.1's prefixes (APKA, ASCA, ACCA), upper-case letters and digits after it. */
export const newCredentialId = (prefix: 'APKA' | 'ASCA' | 'ACCA', length: number): string => {
  const bytes = randomBytes(length);
  let text = prefix;
  for (let i = 0; i < length; i++) text += ALPHABET[bytes[i]! & 31];
  return text;
};

/** Expired is a status IAM reports, never one a caller sets. */
export const settableStatus = (status: unknown): CredentialStatus => {
  if (status === 'Active' || status === 'Inactive') return status;
  throw invalidInput(`Status ${String(status)} cannot be set; use Active or Inactive.`);
};
