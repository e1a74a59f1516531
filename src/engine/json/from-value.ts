// Converts an already-parsed JavaScript value (from a JSON or YAML file) into the JSON tree the policy parser
// reads, refusing anything JSON cannot express, so text and value inputs go through one code path.

import { appendPointer } from './pointer.js';
import { MAX_JSON_DEPTH, type JsonTree, type JsonTreeMember } from './json-node.js';

export type JsonTreeResult =
  | { readonly ok: true; readonly value: JsonTree }
  | { readonly ok: false; readonly error: { readonly message: string; readonly pointer: string } };

interface Failure {
  message: string;
  pointer: string;
}

/** The tokens from the root to the value being converted; turned into a pointer only when conversion fails. */
type Path = (string | number)[];

export function jsonTreeFromValue(value: unknown): JsonTreeResult {
  const failure: Failure = { message: '', pointer: '' };
  const tree = convert(value, [], 1, failure);
  return tree === undefined ? { ok: false, error: failure } : { ok: true, value: tree };
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function refuse(failure: Failure, message: string, path: Path): undefined {
  failure.message = message;
  failure.pointer = path.reduce<string>(appendPointer, '');
  return undefined;
}

function convert(value: unknown, path: Path, depth: number, failure: Failure): JsonTree | undefined {
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value };
    case 'boolean':
      return { kind: 'boolean', value };
    case 'number':
      // String(n) is the shortest round-trip form, the same text JSON.stringify writes.
      if (Number.isFinite(value)) return { kind: 'number', text: String(value) };
      return refuse(failure, `${String(value)} is not a JSON number`, path);
    case 'object':
      break;
    default:
      return refuse(failure, value === undefined ? 'undefined is not a JSON value' : `A ${typeof value} is not a JSON value`, path);
  }
  if (value === null) return { kind: 'null' };
  // The depth limit also stops reference cycles.
  if (depth > MAX_JSON_DEPTH) return refuse(failure, `Nesting is deeper than ${MAX_JSON_DEPTH} levels`, path);
  if (Array.isArray(value)) {
    const items: JsonTree[] = [];
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const item = convert(value[i], path, depth + 1, failure);
      if (item === undefined) return undefined;
      path.pop();
      items.push(item);
    }
    return { kind: 'array', items };
  }
  if (!isPlainObject(value)) return refuse(failure, 'Only plain objects, arrays and scalars are JSON values', path);
  const members: JsonTreeMember[] = [];
  for (const key of Object.keys(value)) {
    path.push(key);
    const member = convert(value[key], path, depth + 1, failure);
    if (member === undefined) return undefined;
    path.pop();
    members.push({ key, value: member });
  }
  return { kind: 'object', members };
}
