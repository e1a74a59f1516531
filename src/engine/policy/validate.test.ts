// Every diagnostic code, triggered through checkPolicy (parse + validate + text checks), with its pointer and
// line/column; plus documents of each policy type that must pass clean.

import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics.js';
import type { PolicyType } from './ast.js';
import { checkPolicy, validatePolicy } from './validate.js';
import { parsePolicy } from './parse.js';

/** Line and column (1-based) of the `occurrence`-th appearance of `needle` in `text`. */
function positionOf(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${needle} (#${occurrence}) not in ${text}`);
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** A pretty-printed policy whose statements sit one per line, starting on line 4. */
const doc = (...statements: string[]): string =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${statements.join(',\n    ')}\n  ]\n}`;
const noVersion = (...statements: string[]): string => `{\n  "Statement": [\n    ${statements.join(',\n    ')}\n  ]\n}`;

const S3_READ = '"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"';
const ASSUME = '"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"';
const RCP_DENY = '"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"';

interface Case {
  readonly code: DiagnosticCode;
  readonly type: PolicyType;
  readonly text: string;
  readonly pointer: string;
  /** Where the diagnostic must point: a needle (and which occurrence of it) in the text. */
  readonly at: string | readonly [string, number];
  readonly message?: string;
}

const LONG_ARN = `arn:aws:s3:::${'b'.repeat(6200)}`;

const CASES: readonly Case[] = [
  // Grammar.
  { code: 'syntax-error', type: 'identity', text: '{\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}', pointer: '', at: ['}', 0], message: 'Syntax errors in policy.' },
  { code: 'syntax-error', type: 'identity', text: '{"Statement": []}\n{"Statement": []}', pointer: '', at: ['{', 1] },
  { code: 'policy-not-object', type: 'identity', text: '\n  ["Statement"]', pointer: '', at: '[' },
  { code: 'duplicate-element', type: 'identity', text: `{\n  "Version": "2012-10-17",\n  "Version": "2012-10-17",\n  "Statement": {${S3_READ}}\n}`, pointer: '/Version', at: ['"Version"', 1] },
  { code: 'duplicate-element', type: 'identity', text: doc(`{${S3_READ}, "Effect": "Deny"}`), pointer: '/Statement/0/Effect', at: ['"Effect"', 1] },
  { code: 'unknown-element', type: 'identity', text: `{\n  "Statement": {${S3_READ}},\n  "Foo": 1\n}`, pointer: '/Foo', at: '"Foo"' },
  { code: 'unknown-element', type: 'identity', text: doc(`{"effect": "Allow", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}`), pointer: '/Statement/0/effect', at: '"effect"', message: 'did you mean "Effect"' },
  { code: 'invalid-version', type: 'identity', text: `{\n  "Version": "2012-10-18",\n  "Statement": {${S3_READ}}\n}`, pointer: '/Version', at: '"2012-10-18"' },
  { code: 'invalid-type', type: 'identity', text: doc('{"Effect": "Allow", "Action": 5, "Resource": "*"}'), pointer: '/Statement/0/Action', at: '5' },
  { code: 'invalid-type', type: 'identity', text: doc('{"Effect": "Allow", "Action": ["s3:a", ["s3:b"]], "Resource": "*"}'), pointer: '/Statement/0/Action/1', at: '["s3:b"]' },
  { code: 'invalid-type', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"StringEquals": {"aws:username": null}}}`), pointer: '/Statement/0/Condition/StringEquals/aws:username', at: 'null' },
  { code: 'invalid-type', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"StringEquals": {"aws:username": ["a", {"b": 1}]}}}`), pointer: '/Statement/0/Condition/StringEquals/aws:username/1', at: '{"b"' },
  { code: 'invalid-type', type: 'identity', text: doc(`{${S3_READ}, "Condition": ["StringEquals"]}`), pointer: '/Statement/0/Condition', at: '["StringEquals"]' },
  { code: 'invalid-type', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"StringEquals": "aws:username"}}`), pointer: '/Statement/0/Condition/StringEquals', at: '"aws:username"' },
  { code: 'empty-array', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3:*", "Resource": []}'), pointer: '/Statement/0/Resource', at: '[]' },
  { code: 'missing-statement', type: 'identity', text: '{\n  "Version": "2012-10-17"\n}', pointer: '', at: '{' },
  { code: 'statement-not-object', type: 'identity', text: doc('"s3:GetObject"'), pointer: '/Statement/0', at: '"s3:GetObject"' },
  { code: 'missing-effect', type: 'identity', text: doc('{"Action": "s3:*", "Resource": "*"}'), pointer: '/Statement/0', at: '{"Action"' },
  { code: 'invalid-effect', type: 'identity', text: doc('{"Effect": "allow", "Action": "s3:*", "Resource": "*"}'), pointer: '/Statement/0/Effect', at: '"allow"', message: 'The policy failed legacy parsing' },
  { code: 'missing-action', type: 'identity', text: doc('{"Effect": "Allow", "Resource": "*"}'), pointer: '/Statement/0', at: '{"Effect"' },
  { code: 'action-and-not-action', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}'), pointer: '/Statement/0/NotAction', at: '"NotAction"' },
  { code: 'principal-and-not-principal', type: 'resource', text: doc('{"Effect": "Deny", "Principal": "*", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*"}'), pointer: '/Statement/0/NotPrincipal', at: '"NotPrincipal"' },
  { code: 'resource-and-not-resource', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "NotResource": "*"}'), pointer: '/Statement/0/NotResource', at: '"NotResource"' },
  { code: 'unknown-principal-type', type: 'resource', text: doc('{"Effect": "Allow", "Principal": {"aws": "123456789012"}, "Action": "s3:*"}'), pointer: '/Statement/0/Principal/aws', at: '"aws"' },
  { code: 'duplicate-key', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"Bool": {"aws:SecureTransport": true}, "Bool": {"aws:ViaAWSService": true}}}`), pointer: '/Statement/0/Condition/Bool', at: ['"Bool"', 1] },
  { code: 'empty-condition', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"StringEquals": {}}}`), pointer: '/Statement/0/Condition/StringEquals', at: '{}' },
  // Per policy type.
  { code: 'unsupported-version', type: 'scp', text: noVersion('{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}'), pointer: '', at: '{' },
  { code: 'unsupported-version', type: 'rcp', text: `{\n  "Version": "2008-10-17",\n  "Statement": {${RCP_DENY}}\n}`, pointer: '/Version', at: '"2008-10-17"' },
  { code: 'principal-not-allowed', type: 'identity', text: doc('{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}'), pointer: '/Statement/0/Principal', at: '"Principal"', message: 'Policy document should not specify a principal.' },
  { code: 'principal-not-allowed', type: 'scp', text: doc('{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}'), pointer: '/Statement/0/NotPrincipal', at: '"NotPrincipal"' },
  { code: 'not-principal-not-allowed', type: 'trust', text: doc('{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}'), pointer: '/Statement/0/NotPrincipal', at: '"NotPrincipal"' },
  { code: 'not-principal-with-allow', type: 'resource', text: doc('{"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*"}'), pointer: '/Statement/0/NotPrincipal', at: '"NotPrincipal"' },
  { code: 'missing-principal', type: 'trust', text: doc('{"Effect": "Allow", "Action": "sts:AssumeRole"}'), pointer: '/Statement/0', at: '{"Effect"', message: 'Missing required field Principal' },
  { code: 'missing-resource', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3:*"}'), pointer: '/Statement/0', at: '{"Effect"' },
  { code: 'resource-not-allowed', type: 'trust', text: doc(`{${ASSUME}, "Resource": "*"}`), pointer: '/Statement/0/Resource', at: '"Resource"' },
  { code: 'not-action-not-allowed', type: 'rcp', text: doc('{"Effect": "Deny", "Principal": "*", "NotAction": "s3:*", "Resource": "*"}'), pointer: '/Statement/0/NotAction', at: '"NotAction"' },
  { code: 'rcp-allow-not-allowed', type: 'rcp', text: doc('{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}'), pointer: '/Statement/0/Effect', at: '"Allow"' },
  { code: 'rcp-principal-not-wildcard', type: 'rcp', text: doc('{"Effect": "Deny", "Principal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}'), pointer: '/Statement/0/Principal', at: '{"AWS"' },
  { code: 'rcp-action-wildcard', type: 'rcp', text: doc('{"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "*"], "Resource": "*"}'), pointer: '/Statement/0/Action/1', at: '"*"]' },
  { code: 'trust-action-unsupported', type: 'trust', text: doc('{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": ["sts:AssumeRole", "sts:*"]}'), pointer: '/Statement/0/Action/1', at: '"sts:*"' },
  // Values.
  { code: 'invalid-sid', type: 'identity', text: doc(`{"Sid": "read-only", ${S3_READ}}`), pointer: '/Statement/0/Sid', at: '"read-only"' },
  { code: 'sid-not-unique', type: 'identity', text: doc(`{"Sid": "A", ${S3_READ}}`, `{"Sid": "A", ${S3_READ}}`), pointer: '/Statement/1/Sid', at: ['"A"', 1], message: 'Statement IDs (SID) in a single policy must be unique.' },
  { code: 'invalid-action', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3:Get:Object", "Resource": "*"}'), pointer: '/Statement/0/Action', at: '"s3:Get:Object"', message: 'Actions/Condition can contain only one colon.' },
  { code: 'invalid-action', type: 'identity', text: doc('{"Effect": "Allow", "Action": ["s3:GetObject", "GetObject"], "Resource": "*"}'), pointer: '/Statement/0/Action/1', at: '"GetObject"', message: 'prefaced by a vendor' },
  { code: 'invalid-action', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3_x:Get", "Resource": "*"}'), pointer: '/Statement/0/Action', at: '"s3_x:Get"' },
  { code: 'action-service-wildcard', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s*:Get*", "Resource": "*"}'), pointer: '/Statement/0/Action', at: '"s*:Get*"' },
  { code: 'resource-not-arn', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3:*", "Resource": ["*", "bucket"]}'), pointer: '/Statement/0/Resource/1', at: '"bucket"', message: 'Resource bucket must be in ARN format or "*".' },
  { code: 'resource-service-wildcard', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s*:::bucket"}'), pointer: '/Statement/0/Resource', at: '"arn:' },
  { code: 'resource-variable-position', type: 'identity', text: doc('{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:${aws:RequestedRegion}::bucket"}'), pointer: '/Statement/0/Resource', at: '"arn:' },
  { code: 'iam-resource-region', type: 'identity', text: doc('{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam:us-east-1:123456789012:user/bob"}'), pointer: '/Statement/0/Resource', at: '"arn:', message: 'IAM resource arn:aws:iam:us-east-1:123456789012:user/bob cannot contain region information.' },
  { code: 'iam-resource-type-wildcard', type: 'identity', text: doc('{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::123456789012:u*"}'), pointer: '/Statement/0/Resource', at: '"arn:' },
  { code: 'invalid-principal', type: 'resource', text: doc('{"Effect": "Allow", "Principal": {"AWS": ["123456789012", "arn:aws:iam::123456789012:role/*"]}, "Action": "s3:*"}'), pointer: '/Statement/0/Principal/AWS/1', at: '"arn:', message: 'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/*"' },
  { code: 'invalid-principal', type: 'trust', text: doc('{"Effect": "Allow", "Principal": "arn:aws:iam::123456789012:root", "Action": "sts:AssumeRole"}'), pointer: '/Statement/0/Principal', at: '"arn:' },
  { code: 'invalid-principal', type: 'trust', text: doc('{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:user/x"}, "Action": "sts:AssumeRoleWithSAML"}'), pointer: '/Statement/0/Principal/Federated', at: '"arn:' },
  { code: 'principal-wildcard-not-any', type: 'resource', text: doc('{"Effect": "Allow", "Principal": {"Service": "*"}, "Action": "s3:*"}'), pointer: '/Statement/0/Principal/Service', at: '"*"' },
  { code: 'unknown-service-principal', type: 'trust', text: doc('{"Effect": "Allow", "Principal": {"Service": "ec2.example.com"}, "Action": "sts:AssumeRole"}'), pointer: '/Statement/0/Principal/Service', at: '"ec2.example.com"' },
  { code: 'unknown-condition-operator', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"StringEqual": {"aws:username": "bob"}}}`), pointer: '/Statement/0/Condition/StringEqual', at: '"StringEqual"' },
  { code: 'unknown-condition-operator', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"NullIfExists": {"aws:username": "true"}}}`), pointer: '/Statement/0/Condition/NullIfExists', at: '"NullIfExists"' },
  { code: 'set-qualifier-on-null', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"ForAnyValue:Null": {"aws:TagKeys": "false"}}}`), pointer: '/Statement/0/Condition/ForAnyValue:Null', at: '"ForAnyValue:Null"' },
  { code: 'invalid-condition-key', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"StringEquals": {"username": "bob"}}}`), pointer: '/Statement/0/Condition/StringEquals/username', at: '"username"' },
  { code: 'invalid-condition-value', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ["3600", "ten"]}}}`), pointer: '/Statement/0/Condition/NumericLessThan/aws:MultiFactorAuthAge/1', at: '"ten"' },
  { code: 'variables-not-substituted', type: 'identity', text: noVersion('{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/${aws:username}/*"]}'), pointer: '/Statement/0/Resource/1', at: '"arn:aws:s3:::b/' },
  // Text.
  { code: 'policy-too-large', type: 'identity', text: doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": "${LONG_ARN}"}`), pointer: '', at: '{', message: 'Cannot exceed quota for PolicySize: 6144' },
  { code: 'policy-document-too-long', type: 'identity', text: doc(`{${S3_READ}}`).replace('{', `{${' '.repeat(131072)}`), pointer: '', at: '{' },
  { code: 'invalid-character', type: 'identity', text: doc(`{${S3_READ}, "Condition": {"StringEquals": {"aws:username": "名前"}}}`), pointer: '', at: '名' },
];

