// Robustness under generated input: real IAM and STS operations with random subsets of their modelled
// members (random values, wrong types, odd list encodings, policy documents that are not policies), and
// completely random form bodies, all signed with the root credentials so the operations' own validation
// runs. Every answer must be AWS's: a success envelope or an ErrorResponse with a registered code and a
// message, never a 5xx other than 501 NotImplemented, never a hang; and the store must be intact after.

import { readFileSync } from 'node:fs';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountSummaryCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorRegistry } from '../../src/protocol/errors/registry.js';
import { iamClient, signedFormHeaders, stsClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/keycard-server.js';

// ---------------------------------------------------------------------------------------------------
// The service models, read as data.

interface Shape {
  readonly type: string;
  readonly members?: Record<string, { readonly shape: string }>;
  readonly required?: readonly string[];
  readonly member?: { readonly shape: string };
  readonly key?: { readonly shape: string };
  readonly value?: { readonly shape: string };
  readonly enum?: readonly string[];
}

interface Model {
  readonly metadata: { readonly apiVersion: string };
  readonly operations: Record<string, { readonly input?: { readonly shape: string } }>;
  readonly shapes: Record<string, Shape>;
}

type ServiceName = 'iam' | 'sts';

const loadModel = (service: ServiceName): Model =>
  JSON.parse(readFileSync(new URL(`../../src/protocol/models/${service}.json`, import.meta.url), 'utf8')) as Model;

const MODELS: Record<ServiceName, Model> = { iam: loadModel('iam'), sts: loadModel('sts') };
const VERSION: Record<ServiceName, string> = { iam: MODELS.iam.metadata.apiVersion, sts: MODELS.sts.metadata.apiVersion };

const shapeOf = (service: ServiceName, name: string): Shape => {
  const shape = MODELS[service].shapes[name];
  if (shape === undefined) throw new Error(`no shape ${name} in ${service}`);
  return shape;
};

// ---------------------------------------------------------------------------------------------------
// The node, and what exists in it before the fuzzing starts.

const ACCOUNT = '123456789012';
/** A user nothing generated can name: it must come out of the fuzzing exactly as it went in. */
const KEEPER = 'keeper-Zq7wX3';
const KEEPER_POLICY = 'keeper-policy-Zq7wX3';
const KEEPER_INLINE = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::keeper/*' }] };

let server: TestServer;
let iam: IAMClient;
let keeperKey: { accessKeyId: string; secretAccessKey: string };
let keeperBefore: unknown;

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
});
const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/** Everything the store holds about the keeper user, in a form to compare. */
const keeperSnapshot = async () => {
  const user = (await iam.send(new GetUserCommand({ UserName: KEEPER }))).User!;
  const tags = (await iam.send(new ListUserTagsCommand({ UserName: KEEPER }))).Tags;
  const inline = await iam.send(new GetUserPolicyCommand({ UserName: KEEPER, PolicyName: 'keeper-inline' }));
  const keys = (await iam.send(new ListAccessKeysCommand({ UserName: KEEPER }))).AccessKeyMetadata;
  const attached = (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: KEEPER }))).AttachedPolicies;
  return {
    user: { UserName: user.UserName, UserId: user.UserId, Arn: user.Arn, Path: user.Path, CreateDate: user.CreateDate?.toISOString() },
    tags,
    inline: { PolicyName: inline.PolicyName, Document: JSON.parse(decodeURIComponent(inline.PolicyDocument!)) as unknown },
    keys: keys?.map((k) => ({ AccessKeyId: k.AccessKeyId, Status: k.Status, CreateDate: k.CreateDate?.toISOString() })),
    attached,
  };
};

