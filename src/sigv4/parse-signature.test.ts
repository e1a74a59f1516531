import { describe, expect, it } from 'vitest';
import { parseSignature } from './parse-signature.js';
import type { SignedRequest } from './signed-request.js';

const SIGNATURE = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
const CREDENTIAL = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`;
const PRESIGNED =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request' +
  `&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIGNATURE}`;

const request = (headers: SignedRequest['headers'], query = ''): SignedRequest => ({ method: 'GET', path: '/', query, headers });
const withAuthorization = (authorization: string | string[], extra: SignedRequest['headers'] = {}) =>
  request({ host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z', authorization, ...extra });

const incomplete = (message: string) => ({ kind: 'error', code: 'IncompleteSignature', status: 400, message });

describe('parseSignature: which transport', () => {
  it('is unsigned without an Authorization header or X-Amz-Algorithm', () => {
    expect(parseSignature(request({ host: 'h' }, 'Action=AssumeRoleWithWebIdentity&X-Amz-Date=x'))).toEqual({ kind: 'unsigned' });
  });

  it('reads header transport', () => {
    expect(parseSignature(withAuthorization(AUTHORIZATION))).toEqual({
      kind: 'signed',
      transport: 'header',
      accessKeyId: 'AKIDEXAMPLE',
      scope: { date: '20150830', region: 'us-east-1', service: 'service', terminator: 'aws4_request' },
      signedHeaders: ['host', 'x-amz-date'],
      signature: SIGNATURE,
      requestTime: { date: new Date('2015-08-30T12:36:00Z'), raw: '20150830T123600Z', source: 'X-Amz-Date', amzDate: '20150830T123600Z' },
      expiresSeconds: undefined,
      securityToken: undefined,
      declaredPayloadHash: undefined,
    });
  });

  it('reads query transport', () => {
    const parsed = parseSignature(request({ host: 'example.amazonaws.com' }, `Action=GetCallerIdentity&${PRESIGNED}&X-Amz-Security-Token=a%2Bb%2F`));
    expect(parsed).toMatchObject({
      kind: 'signed',
      transport: 'query',
      accessKeyId: 'AKIDEXAMPLE',
      signedHeaders: ['host'],
      signature: SIGNATURE,
      expiresSeconds: 3600,
      securityToken: 'a+b/',
      requestTime: { amzDate: '20150830T123600Z', source: 'X-Amz-Date' },
    });
  });

  it('refuses both transports at once with SignatureDoesNotMatch', () => {
    expect(parseSignature(request({ host: 'h', authorization: AUTHORIZATION }, PRESIGNED))).toMatchObject({
      kind: 'error',
      code: 'SignatureDoesNotMatch',
      status: 403,
    });
  });

  it('treats presigned parameters without X-Amz-Algorithm as a broken signature, not as unsigned', () => {
    expect(parseSignature(request({ host: 'h' }, `X-Amz-Signature=${SIGNATURE}`))).toEqual(
      incomplete('Query-string authentication requires the X-Amz-Algorithm parameter.'),
    );
  });
});

describe('parseSignature: malformed Authorization headers are IncompleteSignature (§7.3)', () => {
  it.each([
    ['no Credential', `AWS4-HMAC-SHA256 SignedHeaders=host, Signature=${SIGNATURE}`, "Authorization header requires 'Credential' parameter."],
    ['no SignedHeaders', `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, Signature=${SIGNATURE}`, "Authorization header requires 'SignedHeaders' parameter."],
    ['no Signature', `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host`, "Authorization header requires 'Signature' parameter."],
    [
      'nothing after the algorithm',
      'AWS4-HMAC-SHA256',
      "Authorization header requires 'Credential' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter.",
    ],
    ['an empty Signature', `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host, Signature=`, "Authorization header requires 'Signature' parameter."],
    ['an unknown algorithm', `AWS4-HMAC-SHA512 Credential=${CREDENTIAL}, SignedHeaders=host, Signature=${SIGNATURE}`, "Unsupported Authorization algorithm 'AWS4-HMAC-SHA512'; expected 'AWS4-HMAC-SHA256'."],
    ['SigV4a', `AWS4-ECDSA-P256-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host, Signature=${SIGNATURE}`, "Unsupported Authorization algorithm 'AWS4-ECDSA-P256-SHA256'; expected 'AWS4-HMAC-SHA256'."],
    ['SigV2-style', 'AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=', "Unsupported Authorization algorithm 'AWS'; expected 'AWS4-HMAC-SHA256'."],
    ['a repeated component', `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, Credential=${CREDENTIAL}, SignedHeaders=host, Signature=${SIGNATURE}`, "Authorization header repeats the 'Credential' component."],
    ['an unexpected component', `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host, Signature=${SIGNATURE}, Extra=1`, "Authorization header has an unexpected component 'Extra'."],
    ['a component without "="', `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders, Signature=${SIGNATURE}`, "Authorization header component 'SignedHeaders' has no value."],
    ['a four-part credential', `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service, SignedHeaders=host, Signature=${SIGNATURE}`, 'Authorization header\'s Credential is malformed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'],
    ['a credential with an empty part', `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830//service/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`, 'Authorization header\'s Credential is malformed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'],
    ['a credential date that is not YYYYMMDD', `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015-08-30/us-east-1/service/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`, 'Authorization header\'s Credential is malformed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'],
    ['an empty signed header name', `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host;;x-amz-date, Signature=${SIGNATURE}`, "Authorization header's SignedHeaders must be header names separated by ';'."],
    ['host not signed', `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=x-amz-date, Signature=${SIGNATURE}`, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."],
  ])('%s', (_, authorization, message) => {
    expect(parseSignature(withAuthorization(authorization))).toEqual(incomplete(message));
  });

  it('accepts components separated by a bare comma, in any order', () => {
    const parsed = parseSignature(withAuthorization(`AWS4-HMAC-SHA256 Signature=${SIGNATURE},SignedHeaders=host;x-amz-date,Credential=${CREDENTIAL}`));
    expect(parsed).toMatchObject({ kind: 'signed', signature: SIGNATURE, signedHeaders: ['host', 'x-amz-date'] });
  });

  it('refuses a repeated Authorization header', () => {
    expect(parseSignature(withAuthorization([AUTHORIZATION, AUTHORIZATION]))).toEqual(incomplete('The Authorization header is repeated.'));
  });
});

