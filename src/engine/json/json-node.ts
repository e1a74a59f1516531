// The JSON syntax tree: what parseJson produces, with positions, duplicate keys and number source text kept,
// and the lighter tree shape (JsonTree) that parseJsonText produces (offsets only) and values converted
// from other sources share (no positions at all).

/** Where a node starts in the source text: UTF-16 offset and 1-based line and column. */
export interface TextPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Where a node of a JsonTree starts: the UTF-16 offset when parsed from text, line and column too from parseJson. */
interface TreePosition {
  readonly offset?: number;
  readonly line?: number;
  readonly column?: number;
}

/** A node of any JSON tree. Offsets are present when the tree was parsed from text, line and column by parseJson. */
export type JsonTree =
  | JsonTreeObject
  | JsonTreeArray
  | ({ readonly kind: 'string'; readonly value: string } & TreePosition)
  | ({ readonly kind: 'number'; readonly text: string } & TreePosition)
  | ({ readonly kind: 'boolean'; readonly value: boolean } & TreePosition)
  | ({ readonly kind: 'null' } & TreePosition);

export interface JsonTreeObject extends TreePosition {
  readonly kind: 'object';
  /** In source order; duplicate keys are kept (IAM rejects duplicate elements, so they must stay visible). */
  readonly members: readonly JsonTreeMember[];
}

export interface JsonTreeMember {
  readonly key: string;
  readonly keyOffset?: number;
  readonly keyLine?: number;
  readonly keyColumn?: number;
  readonly value: JsonTree;
}

export interface JsonTreeArray extends TreePosition {
  readonly kind: 'array';
  readonly items: readonly JsonTree[];
}

/** A node parsed from text: every node and member key carries its position. */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

export interface JsonObject extends TextPosition {
  readonly kind: 'object';
  readonly members: readonly JsonMember[];
}

export interface JsonMember {
  readonly key: string;
  readonly keyOffset: number;
  readonly keyLine: number;
  readonly keyColumn: number;
  readonly value: JsonNode;
}

export interface JsonArray extends TextPosition {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
}

export interface JsonString extends TextPosition {
  readonly kind: 'string';
  readonly value: string;
}

export interface JsonNumber extends TextPosition {
  readonly kind: 'number';
  /** The number exactly as written (`1.50` stays "1.50"); condition values keep this text (§1.1). */
  readonly text: string;
  readonly value: number;
}

export interface JsonBoolean extends TextPosition {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface JsonNull extends TextPosition {
  readonly kind: 'null';
}

export interface JsonSyntaxError extends TextPosition {
  readonly message: string;
}

export type JsonParseResult =
  | { readonly ok: true; readonly value: JsonNode }
  | { readonly ok: false; readonly error: JsonSyntaxError };

/** Nesting deeper than this is refused, so parsing never exhausts the stack; policies need about 7 levels. */
export const MAX_JSON_DEPTH = 64;
