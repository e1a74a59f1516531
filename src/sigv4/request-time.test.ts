import { describe, expect, it } from 'vitest';
import { formatAmzDate, parseAmzDate, parseHttpDate } from './request-time.js';

describe('parseAmzDate', () => {
  it('reads ISO 8601 basic format', () => {
    expect(parseAmzDate('20150830T123600Z')?.toISOString()).toBe('2015-08-30T12:36:00.000Z');
  });

  it.each(['2015-08-30T12:36:00Z', '20150830T123600', '20150830T123600.000Z', '20150431T000000Z', '20150830T246000Z', ' 20150830T123600Z'])(
    'refuses %j',
    (text) => {
      expect(parseAmzDate(text)).toBeUndefined();
    },
  );
});

describe('parseHttpDate', () => {
  it('reads IMF-fixdate and the basic format', () => {
    expect(parseHttpDate('Sun, 30 Aug 2015 12:36:00 GMT')?.toISOString()).toBe('2015-08-30T12:36:00.000Z');
    expect(parseHttpDate('20150830T123600Z')?.toISOString()).toBe('2015-08-30T12:36:00.000Z');
  });

  it.each(['Sun, 31 Feb 2015 12:36:00 GMT', 'Sun, 30 Aug 2015 12:36:00 UTC', 'Sunday, 30-Aug-15 12:36:00 GMT', 'yesterday'])(
    'refuses %j',
    (text) => {
      expect(parseHttpDate(text)).toBeUndefined();
    },
  );
});

describe('formatAmzDate', () => {
  it('drops milliseconds and pads', () => {
    expect(formatAmzDate(new Date('2022-01-27T01:59:28.999Z'))).toBe('20220127T015928Z');
    expect(formatAmzDate(new Date('0999-01-02T03:04:05Z'))).toBe('09990102T030405Z');
  });
});
