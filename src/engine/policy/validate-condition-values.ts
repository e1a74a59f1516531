// Whether a condition value can ever be valid for its operator family (§3.2). IAM stores such values anyway;
// they simply never match, so the validator warns rather than rejects.

import type { ConditionFamily } from './operators.js';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const EPOCH_SECONDS = /^\d+(?:\.\d+)?$/;
/** W3C profile of ISO 8601: a date, optionally with hh:mm[:ss[.fraction]] and a zone (§3.2). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BOOLEAN = /^(?:true|false)$/i;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [month, day, hour = 0, minute = 0, second = 0] = match.slice(2).map((part) => Number(part ?? 0));
  return (
    month !== undefined && month >= 1 && month <= 12 &&
    day !== undefined && day >= 1 && day <= 31 &&
    hour <= 23 && minute <= 59 && second <= 60
  );
}

export function isIpv4(value: string): boolean {
  return isIpv4Between(value, 0, value.length);
}

/** Four dot-separated octets of one to three ASCII digits, each at most 255, in value[start, end). */
function isIpv4Between(value: string, start: number, end: number): boolean {
  let octets = 0;
  let digits = 0;
  let octet = 0;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x2e) {
      if (digits === 0 || octet > 255 || ++octets > 3) return false;
      digits = 0;
      octet = 0;
    } else if (code >= 0x30 && code <= 0x39 && ++digits <= 3) {
      octet = octet * 10 + (code - 0x30);
    } else {
      return false;
    }
  }
  return octets === 3 && digits > 0 && octet <= 255;
}

export function isIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string | undefined): string[] | undefined => (half === undefined || half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  if (head === undefined || tail === undefined) return false;
  const groups = [...head, ...tail];
  let count = 0;
  for (const [i, group] of groups.entries()) {
    // An embedded IPv4 address (::ffff:1.2.3.4) may end the address and counts as two groups.
    if (i === groups.length - 1 && group.includes('.')) {
      if (!isIpv4(group)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

/** An address or CIDR block, IPv4 or IPv6; a bare address means a single host (§3.2). */
export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash >= 0 && value.indexOf('/', slash + 1) >= 0) return false;
  const end = slash < 0 ? value.length : slash;
  const maxPrefix = isIpv4Between(value, 0, end) ? 32 : isIpv6(value.slice(0, end)) ? 128 : -1;
  if (maxPrefix < 0) return false;
  return slash < 0 || isPrefixLength(value, slash + 1, maxPrefix);
}

/** One to three ASCII digits from `start` to the end, at most `max`. */
function isPrefixLength(value: string, start: number, max: number): boolean {
  const length = value.length - start;
  if (length < 1 || length > 3) return false;
  let n = 0;
  for (let i = start; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
    n = n * 10 + (code - 0x30);
  }
  return n <= max;
}

/** Why a value cannot match under this family, or undefined when it is well-formed. */
export function conditionValueProblem(family: ConditionFamily, value: string): string | undefined {
  switch (family) {
    case 'String':
      return undefined;
    case 'Numeric':
      return NUMBER.test(value) ? undefined : 'is not a number';
    case 'Date':
      return isIsoDate(value) || EPOCH_SECONDS.test(value) ? undefined : 'is not an ISO 8601 date or epoch seconds';
    case 'Bool':
    case 'Null':
      return BOOLEAN.test(value) ? undefined : 'is not "true" or "false"';
    case 'Binary':
      return BASE64.test(value) ? undefined : 'is not base64';
    case 'IpAddress':
      return isCidr(value) ? undefined : 'is not an IP address or CIDR block';
    case 'Arn':
      // ARN operators compare six colon-separated components; fewer cannot match anything (§3.2).
      return value === '*' || value.includes('${') || value.split(':').length >= 6
        ? undefined
        : 'is not an ARN (six colon-separated parts)';
  }
}
