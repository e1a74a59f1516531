// Public surface of the JSON layer: a position-keeping parser and the tree it produces.

export * from './json-node.js';
export { parseJson } from './parse-json.js';
export { jsonTreeFromValue, type JsonTreeResult } from './from-value.js';
export { jsonTreeToValue } from './to-value.js';
export { stringifyJsonTree } from './stringify.js';
export { appendPointer, escapePointerToken } from './pointer.js';
