// Tests for parsePolicy: normalisation into the AST, pointers and locations, error collection, and
// property tests that parsing never throws and always explains a rejection.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePolicy, type ParseResult } from './parse.js';
import { checkPolicy } from './validate.js';
import { POLICY_TYPES, type Policy } from './ast.js';
import type { Diagnostic } from './diagnostics.js';

const accepted = (result: ParseResult): Policy => {
  if (!result.ok) throw new Error(`expected the policy to parse: ${JSON.stringify(result.diagnostics)}`);
  return result.policy;
};

describe('parsePolicy normalisation', () => {
  it('expands single values, defaults Version and keeps Id', () => {
    const policy = accepted(parsePolicy('{"Id": "q1", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}'));
    expect(policy).toEqual({
      version: '2008-10-17',
      versionDefaulted: true,
      id: 'q1',
      statements: [
        {
          index: 0,
          pointer: '/Statement',
          effect: 'Allow',
          action: { kind: 'Action', patterns: ['s3:GetObject'], pointer: '/Statement/Action' },
          resource: { kind: 'Resource', patterns: ['*'], pointer: '/Statement/Resource' },
          conditions: [],
        },
      ],
    });
  });

  it('normalises principals: "*" and {"AWS":"*"} mean anyone', () => {
    const policy = accepted(
      parsePolicy({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 's3:*' },
          { Sid: 'x', Effect: 'Deny', NotPrincipal: { AWS: ['*', '123456789012'], Service: 's3.amazonaws.com' }, NotAction: ['s3:*'] },
        ],
      }),
    );
    const [first, second] = policy.statements;
    expect(first?.principal).toEqual({ kind: 'Principal', entries: [{ kind: 'any', pointer: '/Statement/0/Principal' }], pointer: '/Statement/0/Principal' });
    expect(second?.principal?.entries).toEqual([
      { kind: 'any', pointer: '/Statement/1/NotPrincipal/AWS/0' },
      { kind: 'AWS', value: '123456789012', pointer: '/Statement/1/NotPrincipal/AWS/1' },
      { kind: 'Service', value: 's3.amazonaws.com', pointer: '/Statement/1/NotPrincipal/Service' },
    ]);
    expect(second).toMatchObject({ sid: 'x', effect: 'Deny', action: { kind: 'NotAction', patterns: ['s3:*'] } });
    expect(second?.resource).toBeUndefined();
  });

  it('splits condition operators and keeps number and boolean values as written', () => {
    const text = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
      "Condition": {
        "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*", "b"], "x:a/b~c": "v"},
        "NumericLessThan": {"s3:max-keys": [10, 1.50]},
        "Bool": {"aws:SecureTransport": false},
        "ForAllValues:Frobnicate": {"aws:x": "y"}
      }}]}`;
    const [statement] = accepted(parsePolicy(text)).statements;
    expect(statement?.conditions).toEqual([
      { pointer: '/Statement/0/Condition/ForAnyValue:StringLikeIfExists/aws:TagKeys', operator: 'ForAnyValue:StringLikeIfExists', baseOperator: 'StringLike', qualifier: 'ForAnyValue', ifExists: true, key: 'aws:TagKeys', values: ['a*', 'b'] },
      { pointer: '/Statement/0/Condition/ForAnyValue:StringLikeIfExists/x:a~1b~0c', operator: 'ForAnyValue:StringLikeIfExists', baseOperator: 'StringLike', qualifier: 'ForAnyValue', ifExists: true, key: 'x:a/b~c', values: ['v'] },
      { pointer: '/Statement/0/Condition/NumericLessThan/s3:max-keys', operator: 'NumericLessThan', baseOperator: 'NumericLessThan', qualifier: 'none', ifExists: false, key: 's3:max-keys', values: ['10', '1.50'] },
      { pointer: '/Statement/0/Condition/Bool/aws:SecureTransport', operator: 'Bool', baseOperator: 'Bool', qualifier: 'none', ifExists: false, key: 'aws:SecureTransport', values: ['false'] },
      // Unknown operators parse (validation rejects them), so the name comes back whole.
      { pointer: '/Statement/0/Condition/ForAllValues:Frobnicate/aws:x', operator: 'ForAllValues:Frobnicate', baseOperator: 'Frobnicate', qualifier: 'ForAllValues', ifExists: false, key: 'aws:x', values: ['y'] },
    ]);
  });

  it('locates keys and values of text input; value input has pointers but no positions', () => {
    const text = '{\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}\n  ]\n}';
    const fromText = parsePolicy(text);
    const fromValue = parsePolicy(JSON.parse(text));
    if (!fromText.ok || !fromValue.ok) throw new Error('expected both to parse');
    expect(fromText.locations.keys.get('/Statement/0/Effect')).toEqual({ pointer: '/Statement/0/Effect', line: 3, column: 6 });
    expect(fromText.locations.values.get('/Statement/0/Effect')).toEqual({ pointer: '/Statement/0/Effect', line: 3, column: 16 });
    expect(fromValue.locations.values.get('/Statement/0/Effect')).toEqual({ pointer: '/Statement/0/Effect' });
    expect(fromValue.policy).toEqual(fromText.policy);
    expect(fromText.text).toBe(text);
    expect(fromValue.text).toBe('{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}');
  });

  it('collects errors from every statement rather than stopping at the first', () => {
    const result = parsePolicy({ Statement: [{ Effect: 'Permit', Action: 's3:*' }, { Effect: 'Allow' }, 7] });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['invalid-effect', '/Statement/0/Effect'],
      ['missing-action', '/Statement/1'],
      ['statement-not-object', '/Statement/2'],
    ]);
  });

  it('refuses values JSON cannot express, at their pointer', () => {
    const result = parsePolicy({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: [undefined] } });
    expect(result.diagnostics).toEqual([
      { pointer: '/Statement/Resource/0', severity: 'error', code: 'syntax-error', message: 'Syntax errors in policy. undefined is not a JSON value.' },
    ]);
  });

  it('refuses principal values that are not strings', () => {
    const result = parsePolicy({ Statement: { Effect: 'Allow', Principal: { AWS: 123456789012 }, Action: 's3:*' } });
    expect(result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['invalid-type', '/Statement/Principal/AWS']]);
  });
});

describe('parsePolicy properties', () => {
  const hasLocatedError = (diagnostics: readonly Diagnostic[], isText: boolean): boolean =>
    diagnostics.some(
      (d) => d.severity === 'error' && typeof d.pointer === 'string' && (!isText || (typeof d.line === 'number' && typeof d.column === 'number')),
    );

  it('never throws on arbitrary text, and explains every rejection with a located error', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ Statement: v })));
    fc.assert(
      fc.property(text, (input) => {
        const result = parsePolicy(input);
        if (!result.ok) expect(hasLocatedError(result.diagnostics, true)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary values, and explains every rejection with a pointer', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true }), (input) => {
        const result = parsePolicy(input);
        if (!result.ok) expect(hasLocatedError(result.diagnostics, false)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  // Policy-shaped documents: each element usually right, sometimes wrong, so deep rules are reached too.
  const junk = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
  const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 24 }, { arbitrary: junk, weight: 1 });
  const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 15 }, { arbitrary: arb, weight: 1 });
  const oneOrMany = <T>(arb: fc.Arbitrary<T>) => mostly(fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 })));
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const action = fc.constantFrom('*', 's3:GetObject', 'sts:AssumeRole', 'sts:TagSession', 'iam:*', 'bad', 'a:b:c', 's*:x');
  const resource = fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:iam:us-east-1:123456789012:role/x', 'bucket', 'arn:aws:s3:::${aws:username}', 'arn:aws:iam::123456789012:u*');
  const principalValue = fc.constantFrom('*', '123456789012', 'arn:aws:iam::123456789012:root', 'x*', 'ec2.amazonaws.com', 'example.com', 'accounts.google.com');
  const principal = mostly(
    fc.oneof(
      fc.constant('*'),
      fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser', 'aws'), oneOrMany(principalValue), { minKeys: 1, maxKeys: 2 }),
    ),
  );
  const conditionValue = fc.oneof(fc.constantFrom('true', '10', '10.0.0.0/8', '2020-01-01', 'x', '${aws:username}'), fc.integer(), fc.boolean());
  const condition = mostly(
    fc.dictionary(
      fc.constantFrom('StringEquals', 'ForAnyValue:StringLike', 'NumericLessThanIfExists', 'Bool', 'Null', 'ForAllValues:Null', 'NullIfExists', 'Frob', 'IpAddress', 'DateGreaterThan', 'ArnLike', 'StringNotLike', 'BinaryEquals'),
      mostly(fc.dictionary(fc.constantFrom('aws:username', 'aws:SourceIp', 'nokey', 'x:a/b~c'), oneOrMany(conditionValue), { minKeys: 1, maxKeys: 2 })),
      { maxKeys: 3 },
    ),
  );
  /** Which of a Positive/NotPositive pair a statement carries. */
  const pairKey = (positive: string, weights: readonly [number, number, number, number]): fc.Arbitrary<readonly string[]> =>
    fc.oneof(
      { arbitrary: fc.constant<readonly string[]>([positive]), weight: weights[0] },
      { arbitrary: fc.constant<readonly string[]>([`Not${positive}`]), weight: weights[1] },
      { arbitrary: fc.constant<readonly string[]>([positive, `Not${positive}`]), weight: weights[2] },
      { arbitrary: fc.constant<readonly string[]>([]), weight: weights[3] },
    );
  const statement = fc
    .record({
      Sid: maybe(mostly(fc.constantFrom('A', 'B', 'a b'))),
      Effect: fc.option(mostly(fc.constantFrom('Allow', 'Deny', 'allow')), { freq: 12, nil: undefined }),
      principalKeys: pairKey('Principal', [4, 1, 1, 4]),
      principal,
      actionKeys: pairKey('Action', [8, 2, 1, 1]),
      action: oneOrMany(action),
      resourceKeys: pairKey('Resource', [8, 2, 1, 2]),
      resource: oneOrMany(resource),
      Condition: maybe(condition),
      Extra: rarely(junk),
    })
    .map(({ principalKeys, principal: p, actionKeys, action: a, resourceKeys, resource: r, ...rest }) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(rest)) if (value !== undefined) out[key] = value;
      for (const key of principalKeys) out[key] = p;
      for (const key of actionKeys) out[key] = a;
      for (const key of resourceKeys) out[key] = r;
      return out;
    });
  const policyDocument = fc
    .record({
      Version: maybe(mostly(fc.constantFrom('2012-10-17', '2012-10-17', '2008-10-17', '2012-10-18'))),
      Id: rarely(junk),
      Statement: fc.option(mostly(fc.oneof(statement, fc.array(mostly(statement), { minLength: 1, maxLength: 3 }))), { freq: 20, nil: undefined }),
    })
    .map((fields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));
  const stripPositions = (diagnostics: readonly Diagnostic[]) => diagnostics.map(({ line: _l, column: _c, ...rest }) => rest);

  it('locates every finding of policy-shaped text, and text and value inputs agree', () => {
    fc.assert(
      fc.property(policyDocument, fc.constantFrom(...POLICY_TYPES), (document, type) => {
        const text = JSON.stringify(document, null, 2);
        const fromText = checkPolicy(text, type);
        const fromValue = checkPolicy(document, type);
        for (const d of fromText.diagnostics) {
          expect(d.line, JSON.stringify(d)).toBeTypeOf('number');
          expect(d.column, JSON.stringify(d)).toBeTypeOf('number');
        }
        expect(fromValue.diagnostics.every((d) => d.line === undefined)).toBe(true);
        expect(stripPositions(fromValue.diagnostics)).toEqual(stripPositions(fromText.diagnostics));
        expect(fromValue.policy).toEqual(fromText.policy);
        if (fromText.policy === undefined) expect(hasLocatedError(fromText.diagnostics, true)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
