// Tests for the condition operator table and operator splitting.

import { describe, expect, it } from 'vitest';
import { CONDITION_OPERATORS, allowsIfExists, conditionOperator, splitOperator } from './operators.js';

describe('CONDITION_OPERATORS', () => {
  it('lists exactly the base operators of §3.2, with negation where the name says Not', () => {
    expect(Object.keys(CONDITION_OPERATORS)).toHaveLength(27);
    for (const [name, info] of Object.entries(CONDITION_OPERATORS)) {
      expect(info.isNegated, name).toBe(name.includes('Not'));
      expect(name.startsWith(info.family === 'IpAddress' ? (info.isNegated ? 'NotIp' : 'Ip') : info.family), name).toBe(true);
    }
  });

  it('looks up own names only, case-sensitively', () => {
    expect(conditionOperator('ArnLike')).toEqual({ family: 'Arn', isNegated: false });
    expect(conditionOperator('arnlike')).toBeUndefined();
    expect(conditionOperator('toString')).toBeUndefined();
    expect(conditionOperator('StringLikeIfExists')).toBeUndefined();
  });

  it('lets every family but Null take IfExists', () => {
    expect(allowsIfExists('Null')).toBe(false);
    expect(allowsIfExists('String')).toBe(true);
  });
});

describe('splitOperator', () => {
  it.each([
    ['StringEquals', 'none', 'StringEquals', false],
    ['StringEqualsIfExists', 'none', 'StringEquals', true],
    ['ForAllValues:StringNotLikeIfExists', 'ForAllValues', 'StringNotLike', true],
    ['ForAnyValue:IpAddress', 'ForAnyValue', 'IpAddress', false],
    ['NullIfExists', 'none', 'Null', true],
    ['FrobIfExists', 'none', 'FrobIfExists', false],
    ['forallvalues:StringLike', 'none', 'forallvalues:StringLike', false],
  ] as const)('%s', (operator, qualifier, baseOperator, ifExists) => {
    expect(splitOperator(operator)).toEqual({ qualifier, baseOperator, ifExists });
  });
});
