// The credential report (IAM User Guide, "Getting credential reports"): a CSV row for the root user and each
// IAM user on their password, MFA, access keys and signing certificates; regenerated at most every 4 hours,
// expired 4 hours after generation. Built at once, so GetCredentialReport never answers ReportInProgress.

import { AwsError, rootArn } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamContext, IamHandler } from './context.js';
import type { LoginProfileData, PasswordPolicy } from './login-profiles.js';
import { passwordPolicyOf } from './login-profiles.js';
import { devicesOfUser } from './mfa-devices.js';
import { dataOf, isoNow, KIND, type AccessKeyData, type UserData } from './records.js';
import { CREDENTIAL_KIND, type SigningCertificateData } from './user-credentials.js';

/** Kept out of records.ts's KIND table, which another change owns: id = the account id, name "CredentialReport". */
export const CREDENTIAL_REPORT_KIND = 'credential-report';

export interface CredentialReportData {
  readonly generatedTime: string;
  /** The CSV text. */
  readonly content: string;
}

/** Both the minimum interval between generations and the report's lifetime. */
export const REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000;

export const REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  ...[1, 2].flatMap((n) => [
    `access_key_${n}_active`,
    `access_key_${n}_last_rotated`,
    `access_key_${n}_last_used_date`,
    `access_key_${n}_last_used_region`,
    `access_key_${n}_last_used_service`,
  ]),
  ...[1, 2].flatMap((n) => [`cert_${n}_active`, `cert_${n}_last_rotated`]),
] as const;

// ---- Building the rows. Times are ISO 8601 with an explicit offset, as the report writes them
// (2014-10-14T18:56:29+00:00); "N/A" marks what does not apply, "no_information" what was never recorded.

const NA = 'N/A';
const DAY_MS = 24 * 60 * 60 * 1000;

const reportTime = (iso: string | Date): string => isoNow(typeof iso === 'string' ? new Date(iso) : iso).replace(/Z$/, '+00:00');

const flag = (value: boolean): string => (value ? 'true' : 'false');

/** Orders by the API's date (to the second), then by when the store wrote the record, then by id. */
const oldestFirst =
  (dateOf: (record: StoredRecord) => string) =>
  (a: StoredRecord, b: StoredRecord): number =>
    dateOf(a).localeCompare(dateOf(b)) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);

/** The owner's access keys oldest first: access_key_1 and access_key_2. */
const accessKeyCells = (ctx: IamContext, scope: string): string[] => {
  const keys = ctx.state
    .list(ctx.account, KIND.accessKey, scope)
    .sort(oldestFirst((k) => dataOf<AccessKeyData>(k).createDate))
    .map((k) => dataOf<AccessKeyData>(k));
  return [0, 1].flatMap((i) => {
    const key = keys[i];
    if (key === undefined) return ['false', NA, NA, NA, NA];
    const used = key.lastUsed;
    return [flag(key.status === 'Active'), reportTime(key.createDate), used ? reportTime(used.date) : NA, used?.region ?? NA, used?.service ?? NA];
  });
};

/** The owner's signing certificates oldest first: cert_1 and cert_2. */
const certificateCells = (ctx: IamContext, scope: string): string[] => {
  const certificates = ctx.state
    .list(ctx.account, CREDENTIAL_KIND.signingCertificate, scope)
    .sort(oldestFirst((c) => dataOf<SigningCertificateData>(c).uploadDate))
    .map((c) => dataOf<SigningCertificateData>(c));
  return [0, 1].flatMap((i) => {
    const certificate = certificates[i];
    return certificate === undefined ? ['false', NA] : [flag(certificate.status === 'Active'), reportTime(certificate.uploadDate)];
  });
};

