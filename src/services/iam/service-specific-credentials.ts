// Service-specific credentials (IAM API reference, CreateServiceSpecificCredential): a generated user name
// and password for CodeCommit and Keyspaces, or an API key for Bedrock and CloudWatch Logs, at most 2 per
// user per service. The password or key is returned only by Create and Reset and stored sealed.

import { randomBytes } from 'node:crypto';
import { AwsError, iamArn, limitExceeded, noSuchEntity, validationError } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import { pageOutput, paginate } from './pagination.js';
import { dataOf, isoNow, KIND } from './records.js';
import { CREDENTIAL_KIND, newCredentialId, settableStatus, type ServiceSpecificCredentialData } from './user-credentials.js';
import { findUser, userCheck, callingUser } from './users.js';

export const SERVICE_SPECIFIC_CREDENTIALS_PER_USER_PER_SERVICE = 2;

/** Services whose credential is a user name and password. */
const PASSWORD_SERVICES: ReadonlySet<string> = new Set(['codecommit.amazonaws.com', 'cassandra.amazonaws.com']);
/** Services whose credential is an API key (alias and secret), which may expire after CredentialAgeDays. */
const API_KEY_SERVICES: ReadonlySet<string> = new Set(['bedrock.amazonaws.com', 'logs.amazonaws.com']);

const DAY_MS = 24 * 60 * 60 * 1000;

const requireSupported = (service: string): void => {
  if (!PASSWORD_SERVICES.has(service) && !API_KEY_SERVICES.has(service)) {
    throw new AwsError('NotSupportedService', `No such service ${service} is supported for Service-Specific Credentials`);
  }
};

/** The service generates the secret; Bedrock's long-term keys carry its ABSK prefix. */
const newSecret = (service: string, alias: string): string => {
  if (!API_KEY_SERVICES.has(service)) return randomBytes(33).toString('base64');
  const key = Buffer.from(`${alias}:${randomBytes(30).toString('base64')}`).toString('base64');
  return service === 'bedrock.amazonaws.com' ? `ABSK${key}` : key;
};

/** The user named, else the calling IAM user; undefined for the root user, which has no such credentials. */
const targetUser = (ctx: IamContext, userName: unknown): StoredRecord | undefined => {
  if (typeof userName === 'string') return findUser(ctx, userName);
  if (ctx.caller.kind === 'root') return undefined;
  const self = callingUser(ctx);
  return self;
};

const authorizeOn = (ctx: IamContext, action: string, user: StoredRecord | undefined): void => {
  ctx.authorize(user ? userCheck(action, user) : { action, resource: iamArn(ctx.account, 'user', '', '/') });
};

const credentialNotFound = (id: string) => noSuchEntity(`The Service Specific Credential with id ${id} cannot be found.`);

const findCredential = (ctx: IamContext, user: StoredRecord | undefined, id: string): StoredRecord => {
  const credential = ctx.state.get(CREDENTIAL_KIND.serviceSpecificCredential, id);
  if (credential === undefined || credential.account !== ctx.account || credential.scope !== user?.id) throw credentialNotFound(id);
  return credential;
};

/** Expired is reported once an API key's expiration date has passed. */
const statusAt = (data: ServiceSpecificCredentialData, now: Date): string =>
  data.expirationDate !== undefined && now >= new Date(data.expirationDate) ? 'Expired' : data.status;

/** ServiceSpecificCredentialMetadata; the user name is the owner's current one. */
const metadataOutput = (ctx: IamContext, record: StoredRecord): Record<string, unknown> => {
  const data = dataOf<ServiceSpecificCredentialData>(record);
  return {
    UserName: ctx.state.get(KIND.user, record.scope)?.name ?? '',
    Status: statusAt(data, ctx.now),
    ...(data.serviceUserName !== undefined && { ServiceUserName: data.serviceUserName }),
    ...(data.serviceCredentialAlias !== undefined && { ServiceCredentialAlias: data.serviceCredentialAlias }),
    CreateDate: data.createDate,
    ...(data.expirationDate !== undefined && { ExpirationDate: data.expirationDate }),
    ServiceSpecificCredentialId: record.id,
    ServiceName: data.serviceName,
  };
};

/** ServiceSpecificCredential: the metadata and, this once, the secret in the member its kind uses. */
const credentialOutput = (ctx: IamContext, record: StoredRecord, secret: string): Record<string, unknown> => {
  const isApiKey = dataOf<ServiceSpecificCredentialData>(record).serviceCredentialAlias !== undefined;
  return { ServiceSpecificCredential: { ...metadataOutput(ctx, record), [isApiKey ? 'ServiceCredentialSecret' : 'ServicePassword']: secret } };
};

