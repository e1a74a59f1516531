// Parses a policy document (text, or a value already read from JSON/YAML) into the normalised Policy AST,
// reporting grammar errors (§1.1, §1.2, §1.5) with a JSON pointer and, for text, line and column.
// Locations are worked out only for the diagnostics reported (source-index.ts): the happy path builds the
// AST and nothing else.

import {
  appendPointer,
  jsonTreeFromValue,
  lineStartsOf,
  parseJsonText,
  positionAt,
  stringifyJsonTree,
  type JsonTextStats,
  type JsonTree,
  type JsonTreeMember,
  type JsonTreeObject,
  type JsonTreeResult,
} from '../json/index.js';
import {
  POLICY_VERSIONS,
  type ActionElement,
  type ConditionClause,
  type Effect,
  type Location,
  type Policy,
  type PolicyVersion,
  type PrincipalElement,
  type PrincipalEntry,
  type PrincipalKind,
  type ResourceElement,
  type Statement,
} from './ast.js';
import { diagnostic, type Diagnostic, type DiagnosticCode, type SourceLocations } from './diagnostics.js';
import { splitOperator } from './operators.js';
import { SourceIndex } from './source-index.js';

export type ParseResult =
  | {
      readonly ok: true;
      readonly policy: Policy;
      /** Warnings only. */
      readonly diagnostics: Diagnostic[];
      /** Pointer → position, for placing later (validation) diagnostics. */
      readonly locations: SourceLocations;
      /** The text as given, or minified JSON when the input was a value; what size limits measure (§1.4). */
      readonly text: string;
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

const SYNTAX_ERROR = 'Syntax errors in policy.';
const POLICY_ELEMENTS = ['Version', 'Id', 'Statement'] as const;
const STATEMENT_ELEMENTS = [
  'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition',
] as const;
const PRINCIPAL_KINDS: readonly PrincipalKind[] = ['AWS', 'Federated', 'Service', 'CanonicalUser'];

/** parsePolicy's answer with what checkPolicy needs besides: the source index, and the parser's text statistics. */
export type DocumentParse =
  | {
      readonly ok: true;
      readonly policy: Policy;
      readonly diagnostics: Diagnostic[];
      readonly source: SourceIndex;
      readonly text: string;
      /** Present when the document was parsed from text. */
      readonly stats: JsonTextStats | undefined;
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

interface Reader {
  readonly diagnostics: Diagnostic[];
  readonly source: SourceIndex;
}

/** A string is policy text; anything else is taken as the already-parsed document. */
export function parsePolicy(input: string | unknown): ParseResult {
  const parsed = parseDocument(input);
  if (!parsed.ok) return parsed;
  const { policy, diagnostics, source, text } = parsed;
  return { ok: true, policy, diagnostics, locations: source, text };
}

export function parseDocument(input: string | unknown): DocumentParse {
  let tree: JsonTree;
  let text: string;
  let stats: JsonTextStats | undefined;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) {
      const { line, column } = positionAt(lineStartsOf(input), parsed.error.offset);
      return { ok: false, diagnostics: [syntaxError(`${parsed.error.message}.`, { pointer: '', line, column })] };
    }
    tree = parsed.value;
    text = input;
    stats = parsed.stats;
  } else {
    const converted = safeTreeFromValue(input);
    if (!converted.ok) {
      return { ok: false, diagnostics: [syntaxError(`${converted.error.message}.`, { pointer: converted.error.pointer })] };
    }
    tree = converted.value;
    text = stringifyJsonTree(tree);
  }
  const source = new SourceIndex(tree, stats === undefined ? undefined : text);
  const reader: Reader = { diagnostics: [], source };
  const policy = readPolicy(reader, tree);
  if (policy === undefined || hasErrorsFrom(reader.diagnostics, 0)) {
    return { ok: false, diagnostics: reader.diagnostics };
  }
  return { ok: true, policy, diagnostics: reader.diagnostics, source, text, stats };
}

/** Values from outside may hold getters or proxies that throw; parsing still must not. */
function safeTreeFromValue(input: unknown): JsonTreeResult {
  try {
    return jsonTreeFromValue(input);
  } catch {
    return { ok: false, error: { message: 'The document could not be read as JSON', pointer: '' } };
  }
}

function syntaxError(detail: string, location: Location): Diagnostic {
  return diagnostic('syntax-error', `${SYNTAX_ERROR} ${detail}`, location);
}

/** Reports at the element starting at `offset` (a value, or a member key), named by `pointer`. */
function report(reader: Reader, code: DiagnosticCode, message: string, pointer: string, offset: number | undefined): void {
  reader.diagnostics.push(diagnostic(code, message, reader.source.at(pointer, offset)));
}

