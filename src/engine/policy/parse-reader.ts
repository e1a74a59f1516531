// The policy reader's shared tools: where diagnostics go and how they are located, object members by name
// with duplicates and unknown names reported, and lists of strings.

import { appendPointer, type JsonTree, type JsonTreeMember, type JsonTreeObject } from '../json/index.js';
import { diagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics.js';
import type { SourceIndex } from './source-index.js';

export interface Reader {
  readonly diagnostics: Diagnostic[];
  readonly source: SourceIndex;
}

/** Reports at the element starting at `offset` (a value, or a member key), named by `pointer`. */
export function report(reader: Reader, code: DiagnosticCode, message: string, pointer: string, offset: number | undefined): void {
  reader.diagnostics.push(diagnostic(code, message, reader.source.at(pointer, offset)));
}

export function hasErrorsFrom(diagnostics: readonly Diagnostic[], start: number): boolean {
  for (let i = start; i < diagnostics.length; i++) if (diagnostics[i]!.severity === 'error') return true;
  return false;
}

export const describeKind = (node: JsonTree): string => (node.kind === 'object' || node.kind === 'array' ? `an ${node.kind}` : `a ${node.kind}`);

export interface MemberCodes {
  readonly duplicate: DiagnosticCode;
  readonly unknown: DiagnosticCode;
}

function reportDuplicate(reader: Reader, codes: MemberCodes, member: JsonTreeMember, pointer: string, where: string): void {
  const message = `Duplicate ${JSON.stringify(member.key)} in ${where}; each may appear only once.`;
  report(reader, codes.duplicate, message, appendPointer(pointer, member.key), member.keyOffset);
}

/**
 * The first member of each name in `known` (same index), reporting duplicates and names outside `known` at
 * the offending key, in source order.
 */
export function knownMembers(
  reader: Reader,
  node: JsonTreeObject,
  pointer: string,
  known: readonly string[],
  codes: MemberCodes,
  where: string,
): (JsonTreeMember | undefined)[] {
  const found: (JsonTreeMember | undefined)[] = known.map(() => undefined);
  for (const member of node.members) {
    const index = known.indexOf(member.key);
    if (index < 0) {
      const near = known.find((k) => k.toLowerCase() === member.key.toLowerCase());
      const hint = near === undefined ? `expected one of ${known.join(', ')}` : `names are case-sensitive: did you mean "${near}"?`;
      const message = `Unknown element ${JSON.stringify(member.key)} in ${where}; ${hint}.`;
      report(reader, codes.unknown, message, appendPointer(pointer, member.key), member.keyOffset);
    } else if (found[index] !== undefined) {
      reportDuplicate(reader, codes, member, pointer, where);
    } else {
      found[index] = member;
    }
  }
  return found;
}

/** The first member of each key, in source order, reporting later duplicates at their key. */
export function distinctMembers(reader: Reader, node: JsonTreeObject, pointer: string, codes: MemberCodes, where: string): JsonTreeMember[] {
  const { members } = node;
  if (members.length < 2) return members.slice();
  const seen = new Set<string>();
  const distinct: JsonTreeMember[] = [];
  for (const member of members) {
    if (seen.has(member.key)) {
      reportDuplicate(reader, codes, member, pointer, where);
    } else {
      seen.add(member.key);
      distinct.push(member);
    }
  }
  return distinct;
}

/** A string, or a non-empty array of strings (§1.1: a single value may be given without brackets). */
export function readStrings(reader: Reader, node: JsonTree, pointer: string, what: string): string[] | undefined {
  if (node.kind === 'string') return [node.value];
  if (node.kind !== 'array') {
    report(reader, 'invalid-type', `${what} must be a string or an array of strings, not ${describeKind(node)}.`, pointer, node.offset);
    return undefined;
  }
  const { items } = node;
  if (items.length === 0) {
    report(reader, 'empty-array', `${what} must not be an empty array.`, pointer, node.offset);
    return undefined;
  }
  const values: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'string') values.push(item.value);
    else report(reader, 'invalid-type', `Each ${what} value must be a string, not ${describeKind(item)}.`, appendPointer(pointer, i), item.offset);
  }
  return values.length === items.length ? values : undefined;
}
