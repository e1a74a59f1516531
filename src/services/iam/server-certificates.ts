// Server certificates (§6.2 ARN, §6.4: 20 per account): a PEM certificate, its matching private key — kept
// sealed under the master key and never returned — and an optional chain, each link signed by the next;
// names unique without regard to case (§6.3); tag keys are case-sensitive.

import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { AwsError, entityAlreadyExists, iamArn, limitExceeded, noSuchEntity } from '../../domain/index.js';
import type { StoredRecord, StoreTransaction } from '../../store/index.js';
import type { AuthorizationCheck, IamContext, IamHandler } from './context.js';
import { matchesPathPrefix, pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, type Tag } from './records.js';
import { checkNewTags, readTags, requestTagContext, resourceTagContext, tagsOutput } from './tags.js';
import { tagOperations } from './tag-operations.js';
import { newCredentialId } from './user-credentials.js';

/** Kept out of records.ts's KIND table, which another change owns: id = ASCA…, scope '', name = the certificate name. */
export const SERVER_CERTIFICATE_KIND = 'server-certificate';

/** §6.4's default; GetAccountSummary reports the same number as ServerCertificatesQuota. */
export const SERVER_CERTIFICATES_PER_ACCOUNT = 20;

export interface ServerCertificateData {
  readonly path: string;
  readonly arn: string;
  readonly uploadDate: string;
  /** The certificate's notAfter. */
  readonly expiration: string;
  readonly body: string;
  readonly chain?: string;
  /** The PEM private key, sealed with SecretBox (AES-256-GCM); no operation returns it. */
  readonly sealedPrivateKey: string;
  readonly tags: readonly Tag[];
}

// ---- Checking what is uploaded.

const malformed = (what: string) => new AwsError('MalformedCertificate', `Unable to parse ${what}. Please ensure the ${what} is in PEM format.`);

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

const parseCertificate = (pem: string, what: string): X509Certificate => {
  try {
    return new X509Certificate(pem);
  } catch {
    throw malformed(what);
  }
};

const parsePrivateKey = (pem: string): KeyObject => {
  try {
    // An encrypted key fails here too: IAM takes the key unencrypted.
    return createPrivateKey(pem);
  } catch {
    throw malformed('private key');
  }
};

/** Each certificate of the chain must have issued (and signed) the one before it, starting from the body. */
const checkChain = (body: X509Certificate, chainPem: string): void => {
  const links = (chainPem.match(PEM_CERTIFICATE) ?? []).map((pem) => parseCertificate(pem, 'certificate chain'));
  if (links.length === 0) throw malformed('certificate chain');
  let child = body;
  links.forEach((issuer, index) => {
    if (!child.checkIssued(issuer) || !child.verify(issuer.publicKey)) {
      throw new AwsError(
        'MalformedCertificate',
        'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, ' +
          `followed by any intermediaries in order. The index within the chain of the invalid certificate is: ${index}`,
      );
    }
    child = issuer;
  });
};

// ---- Lookups and shapes.

const notFound = (name: string) => noSuchEntity(`The Server Certificate with name ${name} cannot be found.`);

const findCertificate = (ctx: IamContext, name: string): StoredRecord => {
  const certificate = ctx.state.byName(ctx.account, SERVER_CERTIFICATE_KIND, '', name);
  if (certificate === undefined) throw notFound(name);
  return certificate;
};

const certificateCheck = (action: string, record: StoredRecord, extra: AuthorizationCheck['context'] = {}): AuthorizationCheck => ({
  action,
  resource: dataOf<ServerCertificateData>(record).arn,
  context: { ...resourceTagContext(dataOf<ServerCertificateData>(record).tags), ...extra },
});

const current = async (tx: StoreTransaction, record: StoredRecord) => {
  const found = await tx.getById(SERVER_CERTIFICATE_KIND, record.id);
  if (found === undefined) throw notFound(record.name);
  return dataOf<ServerCertificateData>(found);
};

const metadataOutput = (record: StoredRecord): Record<string, unknown> => {
  const data = dataOf<ServerCertificateData>(record);
  return {
    Path: data.path,
    ServerCertificateName: record.name,
    ServerCertificateId: record.id,
    Arn: data.arn,
    UploadDate: data.uploadDate,
    Expiration: data.expiration,
  };
};

// ---- Operations.

