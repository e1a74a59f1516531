// The Query error envelope (§8.3): <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>,
// with the status and Sender/Receiver from the error registry.

import { errorWire, INTERNAL_FAILURE_MESSAGE, isRegisteredError } from '../errors/registry.js';
import type { ServiceModel } from '../models/index.js';
import { escapeXmlText } from '../xml/escape.js';

export interface ErrorResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * An unregistered code is answered as InternalFailure with AWS's generic text: whatever went wrong inside
 * is for the log (with the request id), not for the caller.
 */
export function writeErrorResponse(
  model: ServiceModel,
  error: { readonly code: string; readonly message: string },
  requestId: string,
): ErrorResponse {
  const wire = errorWire(error.code);
  const message = isRegisteredError(error.code) ? error.message : INTERNAL_FAILURE_MESSAGE;
  const body =
    `<ErrorResponse xmlns="${escapeXmlText(model.metadata.xmlNamespace)}">` +
    `<Error><Type>${wire.type}</Type><Code>${escapeXmlText(wire.code)}</Code>` +
    `<Message>${escapeXmlText(message)}</Message></Error>` +
    `<RequestId>${escapeXmlText(requestId)}</RequestId></ErrorResponse>`;
  return { status: wire.httpStatus, body };
}
