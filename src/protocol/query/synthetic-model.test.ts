// Wire features IAM and STS do not use today but the Query protocol has — flattened lists and maps,
// renamed members and items, longs, doubles, timestamps, blobs — checked against botocore with a
// model written here, in both directions.

import { beforeAll, describe, expect, it } from 'vitest';
import { prepareModel, type ModelFile } from '../models/index.js';
import { botocore, type SerializedRequest } from '../test-support/botocore.js';
import { decodeQueryRequest } from './decode.js';
import { readOperationInput } from './read-input.js';
import { writeOperationOutput } from './serialize.js';

const MEMBERS = {
  Flat: { shape: 'FlatList' },
  FlatNamed: { shape: 'FlatNamedList' },
  Named: { shape: 'NamedList' },
  Renamed: { shape: 'Str', locationName: 'OtherName' },
  Dict: { shape: 'IntMap' },
  NamedDict: { shape: 'NamedMap' },
  FlatDict: { shape: 'FlatMap' },
  Big: { shape: 'Long' },
  Ratio: { shape: 'Double' },
  When: { shape: 'Time' },
  Bytes: { shape: 'Blob' },
  Yes: { shape: 'Bool' },
  Nested: { shape: 'Inner' },
};

const FILE = {
  metadata: {
    apiVersion: '2020-01-01',
    botocoreVersion: 'test',
    endpointPrefix: 'example',
    protocol: 'query',
    serviceId: 'Example',
    signatureVersion: 'v4',
    signingName: 'example',
    xmlNamespace: 'https://example.com/doc/2020-01-01/',
  },
  operations: {
    Echo: { name: 'Echo', input: { shape: 'EchoInput' }, output: { shape: 'EchoOutput', resultWrapper: 'EchoResult' } },
  },
  shapes: {
    EchoInput: { type: 'structure', members: MEMBERS },
    EchoOutput: { type: 'structure', members: MEMBERS },
    Inner: { type: 'structure', members: { Deep: { shape: 'NamedList' }, Label: { shape: 'Str' } } },
    FlatList: { type: 'list', member: { shape: 'Str' }, flattened: true },
    FlatNamedList: { type: 'list', member: { shape: 'Str', locationName: 'Item' }, flattened: true },
    NamedList: { type: 'list', member: { shape: 'Str', locationName: 'item' } },
    IntMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Int' } },
    NamedMap: { type: 'map', key: { shape: 'Str', locationName: 'Name' }, value: { shape: 'Str', locationName: 'Val' } },
    FlatMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' }, flattened: true },
    Str: { type: 'string' },
    Int: { type: 'integer' },
    Long: { type: 'long' },
    Double: { type: 'double' },
    Time: { type: 'timestamp' },
    Blob: { type: 'blob' },
    Bool: { type: 'boolean' },
  },
} as const;

const model = prepareModel('example', FILE as unknown as ModelFile);

const PARAMS = {
  Flat: ['a', 'b c'],
  FlatNamed: ['x'],
  Named: ['n1', 'n2', 'n3'],
  Renamed: 'renamed & <escaped>',
  Dict: { one: 1, two: -2 },
  NamedDict: { k: 'v', 'k 2': 'v 2' },
  FlatDict: { f: 'g' },
  Big: 9007199254740991,
  Ratio: 0.25,
  When: '2020-02-03T04:05:06.789Z',
  Bytes: 'hello',
  Yes: false,
  Nested: { Deep: ['d'], Label: 'l' },
};

const DECODED = { ...PARAMS, When: new Date('2020-02-03T04:05:06.789Z'), Bytes: new Uint8Array(Buffer.from('hello')) };

describe('a model with flattened, renamed and typed members', () => {
  let request: SerializedRequest;
  let parsed: Record<string, unknown>;
  beforeAll(() => {
    const output = writeOperationOutput(model, 'Echo', DECODED, 'rid');
    [request, parsed] = botocore([
      { kind: 'serialize', service: 'example', model: FILE, operation: 'Echo', params: PARAMS },
      { kind: 'parse', service: 'example', model: FILE, operation: 'Echo', body: output },
    ]) as [SerializedRequest, Record<string, unknown>];
  });

  it('reads the request botocore writes', () => {
    // The encodings under test, as botocore spells them.
    for (const key of ['Flat.1=', 'Item.1=', 'Named.item.3=', 'OtherName=', 'Dict.entry.2.value=', 'NamedDict.entry.1.Name=', 'FlatDict.1.key=']) {
      expect(request.body).toContain(key);
    }
    const decoded = decodeQueryRequest('POST', request.contentType, request.body, '');
    expect(readOperationInput(model, 'Echo', decoded.params)).toEqual({ ok: true, input: DECODED });
  });

  it('writes a response botocore reads back', () => {
    const { ResponseMetadata, ...values } = parsed;
    expect(ResponseMetadata).toEqual({ RequestId: 'rid' });
    expect(values).toEqual({ ...PARAMS, When: '2020-02-03T04:05:06Z', Bytes: 'aGVsbG8=' });
  });

  it('files map keys such as __proto__ as own properties, never as the prototype', () => {
    const decoded = decodeQueryRequest('POST', undefined, 'Dict.entry.1.key=__proto__&Dict.entry.1.value=1&Dict.entry.2.key=constructor&Dict.entry.2.value=2', '');
    const result = readOperationInput(model, 'Echo', decoded.params);
    if (!result.ok) throw new Error(result.message);
    const dict = result.input.Dict as Record<string, unknown>;
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(dict)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(dict, '__proto__')?.value).toBe(1);
  });
});
