// Writes an operation's output as the Query success envelope (§8.2): <{Op}Response> in the service
// namespace, the members inside <{Op}Result> in model order, then <ResponseMetadata>.

import { findOperation, shapeOf, type ServiceModel, type Shape, type ShapeRef, type StructureShape } from '../models/index.js';
import { escapeXmlText } from '../xml/escape.js';
import { memberWireName, wireTraits } from './names.js';
import { encodePolicyDocument, POLICY_DOCUMENT_SHAPE } from './policy-document.js';

/** The output object does not fit the operation's output shape: a bug in the service, never the caller's fault. */
export class OutputShapeError extends Error {
  override readonly name = 'OutputShapeError';
}

/**
 * Members are written in model order; undefined and null members are left out. `output` is ignored for
 * operations without output (DeleteUser, PutRolePolicy…), which answer with ResponseMetadata alone.
 * Throws OutputShapeError for a value of the wrong type or a member the shape does not have.
 */
export function writeOperationOutput(
  model: ServiceModel,
  operationName: string,
  output: Readonly<Record<string, unknown>> | undefined,
  requestId: string,
): string {
  const operation = findOperation(model, operationName);
  if (operation === undefined) throw new Error(`${model.service} has no operation ${operationName}`);
  let result = '';
  if (operation.output !== undefined) {
    const shape = shapeOf(model, operation.output.shape);
    if (shape.type !== 'structure') throw new Error(`output shape ${operation.output.shape} is not a structure`);
    const wrapper = operation.output.resultWrapper ?? `${operationName}Result`;
    result = `<${wrapper}>${writeMembers(model, shape, output ?? {}, operation.output.shape)}</${wrapper}>`;
  }
  const metadata = `<ResponseMetadata><RequestId>${escapeXmlText(requestId)}</RequestId></ResponseMetadata>`;
  const root = `${operationName}Response`;
  return `<${root} xmlns="${escapeXmlText(model.metadata.xmlNamespace)}">${result}${metadata}</${root}>`;
}

function writeMembers(model: ServiceModel, shape: StructureShape, value: unknown, where: string): string {
  if (!isPlainObject(value)) throw new OutputShapeError(`${where}: expected an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape.members, key)) throw new OutputShapeError(`${where}: no member named ${key}`);
  }
  let xml = '';
  for (const [memberName, ref] of Object.entries(shape.members)) {
    const member = value[memberName];
    if (member === undefined || member === null) continue;
    xml += writeMember(model, memberName, ref, member, `${where}.${memberName}`);
  }
  return xml;
}

function writeMember(model: ServiceModel, memberName: string, ref: ShapeRef, value: unknown, where: string): string {
  const shape = shapeOf(model, ref.shape);
  const traits = wireTraits(ref, shape);
  const name = memberWireName(memberName, traits);
  if (shape.type === 'list' && traits.isFlattened) {
    // A flattened list has no wrapper: its items repeat under the member's own name (or the items' name).
    const itemName = wireTraits(shape.member, shapeOf(model, shape.member.shape)).locationName ?? name;
    return asArray(value, where)
      .map((item, index) => element(itemName, writeContent(model, shape.member, item, `${where}[${index}]`)))
      .join('');
  }
  if (shape.type === 'map' && traits.isFlattened) {
    return mapEntries(model, shape, value, where).map((entry) => element(name, entry)).join('');
  }
  // botocore decodes policy documents only as structure members (handlers.py _decode_policy_types), §8.4.
  if (ref.shape === POLICY_DOCUMENT_SHAPE && shape.type === 'string') {
    return element(name, escapeXmlText(encodePolicyDocument(asString(value, where))));
  }
  return element(name, writeContent(model, ref, value, where));
}

function writeContent(model: ServiceModel, ref: ShapeRef, value: unknown, where: string): string {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'structure':
      return writeMembers(model, shape, value, where);
    case 'list': {
      const itemName = wireTraits(shape.member, shapeOf(model, shape.member.shape)).locationName ?? 'member';
      return asArray(value, where)
        .map((item, index) => element(itemName, writeContent(model, shape.member, item, `${where}[${index}]`)))
        .join('');
    }
    case 'map':
      return mapEntries(model, shape, value, where).map((entry) => element('entry', entry)).join('');
    default:
      return escapeXmlText(writeScalar(shape, value, where));
  }
}

function mapEntries(model: ServiceModel, shape: Shape & { type: 'map' }, value: unknown, where: string): string[] {
  if (!isPlainObject(value)) throw new OutputShapeError(`${where}: expected a map object, got ${describe(value)}`);
  const keyName = wireTraits(shape.key, shapeOf(model, shape.key.shape)).locationName ?? 'key';
  const valueName = wireTraits(shape.value, shapeOf(model, shape.value.shape)).locationName ?? 'value';
  return Object.entries(value)
    .filter(([, item]) => item !== undefined && item !== null)
    .map(
      ([key, item]) =>
        element(keyName, writeContent(model, shape.key, key, `${where}.key`)) +
        element(valueName, writeContent(model, shape.value, item, `${where}.${key}`)),
    );
}

function writeScalar(shape: Shape, value: unknown, where: string): string {
  switch (shape.type) {
    case 'string':
      return asString(value, where);
    case 'integer':
    case 'long':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      throw new OutputShapeError(`${where}: expected an integer, got ${describe(value)}`);
    case 'float':
    case 'double':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw new OutputShapeError(`${where}: expected a finite number, got ${describe(value)}`);
    case 'boolean':
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      throw new OutputShapeError(`${where}: expected a boolean, got ${describe(value)}`);
    case 'timestamp':
      return formatTimestamp(value, where);
    case 'blob':
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
      throw new OutputShapeError(`${where}: expected bytes, got ${describe(value)}`);
    default:
      throw new OutputShapeError(`${where}: cannot write a ${shape.type} as text`);
  }
}

/** ISO-8601 UTC to the second, `2014-09-24T02:00:48Z`, as IAM writes dates (§8.2). */
export function formatTimestamp(value: unknown, where = 'timestamp'): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new OutputShapeError(`${where}: expected a Date or an ISO-8601 string, got ${describe(value)}`);
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function element(name: string, content: string): string {
  return content === '' ? `<${name}/>` : `<${name}>${content}</${name}>`;
}

function asArray(value: unknown, where: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new OutputShapeError(`${where}: expected an array, got ${describe(value)}`);
}

function asString(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  throw new OutputShapeError(`${where}: expected a string, got ${describe(value)}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  return typeof value;
}
