// The account's STS preference (IAM API reference, SetSecurityTokenServicePreferences): which session
// tokens the global STS endpoint issues — v1 (valid only in Regions enabled by default) or v2 (valid in
// every Region, and longer). Kept on the account record; GetAccountSummary reports it (§6.4).

import { noSuchEntity } from '../../domain/index.js';
import type { StoredRecord } from '../../store/index.js';
import type { IamHandler } from './context.js';
import { dataOf, KIND, type AccountData } from './records.js';

export type GlobalEndpointTokenVersion = 'v1Token' | 'v2Token';

/** This file's field on the account record, beside AccountData's. */
export interface StsPreferencesData {
  readonly globalEndpointTokenVersion?: GlobalEndpointTokenVersion;
}

/** GetAccountSummary's GlobalEndpointTokenVersion: 1 unless the account asked for v2 tokens. */
export const globalEndpointTokenVersionOf = (account: StoredRecord | undefined): 1 | 2 =>
  account !== undefined && dataOf<StsPreferencesData>(account).globalEndpointTokenVersion === 'v2Token' ? 2 : 1;

const setSecurityTokenServicePreferences: IamHandler = async (ctx, input) => {
  ctx.authorize({ action: 'iam:SetSecurityTokenServicePreferences', resource: '*' });
  const version = input.GlobalEndpointTokenVersion as GlobalEndpointTokenVersion;
  await ctx.write(async (tx) => {
    const account = await tx.getById(KIND.account, ctx.account);
    if (account === undefined) throw noSuchEntity(`The account ${ctx.account} cannot be found.`);
    const data: AccountData & StsPreferencesData = { ...dataOf<AccountData>(account), globalEndpointTokenVersion: version };
    await tx.update(KIND.account, ctx.account, { data });
  });
  return undefined;
};

export const STS_PREFERENCES_OPERATIONS: Record<string, IamHandler> = {
  SetSecurityTokenServicePreferences: setSecurityTokenServicePreferences,
};