beforeAll(async () => {
  server = await startTestServer({ store: 'sqlite' });
  iam = iamClient({ url: server.url, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  // The keeper, with a path, tags, an inline policy, an access key and an attached managed policy.
  await iam.send(new CreateUserCommand({ UserName: KEEPER, Path: '/keep/', Tags: [{ Key: 'team', Value: 'keepers' }, { Key: 'üñí', Value: 'ç=+@ 1' }] }));
  await iam.send(new PutUserPolicyCommand({ UserName: KEEPER, PolicyName: 'keeper-inline', PolicyDocument: JSON.stringify(KEEPER_INLINE) }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: KEEPER }))).AccessKey!;
  keeperKey = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  const policy = (await iam.send(new CreatePolicyCommand({ PolicyName: KEEPER_POLICY, PolicyDocument: ALLOW_ALL }))).Policy!;
  await iam.send(new AttachUserPolicyCommand({ UserName: KEEPER, PolicyArn: policy.Arn! }));
  // Targets the generated requests can name, so some of them get past "no such entity".
  await iam.send(new CreateUserCommand({ UserName: 'fuzz-target' }));
  await iam.send(new CreateRoleCommand({ RoleName: 'fuzz-role', AssumeRolePolicyDocument: TRUST }));
  await iam.send(new CreateGroupCommand({ GroupName: 'fuzz-group' }));
  await iam.send(new CreatePolicyCommand({ PolicyName: 'fuzz-policy', PolicyDocument: ALLOW_ALL }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'fuzz-profile' }));
  keeperBefore = await keeperSnapshot();
});
afterAll(async () => server?.close());

// ---------------------------------------------------------------------------------------------------
// Sending a hand-signed request and judging the answer.

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly requestId: string | null;
}

const sign = (service: ServiceName, body: string) =>
  signedFormHeaders(server.url, { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }, service, body);

/** POSTs `body` signed for `service`; a request that takes over 5 s fails (a hang). */
const sendBody = async (service: ServiceName, body: string): Promise<Answer> => {
  const headers = await sign(service, body);
  const response = await fetch(server.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  return { status: response.status, text, requestId: response.headers.get('x-amzn-requestid') };
};

const encodeForm = (pairs: readonly (readonly [string, string])[]): string => {
  const form = new URLSearchParams();
  for (const [name, value] of pairs) form.append(name, value);
  return form.toString();
};

// XML 1.0's Char production: what may appear in a document at all.
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

/** Why `text` is not a well-formed XML document with one root element, or undefined when it is. */
const xmlProblem = (text: string): string | undefined => {
  if (!XML_CHARS.test(text)) return 'a character XML 1.0 forbids';
  let rest = text.replace(/^\s*<\?xml[^?]*\?>/, '').trim();
  const open: string[] = [];
  let roots = 0;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const chars = lt < 0 ? rest : rest.slice(0, lt);
    if (open.length === 0 && chars.trim() !== '') return `text outside the root: ${chars.slice(0, 40)}`;
    for (let at = chars.indexOf('&'); at >= 0; at = chars.indexOf('&', at + 1)) {
      if (!ENTITY.test(chars.slice(at))) return `a bare & in ${chars.slice(at, at + 20)}`;
    }
    if (chars.includes('>') && /\]\]>/.test(chars)) return ']]> in text';
    if (lt < 0) break;
    rest = rest.slice(lt);
    const tag = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(rest);
    if (tag === null) return `a malformed tag at ${rest.slice(0, 40)}`;
    const [whole, closing, name, , selfClosing] = tag;
    if (closing === '/') {
      if (open.pop() !== name) return `</${name}> closes nothing open`;
    } else {
      if (open.length === 0) roots += 1;
      if (selfClosing !== '/') open.push(name!);
    }
    rest = rest.slice(whole.length);
  }
  if (open.length > 0) return `<${open.join('><')}> left open`;
  if (roots !== 1) return `${roots} root elements`;
  return undefined;
};

const REGISTRY = errorRegistry();
const text = (xml: string, element: string): string | undefined => new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];

