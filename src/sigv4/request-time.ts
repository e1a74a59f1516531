// The request timestamp (§7.1 item 5): X-Amz-Date in ISO 8601 basic format, or the HTTP Date header.
// The string to sign always carries the basic format, whichever header supplied the time.

export type RequestTime = {
  readonly date: Date;
  /** The header or parameter value as received. */
  readonly raw: string;
  readonly source: 'X-Amz-Date' | 'Date';
  /** YYYYMMDD'T'HHMMSS'Z', as it goes into the string to sign and AWS's error messages. */
  readonly amzDate: string;
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats a time as ISO 8601 basic format, whole seconds, UTC. */
export const formatAmzDate = (date: Date): string =>
  `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
  `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;

/** Builds a UTC date, or undefined when a field is out of range (Date.UTC would roll 31 April over). */
const utc = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): Date | undefined => {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const exact =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return exact ? date : undefined;
};

const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses `20150830T123600Z`; nothing looser (no separators, no fractions, no offsets). */
export const parseAmzDate = (text: string): Date | undefined => {
  const m = BASIC.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return utc(y, mo, d, h, mi, s);
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * Parses the Date header. HTTP's preferred IMF-fixdate (`Sun, 30 Aug 2015 12:36:00 GMT`, what botocore
 * writes) and, as some clients put it there, the basic format. The day name is not cross-checked.
 */
export const parseHttpDate = (text: string): Date | undefined => {
  const m = IMF_FIXDATE.exec(text);
  if (m === null) return parseAmzDate(text);
  const month = MONTHS.indexOf(m[2]!) + 1;
  if (month === 0) return undefined;
  return utc(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
};
