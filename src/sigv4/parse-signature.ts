// Finds and parses the signature of a request: header transport, query transport (presigned URL), or none
// (§7.1 items 4–7). Shapes only; whether the signature is right is verify-signature.ts's question.

import { readAuthParams, singleParam, type AuthParams } from './auth-params.js';
import type { CredentialScope } from './credential.js';
import { incompleteSignature, signatureDoesNotMatch, type SigV4Failure } from './failure.js';
import { parseAuthorizationHeader } from './parse-authorization-header.js';
import { parseQueryAuth } from './parse-query-auth.js';
import { formatAmzDate, parseAmzDate, parseHttpDate, type RequestTime } from './request-time.js';
import { HOST_NOT_SIGNED_MESSAGE, signsHost } from './signed-headers.js';
import { singleHeader, type SignedRequest } from './signed-request.js';

export type SignatureTransport = 'header' | 'query';

export type ParsedSignature = {
  readonly kind: 'signed';
  readonly transport: SignatureTransport;
  readonly accessKeyId: string;
  readonly scope: CredentialScope;
  /** As the client listed them; correct signers send lower-case names, sorted. */
  readonly signedHeaders: readonly string[];
  /** As sent; a correct signer sends 64 lower-case hex digits. */
  readonly signature: string;
  readonly requestTime: RequestTime;
  /** X-Amz-Expires of a presigned URL; undefined for header transport. */
  readonly expiresSeconds: number | undefined;
  /** X-Amz-Security-Token from the header or the query (§7.1 item 6). */
  readonly securityToken: string | undefined;
  /** The x-amz-content-sha256 header the client declared, which it used as the payload hash. */
  readonly declaredPayloadHash: string | undefined;
};

export type SignatureParseError = { readonly kind: 'error' } & SigV4Failure;

export type SignatureParse = { readonly kind: 'unsigned' } | SignatureParseError | ParsedSignature;

const error = (failure: SigV4Failure): SignatureParseError => ({ kind: 'error', ...failure });

/**
 * Both transports at once: AWS's code here is unverified (§7.3 offers SignatureDoesNotMatch or
 * InvalidRequest). SignatureDoesNotMatch is chosen because it is in every IAM/STS client's error model and
 * the error registry, while InvalidRequest is an S3 code absent from the IAM/STS common errors (§7.5); the
 * text is S3's for the same condition.
 */
const BOTH_TRANSPORTS_MESSAGE =
  'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.';

export const parseSignature = (request: SignedRequest): SignatureParse => {
  const authorization = singleHeader(request, 'authorization');
  const params = readAuthParams(request.query);
  const hasQueryAuth = params.has('X-Amz-Algorithm');
  if (authorization.kind !== 'absent' && hasQueryAuth) {
    return error(signatureDoesNotMatch(BOTH_TRANSPORTS_MESSAGE));
  }
  if (authorization.kind === 'repeated') return error(incompleteSignature('The Authorization header is repeated.'));
  if (authorization.kind === 'one') return parseHeaderTransport(request, authorization.value, params);
  if (hasQueryAuth) return parseQueryTransport(request, params);
  // A presigned URL that lost its X-Amz-Algorithm is a broken signature, not an unsigned request.
  if (params.has('X-Amz-Credential') || params.has('X-Amz-Signature')) {
    return error(incompleteSignature('Query-string authentication requires the X-Amz-Algorithm parameter.'));
  }
  return { kind: 'unsigned' };
};

const parseHeaderTransport = (request: SignedRequest, header: string, params: AuthParams): SignatureParse => {
  const parsed = parseAuthorizationHeader(header);
  if (parsed.kind === 'error') return error(parsed.failure);
  const { credential, signedHeaders, signature } = parsed.value;
  if (!signsHost(signedHeaders)) return error(incompleteSignature(HOST_NOT_SIGNED_MESSAGE));
  const requestTime = headerRequestTime(request);
  if (requestTime.kind === 'error') return requestTime;
  const token = securityToken(request, params, 'header');
  if (token.kind === 'error') return token;
  const declared = declaredPayloadHash(request);
  if (declared.kind === 'error') return declared;
  return {
    kind: 'signed',
    transport: 'header',
    accessKeyId: credential.accessKeyId,
    scope: credential.scope,
    signedHeaders,
    signature,
    requestTime: requestTime.value,
    expiresSeconds: undefined,
    securityToken: token.value,
    declaredPayloadHash: declared.value,
  };
};