const createServiceSpecificCredential: IamHandler = async (ctx, input) => {
  const user = findUser(ctx, input.UserName as string);
  ctx.authorize(userCheck('iam:CreateServiceSpecificCredential', user));
  const service = input.ServiceName as string;
  requireSupported(service);
  const ageDays = input.CredentialAgeDays as number | undefined;
  const isApiKey = API_KEY_SERVICES.has(service);
  if (ageDays !== undefined && !isApiKey) throw validationError('CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys.');
  // The generated name: the IAM user name and the account id, e.g. jane-at-123456789012.
  const generatedName = `${user.name}-at-${ctx.account}`;
  const secret = newSecret(service, generatedName);
  const record = await ctx.write(async (tx) => {
    if ((await tx.getById(KIND.user, user.id)) === undefined) throw noSuchEntity(`The user with name ${user.name} cannot be found.`);
    const existing = (await tx.list(ctx.account, CREDENTIAL_KIND.serviceSpecificCredential, user.id)).filter(
      (c) => dataOf<ServiceSpecificCredentialData>(c).serviceName === service,
    );
    if (existing.length >= SERVICE_SPECIFIC_CREDENTIALS_PER_USER_PER_SERVICE) {
      throw limitExceeded(`Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${SERVICE_SPECIFIC_CREDENTIALS_PER_USER_PER_SERVICE}`);
    }
    const id = newCredentialId('ACCA', 17);
    const data: ServiceSpecificCredentialData = {
      serviceName: service,
      ...(isApiKey ? { serviceCredentialAlias: generatedName } : { serviceUserName: generatedName }),
      sealedSecret: ctx.secrets.seal(secret),
      status: 'Active',
      createDate: isoNow(ctx.now),
      ...(ageDays !== undefined && { expirationDate: isoNow(new Date(ctx.now.getTime() + ageDays * DAY_MS)) }),
    };
    return tx.insert({ account: ctx.account, kind: CREDENTIAL_KIND.serviceSpecificCredential, id, scope: user.id, name: id, data });
  });
  return credentialOutput(ctx, record, secret);
};

const listServiceSpecificCredentials: IamHandler = async (ctx, input) => {
  const service = input.ServiceName as string | undefined;
  if (service !== undefined) requireSupported(service);
  let credentials: StoredRecord[];
  if (input.AllUsers === true) {
    if (input.UserName !== undefined) throw validationError('AllUsers cannot be specified together with UserName.');
    authorizeOn(ctx, 'iam:ListServiceSpecificCredentials', undefined);
    credentials = ctx.state.all(CREDENTIAL_KIND.serviceSpecificCredential).filter((c) => c.account === ctx.account);
    credentials.sort((a, b) => (a.createdAt.getTime() - b.createdAt.getTime()) || a.id.localeCompare(b.id));
  } else {
    const user = targetUser(ctx, input.UserName);
    authorizeOn(ctx, 'iam:ListServiceSpecificCredentials', user);
    credentials = user ? ctx.state.list(ctx.account, CREDENTIAL_KIND.serviceSpecificCredential, user.id) : [];
  }
  const matching = credentials.filter((c) => service === undefined || dataOf<ServiceSpecificCredentialData>(c).serviceName === service);
  return pageOutput('ServiceSpecificCredentials', paginate(matching, input), (c) => metadataOutput(ctx, c));
};

const updateServiceSpecificCredential: IamHandler = async (ctx, input) => {
  const user = targetUser(ctx, input.UserName);
  authorizeOn(ctx, 'iam:UpdateServiceSpecificCredential', user);
  const credential = findCredential(ctx, user, input.ServiceSpecificCredentialId as string);
  const status = settableStatus(input.Status);
  await ctx.write(async (tx) => {
    const current = await tx.getById(CREDENTIAL_KIND.serviceSpecificCredential, credential.id);
    if (current === undefined) throw credentialNotFound(credential.id);
    await tx.update(CREDENTIAL_KIND.serviceSpecificCredential, credential.id, { data: { ...dataOf<ServiceSpecificCredentialData>(current), status } });
  });
  return undefined;
};

const resetServiceSpecificCredential: IamHandler = async (ctx, input) => {
  const user = targetUser(ctx, input.UserName);
  authorizeOn(ctx, 'iam:ResetServiceSpecificCredential', user);
  const credential = findCredential(ctx, user, input.ServiceSpecificCredentialId as string);
  const data = dataOf<ServiceSpecificCredentialData>(credential);
  const secret = newSecret(data.serviceName, data.serviceCredentialAlias ?? data.serviceUserName ?? '');
  const record = await ctx.write(async (tx) => {
    const current = await tx.getById(CREDENTIAL_KIND.serviceSpecificCredential, credential.id);
    if (current === undefined) throw credentialNotFound(credential.id);
    const next: ServiceSpecificCredentialData = { ...dataOf<ServiceSpecificCredentialData>(current), sealedSecret: ctx.secrets.seal(secret) };
    return tx.update(CREDENTIAL_KIND.serviceSpecificCredential, credential.id, { data: next });
  });
  return credentialOutput(ctx, record, secret);
};

const deleteServiceSpecificCredential: IamHandler = async (ctx, input) => {
  const user = targetUser(ctx, input.UserName);
  authorizeOn(ctx, 'iam:DeleteServiceSpecificCredential', user);
  const credential = findCredential(ctx, user, input.ServiceSpecificCredentialId as string);
  await ctx.write(async (tx) => {
    if (!(await tx.delete(CREDENTIAL_KIND.serviceSpecificCredential, credential.id))) throw credentialNotFound(credential.id);
  });
  return undefined;
};

export const SERVICE_SPECIFIC_CREDENTIAL_OPERATIONS: Record<string, IamHandler> = {
  CreateServiceSpecificCredential: createServiceSpecificCredential,
  ListServiceSpecificCredentials: listServiceSpecificCredentials,
  UpdateServiceSpecificCredential: updateServiceSpecificCredential,
  ResetServiceSpecificCredential: resetServiceSpecificCredential,
  DeleteServiceSpecificCredential: deleteServiceSpecificCredential,
};
