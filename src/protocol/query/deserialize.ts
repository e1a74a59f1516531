// Builds an operation's input object from flat Query parameters, following the input shape (§8.1):
// `A.B` structures, `Name.member.N` lists, `Name.entry.N.key/value` maps, scalars by type.
// Parameters the shape does not name are ignored. Never throws on request data.

import { shapeOf, type ListShape, type MapShape, type ServiceModel, type ShapeRef, type StructureShape } from '../models/index.js';
import { listItemPrefix, mapEntryPrefix, memberWireName, wireTraits } from './names.js';
import { indexParams, type ParamIndex } from './param-index.js';
import { itemPath, joinPath, type ValidationProblem } from './problems.js';
import { readScalar } from './scalars.js';

const MALFORMED: unique symbol = Symbol('malformed');

/**
 * Stands in for a value of the wrong type (`MaxItems=ten`) and carries its problem, so validation reports
 * it in member order and does not also call the member missing. It never leaves the protocol layer:
 * readOperationInput fails whenever one is present.
 */
export interface Malformed {
  readonly [MALFORMED]: ValidationProblem;
}

export function malformedProblem(value: unknown): ValidationProblem | undefined {
  return typeof value === 'object' && value !== null && MALFORMED in value ? (value as Malformed)[MALFORMED] : undefined;
}

interface Reader {
  readonly model: ServiceModel;
  readonly params: ParamIndex;
}

// List and map positions are 1-based decimal without leading zeros; anything else is not an item key.
const POSITION = /^[1-9]\d{0,8}$/;

/** The input object; values of the wrong type are left as Malformed markers for validateInput to report. */
export function deserializeInput(
  model: ServiceModel,
  inputShape: string | undefined,
  params: ReadonlyMap<string, string>,
): Record<string, unknown> {
  if (inputShape === undefined) return {};
  const shape = shapeOf(model, inputShape);
  if (shape.type !== 'structure') throw new Error(`input shape ${inputShape} is not a structure`);
  return readStructure({ model, params: indexParams(params) }, shape, '', '');
}

/** The value at `prefix`, or undefined when the request does not carry it. */
function readValue(reader: Reader, ref: ShapeRef, prefix: string, path: string): unknown {
  const shape = shapeOf(reader.model, ref.shape);
  switch (shape.type) {
    case 'structure':
      return reader.params.hasUnder(`${prefix}.`) ? readStructure(reader, shape, prefix, path) : undefined;
    case 'list':
      return readList(reader, ref, shape, prefix, path);
    case 'map':
      return readMap(reader, ref, shape, prefix, path);
    default: {
      const raw = reader.params.get(prefix);
      if (raw === undefined) return undefined;
      const scalar = readScalar(shape, raw);
      if (scalar.ok) return scalar.value;
      const malformed: Malformed = {
        [MALFORMED]: { path, value: raw, isSensitive: shape.sensitive === true, constraint: scalar.constraint },
      };
      return malformed;
    }
  }
}

function readStructure(reader: Reader, shape: StructureShape, prefix: string, path: string): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const [memberName, ref] of Object.entries(shape.members)) {
    const name = memberWireName(memberName, wireTraits(ref, shapeOf(reader.model, ref.shape)));
    const value = readValue(reader, ref, prefix === '' ? name : `${prefix}.${name}`, joinPath(path, memberName));
    if (value !== undefined) entries.push([memberName, value]);
  }
  return Object.fromEntries(entries);
}

// Items are taken in position order; gaps (`member.1`, `member.3`) close up rather than fail, since a
// position is only an ordering key on the wire. `Name=` alone is botocore's encoding of an empty list.
function readList(reader: Reader, ref: ShapeRef, shape: ListShape, prefix: string, path: string): unknown[] | undefined {
  const itemRef = shape.member;
  const itemTraits = wireTraits(itemRef, shapeOf(reader.model, itemRef.shape));
  const itemsAt = listItemPrefix(prefix, wireTraits(ref, shape), itemTraits);
  const positions = positionsUnder(reader.params, itemsAt);
  if (positions.length === 0) return reader.params.get(prefix) === '' ? [] : undefined;
  const items: unknown[] = [];
  for (const position of positions) {
    const item = readValue(reader, itemRef, `${itemsAt}.${position}`, itemPath(path, items.length + 1));
    if (item !== undefined) items.push(item);
  }
  return items;
}

// Entries without a key are dropped (there is nothing to file the value under); so are entries without a value.
function readMap(reader: Reader, ref: ShapeRef, shape: MapShape, prefix: string, path: string): Record<string, unknown> | undefined {
  const entriesAt = mapEntryPrefix(prefix, wireTraits(ref, shape));
  const keyName = wireTraits(shape.key, shapeOf(reader.model, shape.key.shape)).locationName ?? 'key';
  const valueName = wireTraits(shape.value, shapeOf(reader.model, shape.value.shape)).locationName ?? 'value';
  const entries: [string, unknown][] = [];
  for (const position of positionsUnder(reader.params, entriesAt)) {
    const at = `${entriesAt}.${position}`;
    const key = readValue(reader, shape.key, `${at}.${keyName}`, `${path}.${position}.key`);
    if (typeof key !== 'string') continue;
    const value = readValue(reader, shape.value, `${at}.${valueName}`, `${path}.${key}`);
    if (value !== undefined) entries.push([key, value]);
  }
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** The distinct item positions under `prefix.`, ascending. */
function positionsUnder(params: ParamIndex, prefix: string): number[] {
  const start = prefix.length + 1;
  const positions = new Set<number>();
  for (const key of params.keysUnder(`${prefix}.`)) {
    const end = key.indexOf('.', start);
    const segment = end < 0 ? key.slice(start) : key.slice(start, end);
    if (POSITION.test(segment)) positions.add(Number(segment));
  }
  return [...positions].sort((a, b) => a - b);
}
