// Checks an input object against the model's constraints — required, length, range, pattern, enum — and
// reports each failure the way AWS words it (§5.11): `Member must have length less than or equal to 64`.

import { shapeOf, type ServiceModel, type Shape, type ShapeRef, type StructureShape } from '../models/index.js';
import { malformedProblem } from './deserialize.js';
import { itemPath, joinPath, type ValidationProblem } from './problems.js';

interface Checker {
  readonly model: ServiceModel;
  readonly problems: ValidationProblem[];
}

/**
 * Every constraint the input breaks, in member order (values of the wrong type included); for one member:
 * length, then range, pattern, enum.
 */
export function validateInput(model: ServiceModel, inputShape: string | undefined, input: Record<string, unknown>): ValidationProblem[] {
  const checker: Checker = { model, problems: [] };
  if (inputShape === undefined) return [];
  const shape = shapeOf(model, inputShape);
  if (shape.type === 'structure') checkStructure(checker, shape, input, '');
  return checker.problems;
}

function checkStructure(checker: Checker, shape: StructureShape, value: Record<string, unknown>, path: string): void {
  const required = new Set(shape.required ?? []);
  for (const [memberName, ref] of Object.entries(shape.members)) {
    const memberPath = joinPath(path, memberName);
    const member = Object.hasOwn(value, memberName) ? value[memberName] : undefined;
    if (member === undefined || member === null) {
      if (required.has(memberName)) {
        checker.problems.push({ path: memberPath, value: null, isSensitive: false, constraint: 'Member must not be null' });
      }
      continue;
    }
    checkValue(checker, ref, member, memberPath);
  }
}

function checkValue(checker: Checker, ref: ShapeRef, value: unknown, path: string): void {
  const malformed = malformedProblem(value);
  if (malformed !== undefined) {
    checker.problems.push(malformed);
    return;
  }
  const shape = shapeOf(checker.model, ref.shape);
  const report = (constraint: string): void => {
    checker.problems.push({ path, value: renderValue(value), isSensitive: shape.sensitive === true, constraint });
  };
  switch (shape.type) {
    case 'structure':
      if (isRecord(value)) checkStructure(checker, shape, value, path);
      return;
    case 'list':
      if (!Array.isArray(value)) return;
      checkLength(shape, value.length, report);
      value.forEach((item, index) => checkValue(checker, shape.member, item, itemPath(path, index + 1)));
      return;
    case 'map':
      if (!isRecord(value)) return;
      checkLength(shape, Object.keys(value).length, report);
      for (const [key, item] of Object.entries(value)) {
        checkValue(checker, shape.key, key, `${path}.${key}`);
        checkValue(checker, shape.value, item, `${path}.${key}`);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return;
      // Java counts UTF-16 code units, as String.prototype.length does.
      checkLength(shape, value.length, report);
      if (shape.pattern !== undefined && checker.model.patterns.get(ref.shape)?.test(value) === false) {
        report(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      if (shape.enum !== undefined && !shape.enum.includes(value)) {
        report(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      }
      return;
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      if (typeof value !== 'number') return;
      if (shape.min !== undefined && value < shape.min) report(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) report(`Member must have value less than or equal to ${shape.max}`);
      return;
    case 'blob':
      if (value instanceof Uint8Array) checkLength(shape, value.byteLength, report);
      return;
    default:
      return;
  }
}

function checkLength(shape: Shape & { readonly min?: number; readonly max?: number }, length: number, report: (constraint: string) => void): void {
  if (shape.min !== undefined && length < shape.min) report(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) report(`Member must have length less than or equal to ${shape.max}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/** The value as AWS's Java services print it in a message: lists as `[a, b]`. */
function renderValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([k, v]) => `${k}=${renderValue(v)}`).join(', ')}}`;
  return String(value);
}