/** Asserts `answer` is an answer AWS could give, with what was sent in the failure message. */
const expectWellFormed = (answer: Answer, sent: string): void => {
  const context = `request ${JSON.stringify(sent.slice(0, 2000))} answered ${answer.status}: ${answer.text.slice(0, 1000)}`;
  expect(answer.status >= 500 && answer.status !== 501, `a 5xx: ${context}`).toBe(false);
  expect(answer.requestId, `no x-amzn-RequestId: ${context}`).toMatch(/\S/);
  expect(xmlProblem(answer.text), `not well-formed XML: ${context}`).toBeUndefined();
  const root = /^(?:\s*<\?xml[^?]*\?>)?\s*<([A-Za-z]+)[\s>]/.exec(answer.text)?.[1];
  expect(text(answer.text, 'RequestId'), `the body's RequestId: ${context}`).toBe(answer.requestId);
  if (answer.status === 200) {
    expect(root, `a success without a <...Response> envelope: ${context}`).toMatch(/^\w+Response$/);
    expect(root).not.toBe('ErrorResponse');
    return;
  }
  expect(root, `an error without <ErrorResponse>: ${context}`).toBe('ErrorResponse');
  const code = text(answer.text, 'Code');
  const message = text(answer.text, 'Message');
  expect(code, `an empty <Code>: ${context}`).toMatch(/\S/);
  expect(message, `an empty <Message>: ${context}`).toMatch(/\S/);
  const wire = REGISTRY.get(code!);
  expect(wire, `an unregistered code ${code}: ${context}`).toBeDefined();
  expect(answer.status, `status for ${code}: ${context}`).toBe(wire!.httpStatus);
  expect(text(answer.text, 'Type'), `Type for ${code}: ${context}`).toBe(answer.status >= 500 ? 'Receiver' : 'Sender');
  if (answer.status === 501) expect(code).toBe('NotImplemented');
};

// ---------------------------------------------------------------------------------------------------
// Generators.

const SEED = 20_240_611;

/** Names and ARNs of things that exist (or plausibly could), so some requests reach the operations' logic. */
const PLAUSIBLE = [
  'fuzz-target',
  'fuzz-role',
  'fuzz-group',
  'fuzz-policy',
  'fuzz-profile',
  'fuzz-new',
  'v1',
  'v2',
  '/',
  '/a/b/',
  'root',
  'session',
  `arn:aws:iam::${ACCOUNT}:user/fuzz-target`,
  `arn:aws:iam::${ACCOUNT}:role/fuzz-role`,
  `arn:aws:iam::${ACCOUNT}:group/fuzz-group`,
  `arn:aws:iam::${ACCOUNT}:policy/fuzz-policy`,
  `arn:aws:iam::${ACCOUNT}:instance-profile/fuzz-profile`,
  `arn:aws:iam::${ACCOUNT}:oidc-provider/issuer.example`,
  `arn:aws:iam::${ACCOUNT}:saml-provider/fuzz`,
  `arn:aws:iam::${ACCOUNT}:mfa/fuzz`,
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'arn:aws:iam::aws:policy/service-role/',
  'arn:aws:s3:::bucket/*',
  'arn:aws:iam::999999999999:role/other',
  'arn:aws:iam:::role/',
  'arn:',
  '*',
  'AKIAIOSFODNN7EXAMPLE',
  'ASIAIOSFODNN7EXAMPLE',
  'https://issuer.example',
  'sts.amazonaws.com',
  'iam:CreateUser',
  's3:GetObject',
  'aws:username',
  'Active',
  'Inactive',
  'ec2.amazonaws.com',
  '2012-10-17',
  '900',
  '3600',
  '43200',
];

const nameLike = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,70}$/);

const SPECIALS = ['%', '&', '=', '+', ' ', '%2', '%zz', '%00', '#', '?', '/', '\\', '*', '<', '>', '"', "'", '\u0000', '\u0007', '\u001f', '\u2028', '\uFEFF', '\uD800', '\uDFFF', 'é', '😀', '\u202E', ']]>', '<![CDATA[', '&amp;'];

/** Strings of every kind: unicode, empty, very long, full of characters that mean something in a form. */
const fuzzString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...SPECIALS, 'a', 'Z', '0', '.', '-', ':'), maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '\n', 'null', 'undefined', 'NaN', '[]', '{}', '${aws:username}', '..', '../..') },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 3000 }).chain((n) => fc.constantFrom('x'.repeat(n), 'é'.repeat(n), '%'.repeat(n), '&='.repeat(n >> 1), '😀'.repeat(n >> 1))) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 200, maxLength: 3000 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.integer({ min: -1000, max: -1 }), fc.double()).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'TRUE', 'False', '1', '0', '-0', '1e309', '99999999999999999999999') },
);

