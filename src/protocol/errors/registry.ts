// The one table from error code to wire form ({code, HTTP status, Sender|Receiver}): every error the IAM
// and STS models declare plus the common Query errors (§5.11, §6.5, §7.3, §7.5). Codes not in it are
// answered as InternalFailure 500, with no detail.

import { serviceModel, type ServiceModel } from '../models/index.js';

export type ErrorType = 'Sender' | 'Receiver';

export interface ErrorWire {
  readonly code: string;
  readonly httpStatus: number;
  readonly type: ErrorType;
}

/** Errors every Query service can answer, whatever the operation (§7.3, §7.5). */
export const COMMON_ERRORS = [
  { code: 'AccessDenied', httpStatus: 403 },
  { code: 'ExpiredToken', httpStatus: 403 },
  { code: 'IncompleteSignature', httpStatus: 400 },
  { code: 'InternalFailure', httpStatus: 500 },
  { code: 'InvalidAction', httpStatus: 400 },
  { code: 'InvalidClientTokenId', httpStatus: 403 },
  { code: 'InvalidParameterCombination', httpStatus: 400 },
  { code: 'InvalidParameterValue', httpStatus: 400 },
  { code: 'InvalidQueryParameter', httpStatus: 400 },
  { code: 'MalformedQueryString', httpStatus: 404 },
  { code: 'MissingAction', httpStatus: 400 },
  { code: 'MissingAuthenticationToken', httpStatus: 403 },
  { code: 'MissingParameter', httpStatus: 400 },
  { code: 'NotAuthorized', httpStatus: 400 },
  { code: 'OptInRequired', httpStatus: 403 },
  { code: 'RequestExpired', httpStatus: 400 },
  { code: 'ServiceUnavailable', httpStatus: 503 },
  { code: 'SignatureDoesNotMatch', httpStatus: 403 },
  { code: 'Throttling', httpStatus: 400 },
  { code: 'ValidationError', httpStatus: 400 },
  // Not in AWS's IAM/STS lists, Keycard's own, with HTTP's statuses: a body over the size limit, and a
  // modelled operation not implemented yet (501, which SDKs do not retry, unlike 500/503).
  { code: 'RequestEntityTooLarge', httpStatus: 413 },
  { code: 'NotImplemented', httpStatus: 501 },
] as const satisfies readonly { code: string; httpStatus: number }[];

export type CommonErrorCode = (typeof COMMON_ERRORS)[number]['code'];

const INTERNAL_FAILURE: ErrorWire = { code: 'InternalFailure', httpStatus: 500, type: 'Receiver' };

/** AWS's documented text for InternalFailure; what a caller sees for any error we cannot name. */
export const INTERNAL_FAILURE_MESSAGE = 'The request processing has failed because of an unknown error, exception or failure.';

// Sender for 4xx and Receiver for 5xx (§8.3); the models' senderFault agrees wherever it is given.
function typeFor(httpStatus: number): ErrorType {
  return httpStatus >= 500 ? 'Receiver' : 'Sender';
}

/**
 * A model's exception shapes as wire errors. Where a shape has no `error` trait, botocore's defaults
 * apply: the shape name is the code, and the status is 400.
 */
export function modelErrors(model: ServiceModel): ErrorWire[] {
  const errors: ErrorWire[] = [];
  for (const [name, shape] of model.shapes) {
    if (shape.type !== 'structure' || shape.exception !== true) continue;
    const httpStatus = shape.error?.httpStatusCode ?? 400;
    errors.push({ code: shape.error?.code ?? name, httpStatus, type: typeFor(httpStatus) });
  }
  return errors;
}

function buildRegistry(errors: readonly ErrorWire[]): ReadonlyMap<string, ErrorWire> {
  const registry = new Map<string, ErrorWire>();
  for (const error of errors) {
    const known = registry.get(error.code);
    if (known !== undefined && known.httpStatus !== error.httpStatus) {
      throw new Error(`error ${error.code} is ${known.httpStatus} in one source and ${error.httpStatus} in another`);
    }
    registry.set(error.code, error);
  }
  return registry;
}

// Built once at start-up from the generated models; never mutated.
const REGISTRY = buildRegistry([
  ...COMMON_ERRORS.map((error) => ({ ...error, type: typeFor(error.httpStatus) })),
  ...modelErrors(serviceModel('iam')),
  ...modelErrors(serviceModel('sts')),
]);

/** Every registered error, by code. */
export function errorRegistry(): ReadonlyMap<string, ErrorWire> {
  return REGISTRY;
}

export function isRegisteredError(code: string): boolean {
  return REGISTRY.has(code);
}

/** The wire form of `code`; InternalFailure 500 for a code nobody registered. */
export function errorWire(code: string): ErrorWire {
  return REGISTRY.get(code) ?? INTERNAL_FAILURE;
}