describe('parseSignature: the request time', () => {
  it('is IncompleteSignature when there is no date at all', () => {
    expect(parseSignature(request({ host: 'h', authorization: AUTHORIZATION }))).toEqual(
      incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."),
    );
  });

  it('falls back to the Date header, and prefers X-Amz-Date', () => {
    const dateOnly = parseSignature(request({ host: 'h', authorization: AUTHORIZATION, date: 'Sun, 30 Aug 2015 12:36:00 GMT' }));
    expect(dateOnly).toMatchObject({ requestTime: { source: 'Date', raw: 'Sun, 30 Aug 2015 12:36:00 GMT', amzDate: '20150830T123600Z' } });
    const both = parseSignature(withAuthorization(AUTHORIZATION, { date: 'Mon, 31 Aug 2015 00:00:00 GMT' }));
    expect(both).toMatchObject({ requestTime: { source: 'X-Amz-Date', amzDate: '20150830T123600Z' } });
  });

  it('refuses a malformed X-Amz-Date or Date', () => {
    expect(parseSignature(withAuthorization(AUTHORIZATION, { 'x-amz-date': '2015-08-30T12:36:00Z' }))).toEqual(
      incomplete("X-Amz-Date must be in ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z'); got '2015-08-30T12:36:00Z'."),
    );
    expect(parseSignature(request({ host: 'h', authorization: AUTHORIZATION, date: 'soon' }))).toEqual(
      incomplete("The Date header is not an HTTP date: 'soon'."),
    );
    expect(parseSignature(withAuthorization(AUTHORIZATION, { 'x-amz-date': ['20150830T123600Z', '20150830T123600Z'] }))).toEqual(
      incomplete('The X-Amz-Date header is repeated.'),
    );
  });
});

describe('parseSignature: presigned URLs', () => {
  const presigned = (query: string) => parseSignature(request({ host: 'h' }, query));
  const without = (name: string) => PRESIGNED.split('&').filter((p) => !p.startsWith(`${name}=`)).join('&');

  it.each(['X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'])('needs %s', (name) => {
    expect(presigned(without(name))).toMatchObject({ kind: 'error', code: 'IncompleteSignature', status: 400 });
    expect(presigned(without(name))).toMatchObject({ message: expect.stringContaining(`missing ${name}.`) });
  });

  it('refuses a repeated parameter', () => {
    expect(presigned(`${PRESIGNED}&X-Amz-Date=20150830T123600Z`)).toEqual(incomplete('The X-Amz-Date query parameter is repeated.'));
  });

  it.each([
    ['X-Amz-Algorithm=AWS4-HMAC-SHA256', 'X-Amz-Algorithm=AWS4-HMAC-SHA1', "Unsupported X-Amz-Algorithm 'AWS4-HMAC-SHA1'; expected 'AWS4-HMAC-SHA256'."],
    ['X-Amz-Expires=3600', 'X-Amz-Expires=-1', "X-Amz-Expires must be a whole number of seconds; got '-1'."],
    ['X-Amz-Expires=3600', 'X-Amz-Expires=1e3', "X-Amz-Expires must be a whole number of seconds; got '1e3'."],
    ['X-Amz-Date=20150830T123600Z', 'X-Amz-Date=20150830', "X-Amz-Date must be in ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z'); got '20150830'."],
    ['%2Fservice%2Faws4_request', '%2Fservice', 'X-Amz-Credential is malformed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'],
    ['X-Amz-SignedHeaders=host', 'X-Amz-SignedHeaders=x-amz-date', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."],
  ])('refuses %s changed to %s', (from, to, message) => {
    expect(presigned(PRESIGNED.replace(from, to))).toEqual(incomplete(message));
  });
});

describe('parseSignature: the session token and the declared payload hash', () => {
  it('reads the token from the header or the query, and refuses two different ones', () => {
    expect(parseSignature(withAuthorization(AUTHORIZATION, { 'x-amz-security-token': 'tok' }))).toMatchObject({ securityToken: 'tok' });
    const both = (query: string) => parseSignature({ ...withAuthorization(AUTHORIZATION, { 'x-amz-security-token': 'tok' }), query });
    expect(both('X-Amz-Security-Token=tok')).toMatchObject({ kind: 'signed', securityToken: 'tok' });
    expect(both('X-Amz-Security-Token=other')).toEqual(
      incomplete('X-Amz-Security-Token is sent twice, as a header and a query parameter, with different values.'),
    );
  });

  it('reads x-amz-content-sha256 as the declared payload hash', () => {
    expect(parseSignature(withAuthorization(AUTHORIZATION, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }))).toMatchObject({
      declaredPayloadHash: 'UNSIGNED-PAYLOAD',
    });
  });
});
