// The credential report against a real store: AWS's columns and values for the root user and IAM users,
// the generate/get lifecycle (STARTED, then COMPLETE; ReportNotPresent; ReportExpired after 4 hours),
// CSV quoting and authorization.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_REPORT_KIND, REPORT_COLUMNS } from './credential-report.js';
import { MFA_DEVICE_KIND } from './mfa-devices.js';
import { KIND } from './records.js';
import { allow, ACCOUNT, createHarness, type Harness } from './test-support/harness.js';
import { deniedWith } from './test-support/access-denied.js';
import { SELF_SIGNED } from './test-support/credential-fixtures.js';


let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

/** Generates and fetches the report; each row as a column → value map, keyed by user. */
const report = async (): Promise<Map<string, Record<string, string>>> => {
  await h.call('GenerateCredentialReport');
  const out = await h.call('GetCredentialReport');
  const lines = Buffer.from(out.Content as Uint8Array).toString('utf8').split('\n');
  expect(lines[0]).toBe(REPORT_COLUMNS.join(','));
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    expect(cells).toHaveLength(REPORT_COLUMNS.length);
    rows.set(cells[0]!, Object.fromEntries(REPORT_COLUMNS.map((c, i) => [c, cells[i]!])));
  }
  return rows;
};

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

/** Moves the stored report's GeneratedTime back by `hours`. */
const ageReport = async (hours: number) => {
  await h.store.transaction(ACCOUNT, async (tx) => {
    const record = (await tx.getById(CREDENTIAL_REPORT_KIND, ACCOUNT))!;
    const data = record.data as { generatedTime: string };
    const older = new Date(Date.parse(data.generatedTime) - hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await tx.update(CREDENTIAL_REPORT_KIND, ACCOUNT, { data: { ...data, generatedTime: older } });
  });
  await h.state.catchUp();
};

describe('the report', () => {
  it('has AWS\'s exact header and the root row first', async () => {
    expect(REPORT_COLUMNS.join(',')).toBe(
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
        'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
        'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
        'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
    );
    const rows = await report();
    expect([...rows.keys()]).toEqual(['<root_account>']);
    expect(rows.get('<root_account>')).toEqual({
      user: '<root_account>',
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      user_creation_time: expect.stringMatching(TIME),
      password_enabled: 'not_supported',
      password_last_used: 'no_information',
      password_last_changed: 'not_supported',
      password_next_rotation: 'not_supported',
      mfa_active: 'false',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
      access_key_1_last_used_date: 'N/A',
      access_key_1_last_used_region: 'N/A',
      access_key_1_last_used_service: 'N/A',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
      access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_region: 'N/A',
      access_key_2_last_used_service: 'N/A',
      cert_1_active: 'false',
      cert_1_last_rotated: 'N/A',
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    });
  });

  it('describes each user\'s password, MFA, access keys and certificates', async () => {
    await h.call('UpdateAccountPasswordPolicy', { MaxPasswordAge: 90 });
    await h.call('CreateUser', { UserName: 'alice', Path: '/eng/' });
    await h.call('CreateUser', { UserName: 'bob' });
    await h.call('CreateLoginProfile', { UserName: 'alice', Password: 'Sup3r-secret' });
    const first = ((await h.call('CreateAccessKey', { UserName: 'alice' })).AccessKey as { AccessKeyId: string }).AccessKeyId;
    const second = ((await h.call('CreateAccessKey', { UserName: 'alice' })).AccessKey as { AccessKeyId: string }).AccessKeyId;
    await h.call('UpdateAccessKey', { UserName: 'alice', AccessKeyId: second, Status: 'Inactive' });
    await h.call('UploadSigningCertificate', { UserName: 'alice', CertificateBody: SELF_SIGNED });
    await h.call('CreateAccessKey', {});
    const alice = h.state.byName(ACCOUNT, KIND.user, '', 'alice')!;
    await h.store.transaction(ACCOUNT, async (tx) => {
      // Last use, as the request path records it; and an MFA device enabled for alice.
      const key = (await tx.getById(KIND.accessKey, first))!;
      const lastUsed = { date: '2025-03-04T05:06:07Z', service: 's3', region: 'eu-west-1' };
      // Created a day earlier, so that it is access_key_1 whatever the clock's resolution.
      await tx.update(KIND.accessKey, first, { data: { ...(key.data as object), lastUsed, createDate: '2025-01-01T00:00:00Z' } });
      const serial = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
      const device = { path: '/', createDate: '2025-01-01T00:00:00Z', sealedSeed: 'x', tags: [], userId: alice.id, enableDate: '2025-01-01T00:00:00Z' };
      await tx.insert({ account: ACCOUNT, kind: MFA_DEVICE_KIND, id: serial, scope: '', name: '/alice', data: device });
    });
    await h.state.catchUp();

    const rows = await report();
    expect([...rows.keys()]).toEqual(['<root_account>', 'alice', 'bob']);
    const a = rows.get('alice')!;
    expect(a).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT}:user/eng/alice`,
      user_creation_time: expect.stringMatching(TIME),
      password_enabled: 'true',
      password_last_used: 'no_information',
      password_last_changed: expect.stringMatching(TIME),
      mfa_active: 'true',
      access_key_1_active: 'true',
      access_key_1_last_rotated: '2025-01-01T00:00:00+00:00',
      access_key_1_last_used_date: '2025-03-04T05:06:07+00:00',
      access_key_1_last_used_region: 'eu-west-1',
      access_key_1_last_used_service: 's3',
      access_key_2_active: 'false',
      access_key_2_last_rotated: expect.stringMatching(TIME),
      access_key_2_last_used_date: 'N/A',
      cert_1_active: 'true',
      cert_1_last_rotated: expect.stringMatching(TIME),
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    });
    const rotation = Date.parse(a.password_next_rotation!) - Date.parse(a.password_last_changed!);
    expect(rotation).toBe(90 * 86_400_000);
    expect(rows.get('bob')).toMatchObject({
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      password_next_rotation: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'false',
      cert_1_active: 'false',
    });
    expect(rows.get('<root_account>')).toMatchObject({ access_key_1_active: 'true', access_key_1_last_rotated: expect.stringMatching(TIME) });
  });

  it('quotes a user name holding a comma', async () => {
    await h.call('CreateUser', { UserName: 'last,first' });
    await h.call('GenerateCredentialReport');
    const text = Buffer.from((await h.call('GetCredentialReport')).Content as Uint8Array).toString('utf8');
    expect(text).toContain(`\n"last,first","arn:aws:iam::${ACCOUNT}:user/last,first",`);
  });
});

describe('GenerateCredentialReport and GetCredentialReport', () => {
  it('answers ReportNotPresent until a report is generated, then STARTED once and COMPLETE within 4 hours', async () => {
    expect(await h.fail('GetCredentialReport')).toMatchObject({ code: 'ReportNotPresent' });
    expect(await h.call('GenerateCredentialReport')).toEqual({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' });
    const first = await h.call('GetCredentialReport');
    expect(first).toEqual({ Content: expect.any(Buffer), ReportFormat: 'text/csv', GeneratedTime: expect.stringMatching(/Z$/) });

    // Within 4 hours the existing report is kept, even when users change.
    await h.call('CreateUser', { UserName: 'late' });
    expect(await h.call('GenerateCredentialReport')).toEqual({ State: 'COMPLETE' });
    expect(Buffer.from((await h.call('GetCredentialReport')).Content as Uint8Array).toString()).not.toContain('late');
  });

  it('expires a report after 4 hours; generating again replaces it', async () => {
    await h.call('GenerateCredentialReport');
    await h.call('CreateUser', { UserName: 'late' });
    await ageReport(4);
    expect(await h.fail('GetCredentialReport')).toMatchObject({ code: 'ReportExpired' });
    expect(await h.call('GenerateCredentialReport')).toEqual({ State: 'STARTED' });
    expect(Buffer.from((await h.call('GetCredentialReport')).Content as Uint8Array).toString()).toContain('\nlate,');
  });

  it('needs iam:GenerateCredentialReport and iam:GetCredentialReport', async () => {
    await h.call('CreateUser', { UserName: 'auditor' });
    const auditor = h.userCaller('auditor');
    expect(await h.fail('GenerateCredentialReport', {}, auditor)).toMatchObject({
      code: 'AccessDenied',
      message: deniedWith(`User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: iam:GenerateCredentialReport on resource: * because no identity-based policy allows the iam:GenerateCredentialReport action`),
    });
    await h.call('PutUserPolicy', { UserName: 'auditor', PolicyName: 'r', PolicyDocument: allow(['iam:GenerateCredentialReport', 'iam:GetCredentialReport']) });
    await h.call('GenerateCredentialReport', {}, auditor);
    expect((await h.call('GetCredentialReport', {}, auditor)).ReportFormat).toBe('text/csv');
  });
});
