// The Condition element: operator blocks of condition keys and their values (§3.1), read into clauses.

import { appendPointer, type JsonTree } from '../json/index.js';
import type { ConditionClause } from './ast.js';
import { splitOperator } from './operators.js';
import { describeKind, distinctMembers, report, type Reader } from './parse-reader.js';

const CONDITION_CODES = { duplicate: 'duplicate-key', unknown: 'unknown-element' } as const;

/** `{ Operator: { key: value | [values] } }`; number and boolean values keep their source text (§1.1, §3.1). */
export function readConditions(reader: Reader, node: JsonTree, pointer: string): ConditionClause[] | undefined {
  if (node.kind !== 'object') {
    report(reader, 'invalid-type', `Condition must be an object of condition operators, not ${describeKind(node)}.`, pointer, node.offset);
    return undefined;
  }
  const clauses: ConditionClause[] = [];
  for (const member of distinctMembers(reader, node, pointer, CONDITION_CODES, 'Condition')) {
    const operator = member.key;
    const operatorPointer = appendPointer(pointer, operator);
    const block = member.value;
    if (block.kind !== 'object') {
      const message = `Condition operator ${operator} must map to an object of condition keys, not ${describeKind(block)}.`;
      report(reader, 'invalid-type', message, operatorPointer, block.offset);
      continue;
    }
    if (block.members.length === 0) {
      const message = `Condition operator ${operator} has no condition keys, so it tests nothing.`;
      report(reader, 'empty-condition', message, operatorPointer, block.offset);
    }
    const { qualifier, baseOperator, ifExists } = splitOperator(operator);
    for (const keyMember of distinctMembers(reader, block, operatorPointer, CONDITION_CODES, operator)) {
      const key = keyMember.key;
      const keyPointer = appendPointer(operatorPointer, key);
      const values = readConditionValues(reader, keyMember.value, keyPointer);
      if (values !== undefined) clauses.push({ pointer: keyPointer, operator, qualifier, baseOperator, ifExists, key, values });
    }
  }
  return clauses;
}

function readConditionValues(reader: Reader, node: JsonTree, pointer: string): string[] | undefined {
  const isArray = node.kind === 'array';
  const items = isArray ? node.items : [node];
  if (isArray && items.length === 0) {
    report(reader, 'empty-array', 'A condition key must have at least one value.', pointer, node.offset);
    return undefined;
  }
  const values: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'string') values.push(item.value);
    else if (item.kind === 'number') values.push(item.text);
    else if (item.kind === 'boolean') values.push(item.value ? 'true' : 'false');
    else {
      const what = item.kind === 'array' ? 'a nested array' : describeKind(item);
      const message = `Condition values must be strings, numbers or booleans, not ${what}.`;
      report(reader, 'invalid-type', message, isArray ? appendPointer(pointer, i) : pointer, item.offset);
    }
  }
  return values.length === items.length ? values : undefined;
}