/** password_enabled … password_next_rotation for an IAM user. */
const passwordCells = (profile: StoredRecord | undefined, policy: PasswordPolicy | undefined): string[] => {
  if (profile === undefined) return ['false', NA, NA, NA];
  const data = dataOf<LoginProfileData>(profile);
  const changed = data.passwordLastChanged ?? data.createDate;
  const maxAge = policy?.MaxPasswordAge;
  const nextRotation = maxAge === undefined ? NA : reportTime(new Date(new Date(changed).getTime() + maxAge * DAY_MS));
  // Console sign-ins are not recorded, so a password's last use is never known.
  return ['true', 'no_information', reportTime(changed), nextRotation];
};

const rootRow = (ctx: IamContext): string[] => {
  const account = ctx.state.get(KIND.account, ctx.account);
  return [
    '<root_account>',
    rootArn(ctx.account),
    reportTime(account?.createdAt ?? ctx.now),
    // The root user's password is not an IAM login profile: its columns are not_supported.
    'not_supported',
    'no_information',
    'not_supported',
    'not_supported',
    // Keycard has no MFA for the root user.
    'false',
    ...accessKeyCells(ctx, ctx.account),
    ...certificateCells(ctx, ctx.account),
  ];
};

const userRow = (ctx: IamContext, user: StoredRecord, policy: PasswordPolicy | undefined): string[] => {
  const data = dataOf<UserData>(user);
  return [
    user.name,
    data.arn,
    reportTime(data.createDate),
    ...passwordCells(ctx.state.get(KIND.loginProfile, user.id), policy),
    flag(devicesOfUser(ctx.state, ctx.account, user.id).length > 0),
    ...accessKeyCells(ctx, user.id),
    ...certificateCells(ctx, user.id),
  ];
};

/** RFC 4180: a field with a comma, quote or line break is quoted (user names and paths may hold commas). */
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const buildCredentialReport = (ctx: IamContext): string => {
  const policy = passwordPolicyOf(ctx);
  const rows = [[...REPORT_COLUMNS], rootRow(ctx), ...ctx.state.list(ctx.account, KIND.user).map((u) => userRow(ctx, u, policy))];
  return rows.map((row) => row.map(csvField).join(',')).join('\n');
};

// ---- Operations.

const isFresh = (data: CredentialReportData, now: Date): boolean => now.getTime() - new Date(data.generatedTime).getTime() < REPORT_LIFETIME_MS;

const generateCredentialReport: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:GenerateCredentialReport', resource: '*' });
  const existing = ctx.state.get(CREDENTIAL_REPORT_KIND, ctx.account);
  if (existing !== undefined && isFresh(dataOf<CredentialReportData>(existing), ctx.now)) return { State: 'COMPLETE' };
  const data: CredentialReportData = { generatedTime: isoNow(ctx.now), content: buildCredentialReport(ctx) };
  await ctx.write(async (tx) => {
    if ((await tx.getById(CREDENTIAL_REPORT_KIND, ctx.account)) === undefined) {
      await tx.insert({ account: ctx.account, kind: CREDENTIAL_REPORT_KIND, id: ctx.account, scope: '', name: 'CredentialReport', data });
    } else {
      await tx.update(CREDENTIAL_REPORT_KIND, ctx.account, { data });
    }
  });
  // The generation has finished already; the first call still answers STARTED, as AWS's does.
  return existing === undefined ? { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' } : { State: 'STARTED' };
};

const getCredentialReport: IamHandler = async (ctx) => {
  ctx.authorize({ action: 'iam:GetCredentialReport', resource: '*' });
  const report = ctx.state.get(CREDENTIAL_REPORT_KIND, ctx.account);
  if (report === undefined) {
    throw new AwsError('ReportNotPresent', 'The credential report does not exist. To generate a credential report, use GenerateCredentialReport.');
  }
  const data = dataOf<CredentialReportData>(report);
  if (!isFresh(data, ctx.now)) {
    throw new AwsError('ReportExpired', 'The most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.');
  }
  // Content is a blob: the protocol layer writes these bytes base64-encoded.
  return { Content: Buffer.from(data.content, 'utf8'), ReportFormat: 'text/csv', GeneratedTime: data.generatedTime };
};

export const CREDENTIAL_REPORT_OPERATIONS: Record<string, IamHandler> = {
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
};
