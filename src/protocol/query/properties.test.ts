// Property tests: decoding never throws on any body, and reading input never throws on any parameters —
// bad input always comes back as a ValidationError (STYLE.md: property tests for parsers).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationNames, serviceModel, type ServiceModel } from '../models/index.js';
import { decodeQueryRequest } from './decode.js';
import { readOperationInput } from './read-input.js';

const MESSAGE = /^\d+ validation errors? detected: Value( null| '[\s\S]*')? at '[^']+' failed to satisfy constraint: /;

/** Parameter names that follow the operation's input shape (so they reach nested lists and structures), bent now and then. */
function wireKey(model: ServiceModel, operation: string): fc.Arbitrary<string> {
  const walk = (shapeName: string, depth: number): fc.Arbitrary<string[]> => {
    const shape = model.shapes.get(shapeName);
    if (shape === undefined || depth > 6) return fc.constant([]);
    const position = fc.constantFrom('1', '2', '3', '10', '0', '01', 'x', '');
    switch (shape.type) {
      case 'structure': {
        const members = Object.entries(shape.members);
        if (members.length === 0) return fc.constant([]);
        return fc.constantFrom(...members).chain(([name, ref]) => walk(ref.shape, depth + 1).map((rest) => [name, ...rest]));
      }
      case 'list':
        return fc.tuple(fc.constantFrom('member', 'member', 'entry'), position, walk(shape.member.shape, depth + 1)).map(([m, p, rest]) => [m, p, ...rest]);
      case 'map':
        return fc.tuple(position, fc.constantFrom('key', 'value')).map(([p, part]) => ['entry', p, part]);
      default:
        return fc.constant([]);
    }
  };
  const input = model.operations.get(operation)?.input?.shape;
  const shaped = input === undefined ? fc.constant('Anything') : walk(input, 0).map((parts) => parts.join('.'));
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) });
}

const value = fc.oneof(
  fc.constantFrom('', '0', '1', '1000', 'true', 'x', 'alice', '/', '2014-09-24T02:00:48Z', '1e9', '-5', '{}', 'a'.repeat(2049)),
  fc.string({ unit: 'binary' }),
);

function request(model: ServiceModel, operations = operationNames(model)): fc.Arbitrary<[string, Map<string, string>]> {
  return fc
    .constantFrom(...operations)
    .chain((operation) =>
      fc.array(fc.tuple(wireKey(model, operation), value), { maxLength: 30 }).map((entries): [string, Map<string, string>] => [operation, new Map(entries)]),
    );
}

describe('protocol properties', () => {
  it('decodeQueryRequest never throws, whatever the body, query and content type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'get'),
        fc.option(fc.string(), { nil: undefined }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (method, contentType, body, query) => {
          const decoded = decodeQueryRequest(method, contentType, body, query);
          expect(decoded.params.has('Action')).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  for (const service of ['iam', 'sts'] as const) {
    const model = serviceModel(service);
    it(`readOperationInput never throws on ${service} and fails only with a ValidationError`, () => {
      fc.assert(
        fc.property(request(model), ([operation, map]) => {
          const result = readOperationInput(model, operation, map);
          if (!result.ok) {
            expect(result.code).toBe('ValidationError');
            expect(result.message).toMatch(MESSAGE);
          }
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('reads the deepest IAM and STS inputs (lists in lists, structures in lists) without throwing', () => {
    const deepest = [
      [serviceModel('iam'), ['SimulateCustomPolicy', 'SimulatePrincipalPolicy', 'CreateUser']],
      [serviceModel('sts'), ['AssumeRole', 'AssumeRoot']],
    ] as const;
    for (const [model, operations] of deepest) {
      fc.assert(
        fc.property(request(model, [...operations]), ([operation, map]) => {
          const result = readOperationInput(model, operation, map);
          if (!result.ok) expect(result.message).toMatch(MESSAGE);
        }),
        { numRuns: 1000 },
      );
    }
  });

  it('generates keys that reach nested lists (so the properties above mean something)', () => {
    const model = serviceModel('iam');
    const sample = fc.sample(request(model, ['SimulateCustomPolicy']), 400);
    const deep = sample.filter(([, map]) => [...map.keys()].some((k) => /\.member\.\d+\.\w+\.member\.\d+/.test(k)));
    expect(deep.length).toBeGreaterThan(0);
  });
});
