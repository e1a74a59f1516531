import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConditionClause, SetQualifier } from '../policy/index.js';
import { compileCondition } from './compile-condition.js';
import type { ContextEntry } from './context.js';
import { evaluateCondition } from './evaluate-condition.js';

const clause = (baseOperator: string, values: string[], qualifier: SetQualifier = 'none', ifExists = false): ConditionClause => ({
  pointer: '/Statement/0/Condition',
  operator: baseOperator,
  baseOperator,
  qualifier,
  ifExists,
  key: 'aws:TagKeys',
  values,
});

const run = (c: ConditionClause, values?: string[]): boolean => {
  const context = new Map<string, ContextEntry>();
  if (values !== undefined) context.set('aws:tagkeys', { values, isMultivalued: true });
  return evaluateCondition(compileCondition(c, '2012-10-17'), context);
};

describe('generic condition rules (§3.3, §3.4)', () => {
  it('missing key: positive false, negated true, IfExists true, ForAllValues true, ForAnyValue false', () => {
    expect(run(clause('StringEquals', ['a']))).toBe(false);
    expect(run(clause('StringNotEquals', ['a']))).toBe(true);
    expect(run(clause('StringEquals', ['a'], 'none', true))).toBe(true);
    expect(run(clause('StringEquals', ['a'], 'ForAllValues'))).toBe(true);
    expect(run(clause('StringEquals', ['a'], 'ForAnyValue'))).toBe(false);
    expect(run(clause('StringEquals', ['a'], 'ForAllValues'), [])).toBe(true);
  });

  it('the ForAllValues:StringNotLike example of §3.4', () => {
    const c = clause('StringNotLike', ['key1*', 'key2*'], 'ForAllValues');
    expect(run(c, ['key1:legal'])).toBe(false);
    expect(run(c, ['key1:hr', 'key2:audit'])).toBe(false);
    expect(run(c, ['key3:legal'])).toBe(true);
    expect(run(c)).toBe(true);
  });

  it('Null checks presence', () => {
    expect(run(clause('Null', ['true']))).toBe(true);
    expect(run(clause('Null', ['false']))).toBe(false);
    expect(run(clause('Null', ['false']), ['x'])).toBe(true);
  });

  it('a negated operator is the complement of its positive form when the key is present', () => {
    const values = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(values, values, (policy, request) => {
        for (const [positive, negated] of [
          ['StringEquals', 'StringNotEquals'],
          ['StringLike', 'StringNotLike'],
        ] as const) {
          expect(run(clause(negated, policy), request)).toBe(!run(clause(positive, policy), request));
        }
      }),
    );
  });

  it('ForAllValues and ForAnyValue over non-empty sets follow their definitions', () => {
    const values = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(values, values, (policy, request) => {
        const inPolicy = (v: string) => (policy as string[]).includes(v);
        expect(run(clause('StringEquals', policy, 'ForAllValues'), request)).toBe(request.every(inPolicy));
        expect(run(clause('StringEquals', policy, 'ForAnyValue'), request)).toBe(request.some(inPolicy));
        expect(run(clause('StringNotEquals', policy, 'ForAnyValue'), request)).toBe(request.some((v) => !inPolicy(v)));
      }),
    );
  });
});
