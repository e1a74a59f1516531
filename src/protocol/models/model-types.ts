// The trimmed botocore service model that scripts/generate-models.mjs writes to ./iam.json and ./sts.json,
// and the prepared form the rest of the protocol layer reads (lookups in Maps, patterns compiled once).

export type ServiceName = 'iam' | 'sts';

export interface ModelMetadata {
  readonly apiVersion: string;
  readonly botocoreVersion: string;
  readonly endpointPrefix: string;
  readonly protocol: string;
  readonly serviceId: string;
  readonly signatureVersion: string;
  readonly signingName: string;
  readonly xmlNamespace: string;
}

/** A reference to a shape from a structure member, list member, map key or map value. */
export interface ShapeRef {
  readonly shape: string;
  readonly locationName?: string;
  readonly queryName?: string;
  readonly flattened?: boolean;
  readonly xmlNamespace?: { readonly uri?: string; readonly prefix?: string } | string;
  readonly xmlAttribute?: boolean;
  readonly timestampFormat?: string;
}

/** The `error` trait of an exception shape; absent fields take botocore's defaults (code = shape name, 400). */
export interface ErrorTrait {
  readonly code?: string;
  readonly httpStatusCode?: number;
  readonly senderFault?: boolean;
}

interface ShapeTraits {
  readonly sensitive?: boolean;
  readonly box?: boolean;
  readonly locationName?: string;
  readonly flattened?: boolean;
  readonly xmlNamespace?: ShapeRef['xmlNamespace'];
}

export interface StructureShape extends ShapeTraits {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, ShapeRef>>;
  readonly required?: readonly string[];
  readonly exception?: boolean;
  readonly fault?: boolean;
  readonly error?: ErrorTrait;
}

export interface ListShape extends ShapeTraits {
  readonly type: 'list';
  readonly member: ShapeRef;
  readonly min?: number;
  readonly max?: number;
}

export interface MapShape extends ShapeTraits {
  readonly type: 'map';
  readonly key: ShapeRef;
  readonly value: ShapeRef;
  readonly min?: number;
  readonly max?: number;
}

export interface StringShape extends ShapeTraits {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

export interface NumberShape extends ShapeTraits {
  readonly type: 'integer' | 'long' | 'float' | 'double';
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanShape extends ShapeTraits {
  readonly type: 'boolean';
}

export interface TimestampShape extends ShapeTraits {
  readonly type: 'timestamp';
  readonly timestampFormat?: string;
}

export interface BlobShape extends ShapeTraits {
  readonly type: 'blob';
  readonly min?: number;
  readonly max?: number;
}

export type Shape =
  | StructureShape
  | ListShape
  | MapShape
  | StringShape
  | NumberShape
  | BooleanShape
  | TimestampShape
  | BlobShape;

export interface OperationModel {
  readonly name: string;
  readonly input?: { readonly shape: string };
  readonly output?: { readonly shape: string; readonly resultWrapper?: string };
  readonly errors?: readonly { readonly shape: string }[];
  /** Smithy auth schemes; `['smithy.api#noAuth']` (with `authtype: 'none'`) marks unsigned operations (§7.4). */
  readonly auth?: readonly string[];
  readonly authtype?: string;
}

/** The JSON file as written by the generator. */
export interface ModelFile {
  readonly metadata: ModelMetadata;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

/**
 * A model ready for use. Operations and shapes are Maps so that names taken from a request (`Action=constructor`)
 * can never reach Object.prototype.
 */
export interface ServiceModel {
  /** `iam` or `sts` for the generated models; tests build others. */
  readonly service: string;
  readonly metadata: ModelMetadata;
  readonly operations: ReadonlyMap<string, OperationModel>;
  readonly shapes: ReadonlyMap<string, Shape>;
  /** Each string shape's `pattern`, compiled with Java's whole-string `matches()` semantics. */
  readonly patterns: ReadonlyMap<string, RegExp>;
}