describe('every diagnostic code', () => {
  it.each(CASES.map((c) => [c.code, c] as const))('%s', (_code, c) => {
    const { policy, diagnostics } = checkPolicy(c.text, c.type);
    const found = diagnostics.find((d) => d.code === c.code);
    const [needle, occurrence] = typeof c.at === 'string' ? [c.at, 0] : c.at;
    expect(found, JSON.stringify(diagnostics)).toMatchObject({
      pointer: c.pointer,
      severity: DIAGNOSTIC_CODES[c.code],
      ...positionOf(c.text, needle, occurrence),
    });
    if (c.message !== undefined) expect(found?.message).toContain(c.message);
    expect(policy === undefined).toBe(DIAGNOSTIC_CODES[c.code] === 'error');
  });

  it('covers the whole code list', () => {
    const covered = new Set(CASES.map((c) => c.code));
    expect(Object.keys(DIAGNOSTIC_CODES).filter((code) => !covered.has(code as DiagnosticCode))).toEqual([]);
  });
});

describe('documents that pass clean', () => {
  it.each<[PolicyType, string]>([
    ['identity', doc(`{"Sid": "Read1", ${S3_READ}}`, '{"Effect": "Deny", "NotAction": ["iam:*", "sts:Get*"], "NotResource": "arn:aws:iam::*:role/admin-*"}')],
    ['identity', doc(`{${S3_READ}, "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32", "192.0.2.1"]}, "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "Bool": {"aws:SecureTransport": true}, "NumericLessThanEquals": {"aws:MultiFactorAuthAge": 3600}, "ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["team*"]}, "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/\${aws:PrincipalTag/team}-*"}, "StringEquals": {"aws:ResourceTag/aws:cloudformation:stack-name": "app", "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:x:y"}}}`)],
    ['boundary', doc('{"Effect": "Allow", "Action": "*", "Resource": "*"}')],
    ['session', doc('{"Effect": "Allow", "Action": "s3:List*", "Resource": "arn:aws:s3:::b"}')],
    ['trust', doc(`{${ASSUME}}`)],
    ['trust', doc('{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"], "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/*"}}}')],
    ['trust', doc('{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/div/bob", "arn:aws-cn:sts::123456789012:assumed-role/R/s", "AROAEXAMPLEID1234567", "111122223333"], "Federated": "accounts.google.com"}, "Action": "sts:AssumeRole"}')],
    ['resource', doc('{"Sid": "any string: allowed", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}', '{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:*"}')],
    ['scp', doc('{"Sid": "No-IAM", "Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}}}')],
    ['rcp', doc(`{${RCP_DENY}}`)],
    // RCPFullAWSAccess, the one Allow an RCP may carry.
    ['rcp', doc('{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}')],
  ])('%s', (type, text) => {
    const { policy, diagnostics } = checkPolicy(text, type);
    expect(diagnostics).toEqual([]);
    expect(policy).toBeDefined();
  });
});

