// An operation's input from decoded Query parameters: deserialize by the input shape, then apply the
// model's constraints. Any failure becomes one ValidationError listing every problem (§5.11).

import type { ServiceModel } from '../models/index.js';
import { deserializeInput } from './deserialize.js';
import { validationMessage } from './problems.js';
import { validateInput } from './validate.js';

export type InputResult =
  | { readonly ok: true; readonly input: Record<string, unknown> }
  | { readonly ok: false; readonly code: 'ValidationError'; readonly message: string };

/** `operationName` must be one of the model's (see resolveOperation); an unknown name is a programming error. */
export function readOperationInput(model: ServiceModel, operationName: string, params: ReadonlyMap<string, string>): InputResult {
  const operation = model.operations.get(operationName);
  if (operation === undefined) throw new Error(`${model.service} has no operation ${operationName}`);
  const inputShape = operation.input?.shape;
  const input = deserializeInput(model, inputShape, params);
  const problems = validateInput(model, inputShape, input);
  if (problems.length > 0) return { ok: false, code: 'ValidationError', message: validationMessage(problems) };
  return { ok: true, input };
}
