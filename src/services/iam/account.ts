// Account-wide IAM operations: the summary of usage and quotas (§6.4) and the account alias (§6.3).

import { AwsError, entityAlreadyExists, noSuchEntity } from '../../domain/index.js';
import { RecordExistsError, type StoreTransaction } from '../../store/index.js';
import type { IamHandler } from './context.js';
import { dataOf, KIND, type AccountData } from './records.js';
import { MFA_DEVICE_KIND, type MfaDeviceData } from './mfa-devices.js';
import { SERVER_CERTIFICATE_KIND } from './server-certificates.js';
import { USERS_PER_ACCOUNT } from './users.js';
import { ACCESS_KEYS_PER_USER } from './access-keys.js';
import { globalEndpointTokenVersionOf } from './sts-preferences.js';

/** Quotas reported by GetAccountSummary and enforced by the operations that create things (§6.4). */
export const QUOTAS = {
  UsersQuota: USERS_PER_ACCOUNT,
  GroupsQuota: 300,
  RolesQuota: 1000,
  PoliciesQuota: 1500,
  InstanceProfilesQuota: 1000,
  ServerCertificatesQuota: 20,
  PolicySizeQuota: 6144,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  RolePolicySizeQuota: 10240,
  AssumeRolePolicySizeQuota: 2048,
  AttachedPoliciesPerUserQuota: 10,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  VersionsPerPolicyQuota: 5,
  GroupsPerUserQuota: 10,
  AccessKeysPerUserQuota: ACCESS_KEYS_PER_USER,
  SigningCertificatesPerUserQuota: 2,
  GlobalEndpointTokenVersion: 1,
} as const;

const getAccountSummary: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:GetAccountSummary', resource: '*' });
  const count = (kind: string) => ctx.state.list(ctx.account, kind).length;
  const policyVersions = ctx.state.all(KIND.policyVersion).filter((v) => v.account === ctx.account).length;
  const rootKeys = ctx.state.list(ctx.account, KIND.accessKey, ctx.account).length;
  const mfaDevices = ctx.state.list(ctx.account, MFA_DEVICE_KIND);
  const summary: Record<string, number> = {
    ...QUOTAS,
    Users: count(KIND.user),
    Groups: count(KIND.group),
    Roles: count(KIND.role),
    Policies: count(KIND.policy),
    PolicyVersionsInUse: policyVersions,
    InstanceProfiles: count(KIND.instanceProfile),
    AccountAccessKeysPresent: rootKeys > 0 ? 1 : 0,
    AccountMFAEnabled: 0,
    MFADevices: mfaDevices.length,
    MFADevicesInUse: mfaDevices.filter((d) => dataOf<MfaDeviceData>(d).userId !== undefined).length,
    ServerCertificates: count(SERVER_CERTIFICATE_KIND),
    Providers: count(KIND.oidcProvider) + count(KIND.samlProvider),
    GlobalEndpointTokenVersion: globalEndpointTokenVersionOf(ctx.state.get(KIND.account, ctx.account)),
  };
  return { SummaryMap: summary };
};

const ACCOUNT_ALIAS = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

const createAccountAlias: IamHandler = async (ctx, input) => {
  const alias = input.AccountAlias as string;
  ctx.authorize({ action: 'iam:CreateAccountAlias', resource: '*' });
  if (!ACCOUNT_ALIAS.test(alias) || /^\d{12}$/.test(alias)) {
    throw new AwsError('ValidationError', `The specified value for accountAlias is invalid. It must contain only lowercase letters, digits and hyphens, must not be a 12-digit number, and must start and end with a letter or digit.`);
  }
  await ctx.write(async (tx) => {
    const account = await tx.getById(KIND.account, ctx.account);
    if (account === undefined) throw noSuchEntity(`The account ${ctx.account} cannot be found.`);
    const data = dataOf<AccountData>(account);
    // Aliases are unique across every account (§6.3): the claim's key is the alias itself, so two accounts
    // racing for one alias cannot both commit, whichever nodes they write through.
    const claim = await tx.getById(KIND.accountAlias, alias);
    if (data.alias === alias) {
      // An alias set before claims were kept gets its claim now, unless another account has claimed it since.
      if (claim === undefined) await claimAlias(tx, ctx.account, alias);
      return;
    }
    if (claim !== undefined) throw aliasTaken(alias);
    await claimAlias(tx, ctx.account, alias);
    if (data.alias !== undefined) await releaseAlias(tx, ctx.account, data.alias); // an account has one alias: a new one replaces it
    await tx.update(KIND.account, ctx.account, { data: { ...data, alias } });
  });
  return undefined;
};

const aliasTaken = (alias: string) => entityAlreadyExists(`The account alias ${alias} already exists.`);

const claimAlias = async (tx: StoreTransaction, account: string, alias: string): Promise<void> => {
  try {
    await tx.insert({ account, kind: KIND.accountAlias, id: alias, scope: '', name: alias, data: {} });
  } catch (error) {
    // Another account claimed it between the read and the insert (on another node): theirs stands.
    if (error instanceof RecordExistsError) throw aliasTaken(alias);
    throw error;
  }
};

/** Drops the account's claim on an alias; a claim another account holds (on an alias set before claims) stays. */
const releaseAlias = async (tx: StoreTransaction, account: string, alias: string): Promise<void> => {
  const claim = await tx.getById(KIND.accountAlias, alias);
  if (claim?.account === account) await tx.delete(KIND.accountAlias, alias);
};

const listAccountAliases: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:ListAccountAliases', resource: '*' });
  const account = ctx.state.get(KIND.account, ctx.account);
  const alias = account && dataOf<AccountData>(account).alias;
  return { AccountAliases: alias ? [alias] : [], IsTruncated: false };
};

const deleteAccountAlias: IamHandler = async (ctx, input) => {
  const alias = input.AccountAlias as string;
  ctx.authorize({ action: 'iam:DeleteAccountAlias', resource: '*' });
  await ctx.write(async (tx) => {
    const account = await tx.getById(KIND.account, ctx.account);
    const data = account ? dataOf<AccountData>(account) : {};
    if (data.alias !== alias) throw noSuchEntity(`The account alias ${alias} cannot be found.`);
    await releaseAlias(tx, ctx.account, alias);
    const { alias: _removed, ...rest } = data;
    await tx.update(KIND.account, ctx.account, { data: rest });
  });
  return undefined;
};

export const ACCOUNT_OPERATIONS: Record<string, IamHandler> = {
  GetAccountSummary: getAccountSummary,
  CreateAccountAlias: createAccountAlias,
  ListAccountAliases: listAccountAliases,
  DeleteAccountAlias: deleteAccountAlias,
};