const numberValue = fc.oneof(
  fc.integer({ min: -5, max: 5000 }).map(String),
  fc.constantFrom('0', '-1', '-2147483649', '2147483648', '9007199254740993', '1e3', '1.5', '0x10', ' 5', '5 ', '+5', '', 'ten', 'NaN', 'Infinity'),
  fuzzString,
);
const booleanValue = fc.oneof(fc.constantFrom('true', 'false', 'TRUE', 'False', '1', '0', 'yes', ''), fuzzString);
const timestampValue = fc.oneof(
  fc.constantFrom('2024-01-01T00:00:00Z', '2024-13-40T25:61:61Z', '0', '-1', '1700000000', '1e20', 'yesterday', ''),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fuzzString,
);

/** Nesting of `depth` arrays (or objects) as text. */
const nested = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny', 'allow', 'Maybe', ''),
  Action: fc.oneof(fc.constantFrom('*', 's3:GetObject', 'iam:*', 'sts:AssumeRole', ':', 'ec2'), fc.array(fc.string(), { maxLength: 3 })),
  Resource: fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::${aws:username}', 'not-an-arn'), fc.array(fc.string(), { maxLength: 3 })),
  Principal: fc.option(fc.oneof(fc.constant('*'), fc.record({ AWS: fc.constantFrom('*', ACCOUNT, 'arn:aws:iam::123456789012:root', 'x') }), fc.record({ Federated: fc.string() }))),
  Condition: fc.option(
    fc.dictionary(
      fc.constantFrom('StringEquals', 'StringLike', 'IpAddress', 'DateGreaterThan', 'NumericLessThan', 'Bool', 'ForAnyValue:StringEquals', 'Nope', 'StringEqualsIfExists'),
      fc.dictionary(fc.constantFrom('aws:username', 'aws:SourceIp', 'aws:CurrentTime', 'aws:MultiFactorAuthPresent', 's3:prefix', 'x'), fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.integer())),
      { maxKeys: 2 },
    ),
  ),
});

/** Text for a *PolicyDocument member: policies, JSON that is not a policy, JSON that is not JSON, deep nesting. */
const policyDocument: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(ALLOW_ALL, TRUST) },
  { weight: 3, arbitrary: fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', '2020-01-01', ''), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })) }).map((p) => JSON.stringify(p)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom('{}', '[]', 'null', '1', '"x"', '{"Version":"2012-10-17"}', '{"Statement":"x"}', '{"Statement":[]}', '{"Version":"2012-10-17","Statement":[{}]}', '{"Version":"2012-10-17","Statement":{"Effect":"Allow"}}') },
  { weight: 2, arbitrary: fc.constantFrom('{', '{"Version":', '{"a":1,}', "{'a':1}", '[1,2', '{"a":"\\u12"}', '{"a":"\\x"}', '\uFEFF{}', '{"a":1}{"b":2}', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}garbage') },
  { weight: 1, arbitrary: fuzzString },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 150_000 }), fc.constantFrom<'array' | 'object'>('array', 'object'), fc.boolean())
      .map(([depth, kind, inStatement]) => (inStatement ? `{"Version":"2012-10-17","Statement":${nested(depth, kind)}}` : nested(depth, kind))),
  },
);

type Pairs = readonly (readonly [string, string])[];

/** Positions in a list or map encoding: mostly valid, sometimes not (0, leading zeros, huge, not a number). */
const wildPosition = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '01', '-1', 'a', '', '1000000000', '999999999', '1.5', ' 1') },
);
const mildPosition = fc.integer({ min: 1, max: 3 }).map(String);

const isPolicyMember = (member: string, shapeName: string): boolean =>
  /PolicyDocument$|^(?:Resource)?Policy$/.test(member) || /[pP]olicyDocumentType$/.test(shapeName);

/**
 * How wild the values are: `wild` draws any string for any member and sometimes the wrong encoding;
 * `mild` draws values that look right for the member's type (names, ARNs, enum values, small numbers),
 * so the request gets past the protocol's checks into the operation's own.
 */
type Mode = 'wild' | 'mild';

const mildName = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,32}$/);
const arn = (kind: string, names: readonly string[]) => fc.constantFrom(...names.map((n) => `arn:aws:iam::${ACCOUNT}:${kind}/${n}`));

