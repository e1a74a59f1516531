// Parses a policy document (text, or a value already read from JSON/YAML) into the normalised Policy AST,
// reporting grammar errors (§1.1, §1.2, §1.5) with a JSON pointer and, for text, line and column.

import {
  appendPointer,
  jsonTreeFromValue,
  parseJson,
  stringifyJsonTree,
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
import { diagnostic, hasErrors, locate, type Diagnostic, type DiagnosticCode, type SourceLocations } from './diagnostics.js';
import { splitOperator } from './operators.js';

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

interface Reader {
  readonly diagnostics: Diagnostic[];
  readonly locations: SourceLocations;
}

/** A string is policy text; anything else is taken as the already-parsed document. */
export function parsePolicy(input: string | unknown): ParseResult {
  let tree: JsonTree;
  let text: string;
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      return { ok: false, diagnostics: [syntaxError(`${message}.`, { pointer: '', line, column })] };
    }
    tree = parsed.value;
    text = input;
  } else {
    const converted = safeTreeFromValue(input);
    if (!converted.ok) {
      return { ok: false, diagnostics: [syntaxError(`${converted.error.message}.`, { pointer: converted.error.pointer })] };
    }
    tree = converted.value;
    text = stringifyJsonTree(tree);
  }
  const values = new Map<string, Location>();
  const keys = new Map<string, Location>();
  indexLocations(tree, '', values, keys);
  const reader: Reader = { diagnostics: [], locations: { values, keys } };
  const policy = readPolicy(reader, tree);
  if (policy === undefined || hasErrors(reader.diagnostics)) {
    return { ok: false, diagnostics: reader.diagnostics };
  }
  return { ok: true, policy, diagnostics: reader.diagnostics, locations: reader.locations, text };
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

const at = (pointer: string, line?: number, column?: number): Location =>
  line === undefined || column === undefined ? { pointer } : { pointer, line, column };

function indexLocations(node: JsonTree, pointer: string, values: Map<string, Location>, keys: Map<string, Location>) {
  if (!values.has(pointer)) values.set(pointer, at(pointer, node.line, node.column));
  if (node.kind === 'object') {
    for (const member of node.members) {
      const child = appendPointer(pointer, member.key);
      if (!keys.has(child)) keys.set(child, at(child, member.keyLine, member.keyColumn));
      indexLocations(member.value, child, values, keys);
    }
  } else if (node.kind === 'array') {
    node.items.forEach((item, i) => indexLocations(item, appendPointer(pointer, i), values, keys));
  }
}

function report(reader: Reader, code: DiagnosticCode, message: string, location: Location) {
  reader.diagnostics.push(diagnostic(code, message, location));
}

const describeKind = (node: JsonTree): string => (node.kind === 'object' || node.kind === 'array' ? `an ${node.kind}` : `a ${node.kind}`);

/**
 * The members of an object by key, reporting duplicates and keys outside `known` at the offending key.
 * The first occurrence of a duplicated key is the one read.
 */
function membersOf(
  reader: Reader,
  node: JsonTreeObject,
  pointer: string,
  known: readonly string[] | undefined,
  codes: { readonly duplicate: DiagnosticCode; readonly unknown: DiagnosticCode },
  where: string,
): Map<string, JsonTreeMember> {
  const byKey = new Map<string, JsonTreeMember>();
  for (const member of node.members) {
    const location = at(appendPointer(pointer, member.key), member.keyLine, member.keyColumn);
    if (byKey.has(member.key)) {
      report(reader, codes.duplicate, `Duplicate ${JSON.stringify(member.key)} in ${where}; each may appear only once.`, location);
    } else if (known !== undefined && !known.includes(member.key)) {
      const near = known.find((k) => k.toLowerCase() === member.key.toLowerCase());
      const hint = near === undefined ? `expected one of ${known.join(', ')}` : `names are case-sensitive: did you mean "${near}"?`;
      report(reader, codes.unknown, `Unknown element ${JSON.stringify(member.key)} in ${where}; ${hint}.`, location);
    } else {
      byKey.set(member.key, member);
    }
  }
  return byKey;
}

