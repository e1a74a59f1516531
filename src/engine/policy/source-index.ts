// Where the elements of a parsed document stand, worked out on demand. Parsing records only offsets; a
// diagnostic's line and column are computed for the one pointer it names, and the pointer maps of
// SourceLocations are built only if someone reads them. On the happy path nothing here runs at all.

import { appendPointer, lineStartsOf, positionAt, type JsonTree, type JsonTreeMember } from '../json/index.js';
import type { Location } from './ast.js';
import { locate, type SourceLocations } from './diagnostics.js';

export class SourceIndex implements SourceLocations {
  private lineStarts: readonly number[] | undefined;
  private maps: { values: Map<string, Location>; keys: Map<string, Location> } | undefined;

  /** `text` is the source the tree's offsets refer to; undefined when the document was given as a value. */
  constructor(
    readonly tree: JsonTree,
    private readonly text: string | undefined,
  ) {}

  get values(): ReadonlyMap<string, Location> {
    return this.index().values;
  }

  get keys(): ReadonlyMap<string, Location> {
    return this.index().keys;
  }

  /** Whether locations carry line and column (the document was parsed from text). */
  get hasPositions(): boolean {
    return this.text !== undefined;
  }

  /** The location of a node or member key that starts at `offset`. */
  at(pointer: string, offset: number | undefined): Location {
    if (this.text === undefined || offset === undefined) return { pointer };
    this.lineStarts ??= lineStartsOf(this.text);
    const { line, column } = positionAt(this.lineStarts, offset);
    return { pointer, line, column };
  }

  /** What `locate(this, pointer, at)` answers, found by walking the tree instead of building the maps. */
  locate(pointer: string, at: 'key' | 'value'): Location {
    const tokens = tokensOf(pointer);
    if (at === 'key') {
      const member = findKey(this.tree, tokens, 0);
      if (member !== undefined) return this.at(pointer, member.keyOffset);
    }
    const node = findValue(this.tree, tokens, 0);
    return node === undefined ? { pointer } : this.at(pointer, node.offset);
  }

  /** Whether the document has an element at `pointer`. */
  has(pointer: string): boolean {
    return findValue(this.tree, tokensOf(pointer), 0) !== undefined;
  }

  private index(): { values: Map<string, Location>; keys: Map<string, Location> } {
    if (this.maps === undefined) {
      this.maps = { values: new Map(), keys: new Map() };
      this.fill(this.tree, '', this.maps.values, this.maps.keys);
    }
    return this.maps;
  }

  /** Every pointer of the document; the first element in document order wins when duplicate keys repeat one. */
  private fill(node: JsonTree, pointer: string, values: Map<string, Location>, keys: Map<string, Location>): void {
    if (!values.has(pointer)) values.set(pointer, this.at(pointer, node.offset));
    if (node.kind === 'object') {
      for (const member of node.members) {
        const child = appendPointer(pointer, member.key);
        if (!keys.has(child)) keys.set(child, this.at(child, member.keyOffset));
        this.fill(member.value, child, values, keys);
      }
    } else if (node.kind === 'array') {
      node.items.forEach((item, i) => this.fill(item, appendPointer(pointer, i), values, keys));
    }
  }
}

/** `locate` for any SourceLocations, without building the maps of a SourceIndex. */
export const locateIn = (locations: SourceLocations | undefined, pointer: string, at: 'key' | 'value' = 'value'): Location =>
  locations instanceof SourceIndex ? locations.locate(pointer, at) : locate(locations, pointer, at);

/** Whether the document has an element at `pointer`. */
export const hasElement = (locations: SourceLocations, pointer: string): boolean =>
  locations instanceof SourceIndex ? locations.has(pointer) : locations.values.has(pointer);

/** The unescaped reference tokens of a JSON pointer (RFC 6901 §4). */
const tokensOf = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map((t) => (t.includes('~') ? t.replaceAll('~1', '/').replaceAll('~0', '~') : t));

/** The array index a token names: only the canonical decimal form that appendPointer writes. */
const indexOf = (token: string, items: readonly JsonTree[]): number => {
  const index = Number(token);
  return Number.isInteger(index) && index >= 0 && index < items.length && String(index) === token ? index : -1;
};

// Both searches return the first match in document order (depth first, members in order), backtracking
// past duplicate keys, so they agree with the maps, which keep the first element registered per pointer.

function findValue(node: JsonTree, tokens: readonly string[], depth: number): JsonTree | undefined {
  if (depth === tokens.length) return node;
  const token = tokens[depth]!;
  if (node.kind === 'object') {
    for (const member of node.members) {
      if (member.key !== token) continue;
      const found = findValue(member.value, tokens, depth + 1);
      if (found !== undefined) return found;
    }
  } else if (node.kind === 'array') {
    const index = indexOf(token, node.items);
    if (index >= 0) return findValue(node.items[index]!, tokens, depth + 1);
  }
  return undefined;
}

function findKey(node: JsonTree, tokens: readonly string[], depth: number): JsonTreeMember | undefined {
  if (depth === tokens.length) return undefined;
  const token = tokens[depth]!;
  const isLast = depth === tokens.length - 1;
  if (node.kind === 'object') {
    for (const member of node.members) {
      if (member.key !== token) continue;
      if (isLast) return member;
      const found = findKey(member.value, tokens, depth + 1);
      if (found !== undefined) return found;
    }
  } else if (node.kind === 'array' && !isLast) {
    const index = indexOf(token, node.items);
    if (index >= 0) return findKey(node.items[index]!, tokens, depth + 1);
  }
  return undefined;
}