function hasErrorsFrom(diagnostics: readonly Diagnostic[], start: number): boolean {
  for (let i = start; i < diagnostics.length; i++) if (diagnostics[i]!.severity === 'error') return true;
  return false;
}

const describeKind = (node: JsonTree): string => (node.kind === 'object' || node.kind === 'array' ? `an ${node.kind}` : `a ${node.kind}`);

interface MemberCodes {
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
function knownMembers(
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
function distinctMembers(reader: Reader, node: JsonTreeObject, pointer: string, codes: MemberCodes, where: string): JsonTreeMember[] {
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

const ELEMENT_CODES = { duplicate: 'duplicate-element', unknown: 'unknown-element' } as const;

function readPolicy(reader: Reader, root: JsonTree): Policy | undefined {
  if (root.kind !== 'object') {
    report(reader, 'policy-not-object', `The policy must be a JSON object, not ${describeKind(root)}.`, '', root.offset);
    return undefined;
  }
  const [versionMember, idMember, statementMember] = knownMembers(reader, root, '', POLICY_ELEMENTS, ELEMENT_CODES, 'the policy');
  let version: PolicyVersion = '2008-10-17';
  const versionNode = versionMember?.value;
  if (versionNode !== undefined) {
    const known = POLICY_VERSIONS.find((v) => versionNode.kind === 'string' && versionNode.value === v);
    if (known === undefined) {
      report(reader, 'invalid-version', 'Version must be "2012-10-17" or "2008-10-17".', '/Version', versionNode.offset);
    } else {
      version = known;
    }
  }
  const idNode = idMember?.value;
  if (idNode !== undefined && idNode.kind !== 'string') {
    report(reader, 'invalid-type', `Id must be a string, not ${describeKind(idNode)}.`, '/Id', idNode.offset);
  }
  const statementNode = statementMember?.value;
  const statements: Statement[] = [];
  if (statementNode === undefined) {
    report(reader, 'missing-statement', 'Missing required field Statement', '', root.offset);
  } else if (statementNode.kind === 'object') {
    pushDefined(statements, readStatement(reader, statementNode, '/Statement', 0));
  } else if (statementNode.kind === 'array') {
    if (statementNode.items.length === 0) report(reader, 'empty-array', 'Statement must not be empty.', '/Statement', statementNode.offset);
    statementNode.items.forEach((item, i) => {
      const pointer = `/Statement/${i}`;
      if (item.kind === 'object') pushDefined(statements, readStatement(reader, item, pointer, i));
      else report(reader, 'statement-not-object', `Each statement must be an object, not ${describeKind(item)}.`, pointer, item.offset);
    });
  } else {
    const message = `Statement must be an object or an array of objects, not ${describeKind(statementNode)}.`;
    report(reader, 'statement-not-object', message, '/Statement', statementNode.offset);
  }
  const versionDefaulted = versionNode === undefined;
  return idNode?.kind === 'string'
    ? { version, versionDefaulted, id: idNode.value, statements }
    : { version, versionDefaulted, statements };
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

function readStatement(reader: Reader, node: JsonTreeObject, pointer: string, index: number): Statement | undefined {
  const errorsBefore = reader.diagnostics.length;
  const [sidMember, effectMember, principalMember, notPrincipalMember, actionMember, notActionMember, resourceMember, notResourceMember, conditionMember] =
    knownMembers(reader, node, pointer, STATEMENT_ELEMENTS, ELEMENT_CODES, 'a statement');

  const sidNode = sidMember?.value;
  if (sidNode !== undefined && sidNode.kind !== 'string') {
    report(reader, 'invalid-type', `Sid must be a string, not ${describeKind(sidNode)}.`, `${pointer}/Sid`, sidNode.offset);
  }
  const effect = readEffect(reader, effectMember?.value, pointer, node);
  const pairs = [
    [principalMember, notPrincipalMember, 'Principal', 'NotPrincipal', 'principal-and-not-principal'],
    [actionMember, notActionMember, 'Action', 'NotAction', 'action-and-not-action'],
    [resourceMember, notResourceMember, 'Resource', 'NotResource', 'resource-and-not-resource'],
  ] as const;
  for (const [positiveMember, negativeMember, positive, negative, code] of pairs) {
    if (positiveMember !== undefined && negativeMember !== undefined) {
      const message = `A statement may contain ${positive} or ${negative}, not both.`;
      report(reader, code, message, `${pointer}/${negative}`, negativeMember.keyOffset);
    }
  }
  if (actionMember === undefined && notActionMember === undefined) {
    report(reader, 'missing-action', 'Missing required field Action', pointer, node.offset);
  }

  const principalKind = principalMember !== undefined ? 'Principal' : 'NotPrincipal';
  const principalNode = (principalMember ?? notPrincipalMember)?.value;
  const principal = principalNode && readPrincipal(reader, principalNode, `${pointer}/${principalKind}`, principalKind);
  const actionKind = actionMember !== undefined ? 'Action' : 'NotAction';
  const actionPointer = `${pointer}/${actionKind}`;
  const actionNode = (actionMember ?? notActionMember)?.value;
  const actions = actionNode && readStrings(reader, actionNode, actionPointer, actionKind);
  const resourceKind = resourceMember !== undefined ? 'Resource' : 'NotResource';
  const resourcePointer = `${pointer}/${resourceKind}`;
  const resourceNode = (resourceMember ?? notResourceMember)?.value;
  const resources = resourceNode && readStrings(reader, resourceNode, resourcePointer, resourceKind);
  const conditionNode = conditionMember?.value;
  const conditions = conditionNode === undefined ? [] : readConditions(reader, conditionNode, `${pointer}/Condition`);

  const failed = hasErrorsFrom(reader.diagnostics, errorsBefore);
  if (failed || effect === undefined || actions === undefined || conditions === undefined) return undefined;
  const action: ActionElement = { kind: actionKind, patterns: actions, pointer: actionPointer };
  const resource: ResourceElement | undefined = resources && { kind: resourceKind, patterns: resources, pointer: resourcePointer };
  return {
    index,
    pointer,
    ...(sidNode?.kind === 'string' && { sid: sidNode.value }),
    effect,
    ...(principal && { principal }),
    action,
    ...(resource && { resource }),
    conditions,
  };
}

function readEffect(reader: Reader, node: JsonTree | undefined, statementPointer: string, statement: JsonTree): Effect | undefined {
  if (node === undefined) {
    report(reader, 'missing-effect', 'Missing required field Effect', statementPointer, statement.offset);
    return undefined;
  }
  if (node.kind !== 'string') {
    report(reader, 'invalid-type', `Effect must be a string, not ${describeKind(node)}.`, `${statementPointer}/Effect`, node.offset);
    return undefined;
  }
  if (node.value === 'Allow' || node.value === 'Deny') return node.value;
  // AWS rejects case variants such as "allow" with this legacy-parser message (§1.5).
  const isCaseVariant = ['allow', 'deny'].includes(node.value.toLowerCase());
  const message = isCaseVariant ? 'The policy failed legacy parsing' : 'Effect must be "Allow" or "Deny".';
  report(reader, 'invalid-effect', message, `${statementPointer}/Effect`, node.offset);
  return undefined;
}

/** A string, or a non-empty array of strings (§1.1: a single value may be given without brackets). */
function readStrings(reader: Reader, node: JsonTree, pointer: string, what: string): string[] | undefined {
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

/** `"*"`, or an object of principal kinds; `"*"` and `{"AWS":"*"}` both become `{kind:'any'}` (§2.3). */
function readPrincipal(
  reader: Reader,
  node: JsonTree,
  pointer: string,
  kind: PrincipalElement['kind'],
): PrincipalElement | undefined {
  if (node.kind === 'string') {
    if (node.value === '*') return { kind, entries: [{ kind: 'any', pointer }], pointer };
    const message = `${kind} must be "*" or an object such as {"AWS": "…"}, not the string ${JSON.stringify(node.value)}.`;
    report(reader, 'invalid-principal', message, pointer, node.offset);
    return undefined;
  }
  if (node.kind !== 'object') {
    report(reader, 'invalid-type', `${kind} must be "*" or an object, not ${describeKind(node)}.`, pointer, node.offset);
    return undefined;
  }
  if (node.members.length === 0) {
    report(reader, 'invalid-principal', `${kind} must name at least one principal.`, pointer, node.offset);
    return undefined;
  }
  const codes = { duplicate: 'duplicate-key', unknown: 'unknown-principal-type' } as const;
  const members = knownMembers(reader, node, pointer, PRINCIPAL_KINDS, codes, kind);
  const entries: PrincipalEntry[] = [];
  PRINCIPAL_KINDS.forEach((principalKind, k) => {
    const member = members[k];
    if (member === undefined) return;
    const memberPointer = `${pointer}/${principalKind}`;
    const values = readStrings(reader, member.value, memberPointer, `${kind} "${principalKind}"`);
    values?.forEach((value, i) => {
      const valuePointer = member.value.kind === 'array' ? `${memberPointer}/${i}` : memberPointer;
      entries.push(
        principalKind === 'AWS' && value === '*'
          ? { kind: 'any', pointer: valuePointer }
          : { kind: principalKind, value, pointer: valuePointer },
      );
    });
  });
  return { kind, entries, pointer };
}

const CONDITION_CODES = { duplicate: 'duplicate-key', unknown: 'unknown-element' } as const;

/** `{ Operator: { key: value | [values] } }`; number and boolean values keep their source text (§1.1, §3.1). */
function readConditions(reader: Reader, node: JsonTree, pointer: string): ConditionClause[] | undefined {
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
