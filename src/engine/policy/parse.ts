// Parses a policy document (text, or a value already read from JSON/YAML) into the normalised Policy AST,
// reporting grammar errors (§1.1, §1.2, §1.5) with a JSON pointer and, for text, line and column.
// Locations are worked out only for the diagnostics reported (source-index.ts): the happy path builds the
// AST and nothing else.

import {
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
import { readConditions } from './parse-conditions.js';
import { describeKind, hasErrorsFrom, knownMembers, readStrings, report, type Reader } from './parse-reader.js';
import { SourceIndex } from './source-index.js';

export type ParseResult =
  | {
      readonly ok: true;
      readonly policy: Policy;
      /** Warnings only. */
      readonly diagnostics: Diagnostic[];
      /** Pointer → position, for placing later (validation) diagnostics; worked out when first asked. */
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

/** A string is policy text; anything else is taken as the already-parsed document. */
export function parsePolicy(input: string | unknown): ParseResult {
  const parsed = parseDocument(input);
  if (!parsed.ok) return parsed;
  const { policy, diagnostics, source, text } = parsed;
  return { ok: true, policy, diagnostics, locations: source, text };
}

/** parsePolicy for checkPolicy, which measures the text with the parser's statistics instead of a rescan. */
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
  if (principalMember !== undefined && notPrincipalMember !== undefined) {
    reportBoth(reader, 'principal-and-not-principal', 'Principal', pointer, notPrincipalMember);
  }
  if (actionMember !== undefined && notActionMember !== undefined) {
    reportBoth(reader, 'action-and-not-action', 'Action', pointer, notActionMember);
  }
  if (resourceMember !== undefined && notResourceMember !== undefined) {
    reportBoth(reader, 'resource-and-not-resource', 'Resource', pointer, notResourceMember);
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
  // Assembled field by field, in the order of the Statement type, leaving out absent optional fields:
  // spreading optional parts into the literal costs about a microsecond a statement on V8.
  const statement: Assembling<Statement> = { index, pointer };
  if (sidNode?.kind === 'string') statement.sid = sidNode.value;
  statement.effect = effect;
  if (principal) statement.principal = principal;
  statement.action = { kind: actionKind, patterns: actions, pointer: actionPointer } satisfies ActionElement;
  if (resources) statement.resource = { kind: resourceKind, patterns: resources, pointer: resourcePointer } satisfies ResourceElement;
  statement.conditions = conditions;
  return statement as Statement;
}

/** An object being filled in field by field; every required field is set before it is returned. */
type Assembling<T> = { -readonly [K in keyof T]?: T[K] };

/** A statement holds both an element and its Not form: reported at the key of the Not form. */
function reportBoth(reader: Reader, code: DiagnosticCode, positive: string, statementPointer: string, negative: JsonTreeMember): void {
  const message = `A statement may contain ${positive} or Not${positive}, not both.`;
  report(reader, code, message, `${statementPointer}/Not${positive}`, negative.keyOffset);
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
