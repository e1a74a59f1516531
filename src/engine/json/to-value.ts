// Turns a JSON tree back into a plain JavaScript value with JSON.parse semantics (the last duplicate key wins).

import type { JsonTree } from './json-node.js';

export function jsonTreeToValue(tree: JsonTree): unknown {
  switch (tree.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const member of tree.members) {
        // defineProperty, not assignment, so a "__proto__" key becomes an own property as with JSON.parse.
        Object.defineProperty(out, member.key, {
          value: jsonTreeToValue(member.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return tree.items.map(jsonTreeToValue);
    case 'number':
      return Number(tree.text);
    case 'null':
      return null;
    default:
      return tree.value;
  }
}
