// Public surface of the JSON layer: a strict parser that keeps offsets (and, through parseJson, line and
// column), the tree it produces, and the conversions between trees, values and text.

export * from './json-node.js';
export { parseJson } from './parse-json.js';
export { parseJsonText, type JsonTextResult, type JsonTextStats } from './parse-json-text.js';
export { lineStartsOf, positionAt } from './positions.js';
export { jsonTreeFromValue, type JsonTreeResult } from './from-value.js';
export { jsonTreeToValue } from './to-value.js';
export { stringifyJsonTree } from './stringify.js';
export { appendPointer, escapePointerToken } from './pointer.js';