/** A value that looks right for a string member, by its name: a name, an ARN of the right kind, a path. */
const mildString = (member: string): fc.Arbitrary<string> => {
  const named = (...names: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: mildName });
  if (/^(?:New)?UserName$|^Name$/.test(member)) return named('fuzz-target', 'fuzz-new');
  if (/RoleName$/.test(member)) return named('fuzz-role', 'fuzz-new');
  if (/GroupName$/.test(member)) return named('fuzz-group', 'fuzz-new');
  if (member === 'PolicyName') return named('fuzz-policy', 'fuzz-inline', 'fuzz-new');
  if (member === 'InstanceProfileName') return named('fuzz-profile', 'fuzz-new');
  if (/^(?:New)?Path(?:Prefix)?$/.test(member)) return fc.constantFrom('/', '/a/', '/a/b/', '/fuzz/');
  if (member === 'PolicyArn' || member === 'PermissionsBoundary' || member === 'PolicySourceArn')
    return fc.oneof(arn('policy', ['fuzz-policy', 'fuzz-new']), fc.constantFrom('arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'));
  if (member === 'RoleArn' || member === 'PrincipalArn' || member === 'Arn' || member === 'EntityArn' || member === 'CallerArn')
    return fc.oneof(arn('role', ['fuzz-role', 'fuzz-new']), arn('user', ['fuzz-target']), arn('group', ['fuzz-group']));
  if (member === 'OpenIDConnectProviderArn') return arn('oidc-provider', ['issuer.example', 'other.example']);
  if (member === 'SAMLProviderArn') return arn('saml-provider', ['fuzz', 'other']);
  if (member === 'SerialNumber') return fc.oneof(arn('mfa', ['fuzz', 'fuzz-new']), fc.stringMatching(/^[A-Z0-9]{9,20}$/));
  if (member === 'AccessKeyId') return fc.stringMatching(/^A[KS]IA[A-Z2-7]{16}$/);
  if (member === 'Key' || member === 'Value' || member === 'TagKeys') return fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{1,24}$/);
  if (member === 'ThumbprintList') return fc.stringMatching(/^[0-9a-f]{40}$/);
  if (member === 'VersionId') return fc.constantFrom('v1', 'v2', 'v5');
  if (member === 'Url' || member === 'ProviderId') return fc.constantFrom('https://issuer.example', 'https://issuer.example/path', 'http://insecure.example');
  if (/Code\d?$/.test(member)) return fc.stringMatching(/^\d{6}$/);
  if (member === 'Description' || member === 'Notes') return fc.string({ maxLength: 60 });
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...PLAUSIBLE) }, { weight: 3, arbitrary: mildName });
};

/** A value that looks right for an integer member. */
const mildInteger = (member: string): fc.Arbitrary<string> =>
  (member === 'DurationSeconds' ? fc.integer({ min: 900, max: 43_200 }) : fc.integer({ min: 1, max: 1000 })).map(String);

