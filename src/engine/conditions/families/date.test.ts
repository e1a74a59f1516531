import { describe, expect, it } from 'vitest';
import { DATE_OPERATORS, parseDate } from './date.js';

describe('Date operators', () => {
  it('parse ISO-8601 dates, date-times with zones and fractions, and epoch seconds', () => {
    expect(parseDate('2020-01-01')).toBe(Date.UTC(2020, 0, 1));
    expect(parseDate('2020-01-01T00:00:01Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 1));
    expect(parseDate('2020-01-01T02:00:00+02:00')).toBe(Date.UTC(2020, 0, 1));
    expect(parseDate('2020-01-01T00:00:00.500Z')).toBe(Date.UTC(2020, 0, 1) + 500);
    expect(parseDate('1577836800')).toBe(Date.UTC(2020, 0, 1));
    expect(parseDate('yesterday')).toBeUndefined();
    expect(parseDate('2020-13-01')).toBeUndefined();
  });

  it('compare across formats', () => {
    const before = DATE_OPERATORS.DateLessThan!.compile('2020-01-01T00:00:00Z')!;
    expect(before('1577836799')).toBe(true);
    expect(before('2020-01-01T00:00:00Z')).toBe(false);
    expect(before('not a date')).toBe(false);
    const equals = DATE_OPERATORS.DateEquals!.compile('1577836800')!;
    expect(equals('2020-01-01T00:00:00Z')).toBe(true);
  });
});