const uploadServerCertificate: IamHandler = async (ctx, input) => {
  const name = input.ServerCertificateName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const tags = readTags(input.Tags);
  const arn = iamArn(ctx.account, 'server-certificate', name, path);
  ctx.authorize({ action: 'iam:UploadServerCertificate', resource: arn, context: requestTagContext(tags) });
  // Tag keys on server certificates are case-sensitive (§6.3).
  checkNewTags(tags, 'sensitive');
  const body = input.CertificateBody as string;
  const privateKey = input.PrivateKey as string;
  const chain = input.CertificateChain as string | undefined;
  const certificate = parseCertificate(body, 'certificate');
  const key = parsePrivateKey(privateKey);
  if (!certificate.checkPrivateKey(key)) throw new AwsError('KeyPairMismatch', 'Public key certificate and private key do not match.');
  if (chain !== undefined) checkChain(certificate, chain);
  const data: ServerCertificateData = {
    path,
    arn,
    uploadDate: isoNow(ctx.now),
    expiration: isoNow(new Date(certificate.validTo)),
    body,
    ...(chain !== undefined && { chain }),
    sealedPrivateKey: ctx.secrets.seal(privateKey),
    tags,
  };
  const record = await ctx.write(async (tx) => {
    if ((await tx.getByName(ctx.account, SERVER_CERTIFICATE_KIND, '', name)) !== undefined) {
      throw entityAlreadyExists(`The Server Certificate with name ${name} already exists.`);
    }
    if ((await tx.count(ctx.account, SERVER_CERTIFICATE_KIND)) >= SERVER_CERTIFICATES_PER_ACCOUNT) {
      throw limitExceeded(`Cannot exceed quota for ServerCertificatesPerAccount: ${SERVER_CERTIFICATES_PER_ACCOUNT}`);
    }
    return tx.insert({ account: ctx.account, kind: SERVER_CERTIFICATE_KIND, id: newCredentialId('ASCA', 17), scope: '', name, data });
  });
  return { ServerCertificateMetadata: metadataOutput(record), ...tagsOutput(tags) };
};

const getServerCertificate: IamHandler = async (ctx, input) => {
  const record = findCertificate(ctx, input.ServerCertificateName as string);
  ctx.authorize(certificateCheck('iam:GetServerCertificate', record));
  const data = dataOf<ServerCertificateData>(record);
  return {
    ServerCertificate: {
      ServerCertificateMetadata: metadataOutput(record),
      CertificateBody: data.body,
      ...(data.chain !== undefined && { CertificateChain: data.chain }),
      ...tagsOutput(data.tags),
    },
  };
};

const listServerCertificates: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:ListServerCertificates', resource: iamArn(ctx.account, 'server-certificate', '', '/') });
  const certificates = ctx.state
    .list(ctx.account, SERVER_CERTIFICATE_KIND)
    .filter((c) => matchesPathPrefix(dataOf<ServerCertificateData>(c).path, input.PathPrefix));
  return pageOutput('ServerCertificateMetadataList', paginate(certificates, input), metadataOutput);
};

const updateServerCertificate: IamHandler = async (ctx, input) => {
  const record = findCertificate(ctx, input.ServerCertificateName as string);
  const data = dataOf<ServerCertificateData>(record);
  const newName = (input.NewServerCertificateName as string | undefined) ?? record.name;
  const path = (input.NewPath as string | undefined) ?? data.path;
  const arn = iamArn(ctx.account, 'server-certificate', newName, path);
  // AWS requires permission on the certificate under both its old and its new name (UpdateServerCertificate).
  ctx.authorize(certificateCheck('iam:UpdateServerCertificate', record));
  if (arn !== data.arn) ctx.authorize({ action: 'iam:UpdateServerCertificate', resource: arn, context: resourceTagContext(data.tags) });
  await ctx.write(async (tx) => {
    const latest = await current(tx, record);
    const clash = await tx.getByName(ctx.account, SERVER_CERTIFICATE_KIND, '', newName);
    if (clash !== undefined && clash.id !== record.id) throw entityAlreadyExists(`The Server Certificate with name ${newName} already exists.`);
    await tx.update(SERVER_CERTIFICATE_KIND, record.id, { name: newName, data: { ...latest, path, arn } });
  });
  return undefined;
};

const deleteServerCertificate: IamHandler = async (ctx, input) => {
  const record = findCertificate(ctx, input.ServerCertificateName as string);
  ctx.authorize(certificateCheck('iam:DeleteServerCertificate', record));
  await ctx.write(async (tx) => {
    if (!(await tx.delete(SERVER_CERTIFICATE_KIND, record.id))) throw notFound(record.name);
  });
  return undefined;
};

export const SERVER_CERTIFICATE_OPERATIONS: Record<string, IamHandler> = {
  UploadServerCertificate: uploadServerCertificate,
  GetServerCertificate: getServerCertificate,
  ListServerCertificates: listServerCertificates,
  UpdateServerCertificate: updateServerCertificate,
  DeleteServerCertificate: deleteServerCertificate,
  ...tagOperations({
    label: 'ServerCertificate',
    keyCase: 'sensitive',
    find: (ctx, input) => findCertificate(ctx, input.ServerCertificateName as string),
    check: (action, record) => certificateCheck(action, record),
    notFound: (record) => notFound(record.name),
  }),
};
