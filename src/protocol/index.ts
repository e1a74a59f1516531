// The protocol layer's public surface: the IAM/STS service models and the Query wire format — request
// decoding, input reading and validation, success and error envelopes — and the error registry (§8).

export {
  findOperation,
  isUnsignedOperation,
  operationNames,
  serviceModel,
  type ModelMetadata,
  type OperationModel,
  type ServiceModel,
  type ServiceName,
  type Shape,
} from './models/index.js';
export { decodeQueryRequest, type QueryRequest } from './query/decode.js';
export { resolveOperation, type OperationLookup } from './query/operations.js';
export { readOperationInput, type InputResult } from './query/read-input.js';
export { formatTimestamp, OutputShapeError, writeOperationOutput } from './query/serialize.js';
export { writeErrorResponse, type ErrorResponse } from './query/errors.js';
export { encodePolicyDocument } from './query/policy-document.js';
export {
  COMMON_ERRORS,
  errorRegistry,
  errorWire,
  INTERNAL_FAILURE_MESSAGE,
  isRegisteredError,
  type CommonErrorCode,
  type ErrorType,
  type ErrorWire,
} from './errors/registry.js';
export { escapeXmlText } from './xml/escape.js';
export { newRequestId } from './request-id.js';
