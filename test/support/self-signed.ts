// A throwaway self-signed certificate for test identity providers, made with the openssl CLI (node:crypto
// cannot write X.509): an RSA key, and a certificate for the given host names and 127.0.0.1.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface SelfSigned {
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate as a file: what KEYCARD_OIDC_CA_FILE names. */
  readonly certFile: string;
  /** The certificate's base64 DER, as SAML metadata carries it. */
  readonly certBase64: string;
}

export const selfSigned = async (commonName: string, hosts: readonly string[] = []): Promise<SelfSigned> => {
  const dir = mkdtempSync(join(tmpdir(), 'keycard-cert-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const names = [...hosts.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
    '-keyout', keyFile, '-out', certFile, '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=${names}`,
  ]);
  const certPem = readFileSync(certFile, 'utf8');
  const certBase64 = certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return { certPem, keyPem: readFileSync(keyFile, 'utf8'), certFile, certBase64 };
};