/** Parameters for one member at `prefix`: its proper encoding with random values, or (wild) a wrong one. */
const memberParams = (service: ServiceName, member: string, shapeName: string, prefix: string, depth: number, mode: Mode): fc.Arbitrary<Pairs> => {
  const shape = shapeOf(service, shapeName);
  const wild = mode === 'wild';
  const position = wild ? wildPosition : mildPosition;
  const scalar = (value: fc.Arbitrary<string>): fc.Arbitrary<Pairs> => value.map((v) => [[prefix, v]] as const);
  let right: fc.Arbitrary<Pairs>;
  switch (shape.type) {
    case 'string': {
      const enumValues = shape.enum !== undefined ? [{ weight: 4, arbitrary: fc.constantFrom(...shape.enum) }] : [];
      right = isPolicyMember(member, shapeName)
        ? scalar(policyDocument)
        : scalar(
            wild
              ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PLAUSIBLE) }, { weight: 2, arbitrary: nameLike }, { weight: 4, arbitrary: fuzzString }, ...enumValues)
              : fc.oneof({ weight: 4, arbitrary: mildString(member) }, ...enumValues),
          );
      break;
    }
    case 'integer':
      right = scalar(wild ? numberValue : mildInteger(member));
      break;
    case 'boolean':
      right = scalar(wild ? booleanValue : fc.constantFrom('true', 'false'));
      break;
    case 'timestamp':
      right = scalar(wild ? timestampValue : fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()));
      break;
    case 'blob':
      right = scalar(fc.oneof(fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('base64')), ...(wild ? [fuzzString] : [])));
      break;
    case 'list': {
      const item = shape.member!.shape;
      right =
        depth > 3
          ? scalar(fuzzString)
          : fc.oneof(
              { weight: 1, arbitrary: fc.constant([[prefix, '']] as const) },
              {
                weight: 5,
                arbitrary: fc
                  .array(position, { minLength: 1, maxLength: 4 })
                  .chain((positions) => fc.tuple(...positions.map((p) => memberParams(service, member, item, `${prefix}.member.${p}`, depth + 1, mode))))
                  .map((lists) => lists.flat()),
              },
            );
      break;
    }
    case 'map':
      right = fc
        .array(fc.tuple(position, wild ? fuzzString : mildName, wild ? fuzzString : mildName), { minLength: 1, maxLength: 3 })
        .map((entries) => entries.flatMap(([p, k, v]) => [[`${prefix}.entry.${p}.key`, k] as const, [`${prefix}.entry.${p}.value`, v] as const]));
      break;
    case 'structure':
      right = depth > 3 ? scalar(fuzzString) : structureParams(service, shapeName, `${prefix}.`, depth + 1, mode);
      break;
    default:
      right = scalar(fuzzString);
  }
  if (!wild) return right;
  // Now and then, an encoding that does not fit the shape: a list under a scalar, a scalar at a list's name.
  const wrong: fc.Arbitrary<Pairs> = fc.oneof(
    fuzzString.map((v) => [[prefix, v]] as const),
    fc.tuple(position, fuzzString).map(([p, v]) => [[`${prefix}.member.${p}`, v]] as const),
    fc.tuple(position, fuzzString).map(([p, v]) => [[`${prefix}.member.${p}.Key`, v]] as const),
    fuzzString.map((v) => [[`${prefix}.`, v]] as const),
  );
  return fc.oneof({ weight: 9, arbitrary: right }, { weight: 1, arbitrary: wrong });
};

/** A random subset of a structure's members (required ones more often than not), each with values. */
const structureParams = (service: ServiceName, shapeName: string, prefix: string, depth: number, mode: Mode): fc.Arbitrary<Pairs> => {
  const shape = shapeOf(service, shapeName);
  const members = Object.entries(shape.members ?? {});
  if (members.length === 0) return fc.constant([]);
  const requiredFreq = mode === 'wild' ? 6 : 30;
  return fc
    .tuple(
      ...members.map(([name, ref]) =>
        fc.option(memberParams(service, name, ref.shape, `${prefix}${name}`, depth, mode), {
          nil: undefined,
          freq: shape.required?.includes(name) ? requiredFreq : 2,
        }),
      ),
    )
    .map((chosen) => chosen.flatMap((pairs) => pairs ?? []));
};

interface Generated {
  readonly service: ServiceName;
  readonly action: string;
  readonly params: Pairs;
}

/**
 * A request for a real operation: all members wild; or all mild but (sometimes) one member wild, which
 * goes first so it is the occurrence the server reads.
 */
const operationRequest = (service: ServiceName): fc.Arbitrary<Generated> =>
  fc.constantFrom(...Object.keys(MODELS[service].operations)).chain((action) => {
    const input = MODELS[service].operations[action]!.input?.shape;
    if (input === undefined) return fc.constant({ service, action, params: [] as Pairs });
    const members = Object.entries(shapeOf(service, input).members ?? {});
    const oneWild =
      members.length === 0
        ? fc.constant<Pairs>([])
        : fc.constantFrom(...members).chain(([name, ref]) => memberParams(service, name, ref.shape, name, 0, 'wild'));
    const params = fc.oneof(
      structureParams(service, input, '', 0, 'wild'),
      structureParams(service, input, '', 0, 'mild'),
      fc.tuple(oneWild, structureParams(service, input, '', 0, 'mild')).map(([a, b]) => [...a, ...b]),
    );
    return params.map((p) => ({ service, action, params: p }));
  });

// ---------------------------------------------------------------------------------------------------
// Properties.

const describeRequest = (g: Generated): string => `${g.service} ${g.action} ${JSON.stringify(g.params)}`.slice(0, 3000);

