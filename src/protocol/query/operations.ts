// From a request's Action and Version to the modelled operation, or the error AWS answers instead (§8.1).

import type { OperationModel, ServiceModel } from '../models/index.js';

export type OperationLookup =
  | { readonly ok: true; readonly operation: OperationModel }
  | { readonly ok: false; readonly code: 'MissingAction' | 'InvalidAction'; readonly message: string };

/**
 * Names are matched exactly (AWS's operation names are case-sensitive). A missing Version is read as the
 * model's own: the SDKs always send it, and refusing hand-written requests for it gains nothing. A
 * different Version names an API we do not have, which AWS reports as an unknown operation.
 */
export function resolveOperation(model: ServiceModel, action: string | undefined, version: string | undefined): OperationLookup {
  if (action === undefined || action === '') {
    return { ok: false, code: 'MissingAction', message: 'Request is missing Action' };
  }
  const apiVersion = version ?? model.metadata.apiVersion;
  const operation = apiVersion === model.metadata.apiVersion ? model.operations.get(action) : undefined;
  if (operation === undefined) {
    return { ok: false, code: 'InvalidAction', message: `Could not find operation ${action} for version ${apiVersion}` };
  }
  return { ok: true, operation };
}