const parseQueryTransport = (request: SignedRequest, params: AuthParams): SignatureParse => {
  const parsed = parseQueryAuth(params);
  if (parsed.kind === 'error') return error(parsed.failure);
  const { credential, signedHeaders, signature, amzDate, expiresSeconds } = parsed.value;
  if (!signsHost(signedHeaders)) return error(incompleteSignature(HOST_NOT_SIGNED_MESSAGE));
  const token = securityToken(request, params, 'query');
  if (token.kind === 'error') return token;
  const declared = declaredPayloadHash(request);
  if (declared.kind === 'error') return declared;
  return {
    kind: 'signed',
    transport: 'query',
    accessKeyId: credential.accessKeyId,
    scope: credential.scope,
    signedHeaders,
    signature,
    requestTime: {
      date: amzDate.date,
      raw: amzDate.raw,
      source: 'X-Amz-Date',
      amzDate: formatAmzDate(amzDate.date),
    },
    expiresSeconds,
    securityToken: token.value,
    declaredPayloadHash: declared.value,
  };
};

type Read<T> = { kind: 'ok'; value: T } | SignatureParseError;

/** X-Amz-Date wins over Date when both are sent (§7.1 item 5). */
const headerRequestTime = (request: SignedRequest): Read<RequestTime> => {
  const amzDate = singleHeader(request, 'x-amz-date');
  if (amzDate.kind === 'repeated') return error(incompleteSignature('The X-Amz-Date header is repeated.'));
  if (amzDate.kind === 'one') {
    const date = parseAmzDate(amzDate.value);
    if (date === undefined) {
      return error(
        incompleteSignature(
          `X-Amz-Date must be in ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z'); got '${amzDate.value.slice(0, 40)}'.`,
        ),
      );
    }
    return { kind: 'ok', value: { date, raw: amzDate.value, source: 'X-Amz-Date', amzDate: formatAmzDate(date) } };
  }
  const httpDate = singleHeader(request, 'date');
  if (httpDate.kind === 'one') {
    const date = parseHttpDate(httpDate.value);
    if (date === undefined) {
      return error(incompleteSignature(`The Date header is not an HTTP date: '${httpDate.value.slice(0, 40)}'.`));
    }
    return { kind: 'ok', value: { date, raw: httpDate.value, source: 'Date', amzDate: formatAmzDate(date) } };
  }
  return error(
    incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."),
  );
};

/**
 * The token normally travels with the signature (header with header auth, query with presigned URLs);
 * the other place is accepted too. Two different tokens would leave it unclear whose session this is.
 */
const securityToken = (
  request: SignedRequest,
  params: AuthParams,
  transport: SignatureTransport,
): Read<string | undefined> => {
  const header = singleHeader(request, 'x-amz-security-token');
  const param = singleParam(params, 'X-Amz-Security-Token');
  if (header.kind === 'repeated' || param.kind === 'repeated') {
    return error(incompleteSignature('X-Amz-Security-Token is repeated.'));
  }
  const fromHeader = header.kind === 'one' ? header.value : undefined;
  const fromQuery = param.kind === 'one' ? param.value : undefined;
  if (fromHeader !== undefined && fromQuery !== undefined && fromHeader !== fromQuery) {
    return error(
      incompleteSignature('X-Amz-Security-Token is sent twice, as a header and a query parameter, with different values.'),
    );
  }
  return { kind: 'ok', value: transport === 'header' ? (fromHeader ?? fromQuery) : (fromQuery ?? fromHeader) };
};

const declaredPayloadHash = (request: SignedRequest): Read<string | undefined> => {
  const header = singleHeader(request, 'x-amz-content-sha256');
  if (header.kind === 'repeated') return error(incompleteSignature('The x-amz-content-sha256 header is repeated.'));
  return { kind: 'ok', value: header.kind === 'one' ? header.value : undefined };
};
