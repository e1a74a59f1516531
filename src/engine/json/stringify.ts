// Writes a JSON tree as minified text, numbers exactly as written, duplicate keys kept.
// Used to measure documents given as values, whose original text is unknown (§1.4).

import type { JsonTree } from './json-node.js';

export function stringifyJsonTree(tree: JsonTree): string {
  switch (tree.kind) {
    case 'object':
      return `{${tree.members.map((m) => `${JSON.stringify(m.key)}:${stringifyJsonTree(m.value)}`).join(',')}}`;
    case 'array':
      return `[${tree.items.map(stringifyJsonTree).join(',')}]`;
    case 'string':
      return JSON.stringify(tree.value);
    case 'number':
      return tree.text;
    case 'boolean':
      return tree.value ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}
