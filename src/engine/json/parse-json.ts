// parseJson: the strict parser of parse-json-text.ts with the 1-based line and column of every node and key
// filled in, for callers that want positions throughout. The policy parser uses parseJsonText directly and
// works out positions only for the elements its diagnostics name.

import type { JsonMember, JsonNode, JsonParseResult, JsonTree } from './json-node.js';
import { parseJsonText } from './parse-json-text.js';
import { lineStartsOf, positionAt } from './positions.js';

export function parseJson(text: string): JsonParseResult {
  const parsed = parseJsonText(text);
  const lineStarts = lineStartsOf(text);
  if (!parsed.ok) {
    const { message, offset } = parsed.error;
    return { ok: false, error: { message, ...positionAt(lineStarts, offset) } };
  }
  return { ok: true, value: withPositions(parsed.value, lineStarts) };
}

function withPositions(node: JsonTree, lineStarts: readonly number[]): JsonNode {
  const start = positionAt(lineStarts, node.offset ?? 0);
  switch (node.kind) {
    case 'object': {
      const members = node.members.map((member): JsonMember => {
        const key = positionAt(lineStarts, member.keyOffset ?? 0);
        const value = withPositions(member.value, lineStarts);
        return { key: member.key, keyOffset: key.offset, keyLine: key.line, keyColumn: key.column, value };
      });
      return { kind: 'object', members, ...start };
    }
    case 'array':
      return { kind: 'array', items: node.items.map((item) => withPositions(item, lineStarts)), ...start };
    case 'string':
      return { kind: 'string', value: node.value, ...start };
    case 'number':
      return { kind: 'number', text: node.text, value: Number(node.text), ...start };
    case 'boolean':
      return { kind: 'boolean', value: node.value, ...start };
    case 'null':
      return { kind: 'null', ...start };
  }
}
