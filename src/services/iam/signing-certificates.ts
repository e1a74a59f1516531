// X.509 signing certificates (§6.4: at most 2 per user, and per root user): PEM certificates, each at most
// once in the account, with an Active/Inactive status. UserName left out means the caller (IAM API
// reference, UploadSigningCertificate).

import { X509Certificate } from 'node:crypto';
import { AwsError, limitExceeded, noSuchEntity, rootArn } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND } from './records.js';
import { CREDENTIAL_KIND, newCredentialId, settableStatus, type SigningCertificateData } from './user-credentials.js';
import { findUser, userCheck, callingUser } from './users.js';

export const SIGNING_CERTIFICATES_PER_USER = 2;

/** Whose certificates: the user named, else the caller (an IAM user or the root user). */
interface CertificateOwner {
  /** The scope of the owner's certificate records: the user's id, or the account id for the root user. */
  readonly scope: string;
  readonly user?: StoredRecord;
}

const certificateOwner = (ctx: IamContext, userName: unknown): CertificateOwner => {
  if (typeof userName === 'string') {
    const user = findUser(ctx, userName);
    return { scope: user.id, user };
  }
  if (ctx.caller.kind === 'root') return { scope: ctx.account };
  const user = callingUser(ctx);
  return { scope: user.id, user };
};

const authorizeOn = (ctx: IamContext, action: string, owner: CertificateOwner): void => {
  ctx.authorize(owner.user ? userCheck(action, owner.user) : { action, resource: rootArn(ctx.account) });
};

const malformed = () => new AwsError('MalformedCertificate', 'Unable to parse certificate. Please ensure the certificate is in PEM format.');

/** Parses the PEM certificate; a certificate outside its validity period is refused as invalid. */
export const readCertificate = (body: string, now: Date, label = 'certificate'): X509Certificate => {
  if (!body.includes('-----BEGIN CERTIFICATE-----')) throw malformed();
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(body);
  } catch {
    throw malformed();
  }
  if (now < new Date(certificate.validFrom)) throw new AwsError('InvalidCertificate', `The ${label} is not valid yet.`);
  if (now > new Date(certificate.validTo)) throw new AwsError('InvalidCertificate', `The ${label} has expired.`);
  return certificate;
};

const certificateNotFound = (id: string) => noSuchEntity(`The Certificate with id ${id} cannot be found.`);

const findCertificate = (ctx: IamContext, owner: CertificateOwner, id: string): StoredRecord => {
  const certificate = ctx.state.get(CREDENTIAL_KIND.signingCertificate, id);
  if (certificate === undefined || certificate.account !== ctx.account || certificate.scope !== owner.scope) throw certificateNotFound(id);
  return certificate;
};

/** The SigningCertificate shape; the root user's certificates carry no user name. */
const certificateOutput = (ctx: IamContext, record: StoredRecord): Record<string, unknown> => {
  const data = dataOf<SigningCertificateData>(record);
  const user = record.scope === ctx.account ? undefined : ctx.state.get(KIND.user, record.scope);
  return {
    ...(user !== undefined && { UserName: user.name }),
    CertificateId: record.id,
    CertificateBody: data.body,
    Status: data.status,
    UploadDate: data.uploadDate,
  };
};

const uploadSigningCertificate: IamHandler = async (ctx, input) => {
  const owner = certificateOwner(ctx, input.UserName);
  authorizeOn(ctx, 'iam:UploadSigningCertificate', owner);
  const body = input.CertificateBody as string;
  const fingerprint = readCertificate(body, ctx.now).fingerprint256;
  const record = await ctx.write(async (tx) => {
    if (owner.user && (await tx.getById(KIND.user, owner.user.id)) === undefined) {
      throw noSuchEntity(`The user with name ${owner.user.name} cannot be found.`);
    }
    const all = await tx.list(ctx.account, CREDENTIAL_KIND.signingCertificate);
    // The same certificate may belong to only one identity in the account (IAM API reference, DuplicateCertificate).
    if (all.some((c) => dataOf<SigningCertificateData>(c).fingerprint === fingerprint)) {
      throw new AwsError('DuplicateCertificate', 'The same certificate is already associated with an IAM user in the account.');
    }
    if (all.filter((c) => c.scope === owner.scope).length >= SIGNING_CERTIFICATES_PER_USER) {
      throw limitExceeded(`Cannot exceed quota for SigningCertificatesPerUser: ${SIGNING_CERTIFICATES_PER_USER}`);
    }
    const id = newCredentialId('ASCA', 28);
    const data: SigningCertificateData = { body, fingerprint, status: 'Active', uploadDate: isoNow(ctx.now) };
    return tx.insert({ account: ctx.account, kind: CREDENTIAL_KIND.signingCertificate, id, scope: owner.scope, name: id, data });
  });
  return { Certificate: certificateOutput(ctx, record) };
};

const listSigningCertificates: IamHandler = async (ctx, input) => {
  const owner = certificateOwner(ctx, input.UserName);
  authorizeOn(ctx, 'iam:ListSigningCertificates', owner);
  const certificates = ctx.state.list(ctx.account, CREDENTIAL_KIND.signingCertificate, owner.scope);
  return pageOutput('Certificates', paginate(certificates, input), (c) => certificateOutput(ctx, c));
};

const updateSigningCertificate: IamHandler = async (ctx, input) => {
  const owner = certificateOwner(ctx, input.UserName);
  authorizeOn(ctx, 'iam:UpdateSigningCertificate', owner);
  const certificate = findCertificate(ctx, owner, input.CertificateId as string);
  const status = settableStatus(input.Status);
  await ctx.write(async (tx) => {
    const current = await tx.getById(CREDENTIAL_KIND.signingCertificate, certificate.id);
    if (current === undefined) throw certificateNotFound(certificate.id);
    await tx.update(CREDENTIAL_KIND.signingCertificate, certificate.id, { data: { ...dataOf<SigningCertificateData>(current), status } });
  });
  return undefined;
};

const deleteSigningCertificate: IamHandler = async (ctx, input) => {
  const owner = certificateOwner(ctx, input.UserName);
  authorizeOn(ctx, 'iam:DeleteSigningCertificate', owner);
  const certificate = findCertificate(ctx, owner, input.CertificateId as string);
  await ctx.write(async (tx) => {
    if (!(await tx.delete(CREDENTIAL_KIND.signingCertificate, certificate.id))) throw certificateNotFound(certificate.id);
  });
  return undefined;
};

export const SIGNING_CERTIFICATE_OPERATIONS: Record<string, IamHandler> = {
  UploadSigningCertificate: uploadSigningCertificate,
  ListSigningCertificates: listSigningCertificates,
  UpdateSigningCertificate: updateSigningCertificate,
  DeleteSigningCertificate: deleteSigningCertificate,
};