describe('generated requests for real operations', () => {
  it('answer every IAM and STS operation with modelled members and random values as AWS would', async () => {
    const request = fc.oneof({ weight: 3, arbitrary: operationRequest('iam') }, { weight: 1, arbitrary: operationRequest('sts') });
    await fc.assert(
      fc.asyncProperty(request, async (g) => {
        const body = encodeForm([['Action', g.action], ['Version', VERSION[g.service]], ...g.params]);
        expectWellFormed(await sendBody(g.service, body), describeRequest(g));
      }),
      { seed: SEED, numRuns: 500, endOnFailure: false },
    );
  }, 120_000);
});

/** A piece of a form: text, random bytes percent-encoded (valid UTF-8 or not), or a stray escape. */
const formPiece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
  fc.string({ unit: fc.constantFrom('%', '&', '=', '+', 'a', '.', '1', ';'), maxLength: 12 }),
  fc.uint8Array({ maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.constantFrom('%', '%2', '%G0', '%C3', '%C3%28', '%ED%A0%80', '%F4%90%80%80', '%00', 'Action', 'Version', 'UserName', 'Tags.member.1.Key', 'Action%00', 'ACTION', ''),
);

const ACTIONS = [...Object.keys(MODELS.iam.operations), ...Object.keys(MODELS.sts.operations)];

const randomForm = fc.record({
  service: fc.constantFrom<ServiceName>('iam', 'sts'),
  action: fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.constantFrom(...ACTIONS) },
    { weight: 2, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('', 'listusers', 'ListUsers ', 'List%55sers', 'FlyToTheMoon', 'constructor', '__proto__', 'toString', 'hasOwnProperty')) },
  ),
  version: fc.oneof(fc.constant(undefined), fc.constantFrom('2010-05-08', '2011-06-15', '', '2099-01-01', 'x'), fc.string({ maxLength: 12 })),
  pairs: fc.array(fc.tuple(formPiece, formPiece, fc.constantFrom('=', '', '==')), { maxLength: 12 }),
  duplicates: fc.array(fc.tuple(fc.constantFrom('Action', 'Version', 'UserName', 'RoleName', 'MaxItems', 'Marker'), formPiece), { maxLength: 3 }),
  order: fc.boolean(),
  separator: fc.constantFrom('&', '&&', '&amp;'),
});

describe('random form bodies', () => {
  it('answer any form, with or without an action or the right version, as AWS would', async () => {
    await fc.assert(
      fc.asyncProperty(randomForm, async (f) => {
        const pieces = [
          ...(f.action !== undefined ? [`Action=${encodeURIComponent(f.action)}`] : []),
          ...(f.version !== undefined ? [`Version=${encodeURIComponent(f.version)}`] : []),
        ];
        const random = [...f.pairs.map(([k, v, eq]) => `${k}${eq}${v}`), ...f.duplicates.map(([k, v]) => `${k}=${v}`)];
        const body = (f.order ? [...random, ...pieces] : [...pieces, ...random]).join(f.separator);
        expectWellFormed(await sendBody(f.service, body), `${f.service} ${body}`);
      }),
      { seed: SEED, numRuns: 300, endOnFailure: false },
    );
  }, 120_000);
});

describe('the store after the fuzzing', () => {
  it('still lists users and roles, summarises the account, and holds the keeper user exactly as before', async () => {
    const users = await iam.send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).toContain(KEEPER);
    const roles = await iam.send(new ListRolesCommand({}));
    expect(roles.Roles).toBeDefined();
    const summary = await iam.send(new GetAccountSummaryCommand({}));
    expect(summary.SummaryMap?.Users).toBeGreaterThanOrEqual(1);
    expect(summary.SummaryMap?.Policies).toBeGreaterThanOrEqual(1);
    expect(await keeperSnapshot()).toEqual(keeperBefore);
    expect(keeperBefore).toMatchObject({
      user: { UserName: KEEPER, Path: '/keep/', Arn: `arn:aws:iam::${ACCOUNT}:user/keep/${KEEPER}` },
      tags: [{ Key: 'team', Value: 'keepers' }, { Key: 'üñí', Value: 'ç=+@ 1' }],
      inline: { PolicyName: 'keeper-inline', Document: KEEPER_INLINE },
      attached: [{ PolicyName: KEEPER_POLICY }],
    });
    // The keeper's access key still signs requests as the keeper.
    const identity = await stsClient({ url: server.url, ...keeperKey }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/keep/${KEEPER}`);
  });
});