describe('validatePolicy', () => {
  it('points at the element when no locations are given, and at indexed values when there are several', () => {
    const parsed = parsePolicy({ Statement: { Effect: 'Allow', Action: ['s3:a:b', 'x'], Resource: 'bucket' } });
    if (!parsed.ok) throw new Error('expected to parse');
    const withoutLocations = validatePolicy(parsed.policy, 'identity');
    expect(withoutLocations.map((d) => d.pointer)).toEqual(['/Statement/Action/0', '/Statement/Action/1', '/Statement/Resource']);
    expect(withoutLocations.every((d) => d.line === undefined)).toBe(true);
  });

  it('takes a raised size quota', () => {
    const text = doc(`{${ASSUME}, "Condition": {"StringEquals": {"aws:PrincipalTag/x": "${'v'.repeat(2100)}"}}}`);
    expect(checkPolicy(text, 'trust').diagnostics.map((d) => d.message)).toEqual(['Cannot exceed quota for ACLSizePerRole: 2048']);
    expect(checkPolicy(text, 'trust', { sizeLimit: 4096 }).diagnostics).toEqual([]);
  });

  it('measures value inputs by their minified form and reports no line/column for them', () => {
    const value = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::${'b'.repeat(6200)}` } };
    const { diagnostics } = checkPolicy(value, 'identity');
    expect(diagnostics).toEqual([{ pointer: '', severity: 'error', code: 'policy-too-large', message: 'Cannot exceed quota for PolicySize: 6144' }]);
  });

  it('reports size and characters even when the text does not parse', () => {
    const { diagnostics } = checkPolicy('{"Sid": "é中"', 'identity');
    expect(diagnostics.map((d) => d.code)).toEqual(['syntax-error', 'invalid-character']);
  });
});