const ELEMENT_CODES = { duplicate: 'duplicate-element', unknown: 'unknown-element' } as const;

function readPolicy(reader: Reader, root: JsonTree): Policy | undefined {
  const loc = (pointer: string, where: 'key' | 'value' = 'value') => locate(reader.locations, pointer, where);
  if (root.kind !== 'object') {
    report(reader, 'policy-not-object', `The policy must be a JSON object, not ${describeKind(root)}.`, loc(''));
    return undefined;
  }
  const members = membersOf(reader, root, '', POLICY_ELEMENTS, ELEMENT_CODES, 'the policy');
  let version: PolicyVersion = '2008-10-17';
  const versionNode = members.get('Version')?.value;
  if (versionNode !== undefined) {
    const known = POLICY_VERSIONS.find((v) => versionNode.kind === 'string' && versionNode.value === v);
    if (known === undefined) {
      report(reader, 'invalid-version', 'Version must be "2012-10-17" or "2008-10-17".', loc('/Version'));
    } else {
      version = known;
    }
  }
  const idNode = members.get('Id')?.value;
  if (idNode !== undefined && idNode.kind !== 'string') {
    report(reader, 'invalid-type', `Id must be a string, not ${describeKind(idNode)}.`, loc('/Id'));
  }
  const statementNode = members.get('Statement')?.value;
  const statements: Statement[] = [];
  if (statementNode === undefined) {
    report(reader, 'missing-statement', 'Missing required field Statement', loc(''));
  } else if (statementNode.kind === 'object') {
    pushDefined(statements, readStatement(reader, statementNode, '/Statement', 0));
  } else if (statementNode.kind === 'array') {
    if (statementNode.items.length === 0) report(reader, 'empty-array', 'Statement must not be empty.', loc('/Statement'));
    statementNode.items.forEach((item, i) => {
      const pointer = `/Statement/${i}`;
      if (item.kind === 'object') pushDefined(statements, readStatement(reader, item, pointer, i));
      else report(reader, 'statement-not-object', `Each statement must be an object, not ${describeKind(item)}.`, loc(pointer));
    });
  } else {
    report(reader, 'statement-not-object', `Statement must be an object or an array of objects, not ${describeKind(statementNode)}.`, loc('/Statement'));
  }
  const id = idNode?.kind === 'string' ? idNode.value : undefined;
  return { version, versionDefaulted: versionNode === undefined, ...(id === undefined ? {} : { id }), statements };
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

function readStatement(reader: Reader, node: JsonTreeObject, pointer: string, index: number): Statement | undefined {
  const errorsBefore = reader.diagnostics.length;
  const loc = (element: string, where: 'key' | 'value' = 'value') =>
    locate(reader.locations, element === '' ? pointer : `${pointer}/${element}`, where);
  const members = membersOf(reader, node, pointer, STATEMENT_ELEMENTS, ELEMENT_CODES, 'a statement');
  const get = (name: (typeof STATEMENT_ELEMENTS)[number]) => members.get(name)?.value;

  const sidNode = get('Sid');
  if (sidNode !== undefined && sidNode.kind !== 'string') {
    report(reader, 'invalid-type', `Sid must be a string, not ${describeKind(sidNode)}.`, loc('Sid'));
  }
  const effect = readEffect(reader, get('Effect'), loc('Effect'), loc(''));
  const pairs = [
    ['Principal', 'NotPrincipal', 'principal-and-not-principal'],
    ['Action', 'NotAction', 'action-and-not-action'],
    ['Resource', 'NotResource', 'resource-and-not-resource'],
  ] as const;
  for (const [positive, negative, code] of pairs) {
    if (members.has(positive) && members.has(negative)) {
      report(reader, code, `A statement may contain ${positive} or ${negative}, not both.`, loc(negative, 'key'));
    }
  }
  if (!members.has('Action') && !members.has('NotAction')) {
    report(reader, 'missing-action', 'Missing required field Action', loc(''));
  }

  const principalKind = members.has('Principal') ? 'Principal' : 'NotPrincipal';
  const principalNode = get(principalKind);
  const principal = principalNode && readPrincipal(reader, principalNode, `${pointer}/${principalKind}`, principalKind);
  const actionKind = members.has('Action') ? 'Action' : 'NotAction';
  const actionNode = get(actionKind);
  const actions = actionNode && readStrings(reader, actionNode, `${pointer}/${actionKind}`, actionKind);
  const resourceKind = members.has('Resource') ? 'Resource' : 'NotResource';
  const resourceNode = get(resourceKind);
  const resources = resourceNode && readStrings(reader, resourceNode, `${pointer}/${resourceKind}`, resourceKind);
  const conditionNode = get('Condition');
  const conditions = conditionNode === undefined ? [] : readConditions(reader, conditionNode, `${pointer}/Condition`);

  const failed = hasErrors(reader.diagnostics.slice(errorsBefore));
  if (failed || effect === undefined || actions === undefined || conditions === undefined) return undefined;
  const action: ActionElement = { kind: actionKind, patterns: actions, pointer: `${pointer}/${actionKind}` };
  const resource: ResourceElement | undefined =
    resources && { kind: resourceKind, patterns: resources, pointer: `${pointer}/${resourceKind}` };
  return {
    index,
    pointer,
    ...(sidNode?.kind === 'string' ? { sid: sidNode.value } : {}),
    effect,
    ...(principal ? { principal } : {}),
    action,
    ...(resource ? { resource } : {}),
    conditions,
  };
}

function readEffect(reader: Reader, node: JsonTree | undefined, location: Location, statement: Location): Effect | undefined {
  if (node === undefined) {
    report(reader, 'missing-effect', 'Missing required field Effect', statement);
    return undefined;
  }
  if (node.kind !== 'string') {
    report(reader, 'invalid-type', `Effect must be a string, not ${describeKind(node)}.`, location);
    return undefined;
  }
  if (node.value === 'Allow' || node.value === 'Deny') return node.value;
  // AWS rejects case variants such as "allow" with this legacy-parser message (§1.5).
  const isCaseVariant = ['allow', 'deny'].includes(node.value.toLowerCase());
  const message = isCaseVariant ? 'The policy failed legacy parsing' : 'Effect must be "Allow" or "Deny".';
  report(reader, 'invalid-effect', message, location);
  return undefined;
}

/** A string, or a non-empty array of strings (§1.1: a single value may be given without brackets). */
function readStrings(reader: Reader, node: JsonTree, pointer: string, what: string): string[] | undefined {
  const loc = (p: string) => locate(reader.locations, p);
  if (node.kind === 'string') return [node.value];
  if (node.kind !== 'array') {
    report(reader, 'invalid-type', `${what} must be a string or an array of strings, not ${describeKind(node)}.`, loc(pointer));
    return undefined;
  }
  if (node.items.length === 0) {
    report(reader, 'empty-array', `${what} must not be an empty array.`, loc(pointer));
    return undefined;
  }
  const values: string[] = [];
  node.items.forEach((item, i) => {
    if (item.kind === 'string') values.push(item.value);
    else report(reader, 'invalid-type', `Each ${what} value must be a string, not ${describeKind(item)}.`, loc(appendPointer(pointer, i)));
  });
  return values.length === node.items.length ? values : undefined;
}

/** `"*"`, or an object of principal kinds; `"*"` and `{"AWS":"*"}` both become `{kind:'any'}` (§2.3). */
function readPrincipal(
  reader: Reader,
  node: JsonTree,
  pointer: string,
  kind: PrincipalElement['kind'],
): PrincipalElement | undefined {
  const loc = (p: string) => locate(reader.locations, p);
  if (node.kind === 'string') {
    if (node.value === '*') return { kind, entries: [{ kind: 'any', pointer }], pointer };
    report(reader, 'invalid-principal', `${kind} must be "*" or an object such as {"AWS": "…"}, not the string ${JSON.stringify(node.value)}.`, loc(pointer));
    return undefined;
  }
  if (node.kind !== 'object') {
    report(reader, 'invalid-type', `${kind} must be "*" or an object, not ${describeKind(node)}.`, loc(pointer));
    return undefined;
  }
  if (node.members.length === 0) {
    report(reader, 'invalid-principal', `${kind} must name at least one principal.`, loc(pointer));
    return undefined;
  }
  const codes = { duplicate: 'duplicate-key', unknown: 'unknown-principal-type' } as const;
  const members = membersOf(reader, node, pointer, PRINCIPAL_KINDS, codes, kind);
  const entries: PrincipalEntry[] = [];
  for (const principalKind of PRINCIPAL_KINDS) {
    const member = members.get(principalKind);
    if (member === undefined) continue;
    const memberPointer = appendPointer(pointer, principalKind);
    const values = readStrings(reader, member.value, memberPointer, `${kind} "${principalKind}"`);
    values?.forEach((value, i) => {
      const valuePointer = member.value.kind === 'array' ? appendPointer(memberPointer, i) : memberPointer;
      entries.push(
        principalKind === 'AWS' && value === '*'
          ? { kind: 'any', pointer: valuePointer }
          : { kind: principalKind, value, pointer: valuePointer },
      );
    });
  }
  return { kind, entries, pointer };
}

/** `{ Operator: { key: value | [values] } }`; number and boolean values keep their source text (§1.1, §3.1). */
function readConditions(reader: Reader, node: JsonTree, pointer: string): ConditionClause[] | undefined {
  const loc = (p: string) => locate(reader.locations, p);
  if (node.kind !== 'object') {
    report(reader, 'invalid-type', `Condition must be an object of condition operators, not ${describeKind(node)}.`, loc(pointer));
    return undefined;
  }
  const clauses: ConditionClause[] = [];
  const codes = { duplicate: 'duplicate-key', unknown: 'unknown-element' } as const;
  for (const [operator, member] of membersOf(reader, node, pointer, undefined, codes, 'Condition')) {
    const operatorPointer = appendPointer(pointer, operator);
    const block = member.value;
    if (block.kind !== 'object') {
      report(reader, 'invalid-type', `Condition operator ${operator} must map to an object of condition keys, not ${describeKind(block)}.`, loc(operatorPointer));
      continue;
    }
    if (block.members.length === 0) {
      report(reader, 'empty-condition', `Condition operator ${operator} has no condition keys, so it tests nothing.`, loc(operatorPointer));
    }
    for (const [key, keyMember] of membersOf(reader, block, operatorPointer, undefined, codes, operator)) {
      const keyPointer = appendPointer(operatorPointer, key);
      const values = readConditionValues(reader, keyMember.value, keyPointer);
      if (values !== undefined) clauses.push({ pointer: keyPointer, operator, ...splitOperator(operator), key, values });
    }
  }
  return clauses;
}

function readConditionValues(reader: Reader, node: JsonTree, pointer: string): string[] | undefined {
  const items = node.kind === 'array' ? node.items : [node];
  if (node.kind === 'array' && items.length === 0) {
    report(reader, 'empty-array', 'A condition key must have at least one value.', locate(reader.locations, pointer));
    return undefined;
  }
  const values: string[] = [];
  items.forEach((item, i) => {
    const itemPointer = node.kind === 'array' ? appendPointer(pointer, i) : pointer;
    if (item.kind === 'string') values.push(item.value);
    else if (item.kind === 'number') values.push(item.text);
    else if (item.kind === 'boolean') values.push(item.value ? 'true' : 'false');
    else {
      const what = item.kind === 'array' ? 'a nested array' : describeKind(item);
      report(reader, 'invalid-type', `Condition values must be strings, numbers or booleans, not ${what}.`, locate(reader.locations, itemPointer));
    }
  });
  return values.length === items.length ? values : undefined;
}
