// Size and character limits on policy text (§1.1, §1.4): how each policy type is measured, its quota, and the
// API-level character rule. Measured on the text as submitted, since whitespace matters for some types.

import { lineStartsOf, positionAt } from '../json/index.js';
import type { PolicyType } from './ast.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';

/**
 * How a type's quota counts: 'non-whitespace' counts every character except JSON's insignificant whitespace
 * (the length of the minified document, §1.4); 'all' counts every character as submitted (SCP, RCP).
 */
export type SizeCounting = 'non-whitespace' | 'all';

export interface PolicySizeLimit {
  readonly limit: number;
  readonly counting: SizeCounting;
  /** The IAM quota name AWS puts in its LimitExceeded message, when observed (§1.4). */
  readonly quotaName?: string;
}

/** Per-document limits. Resource-based policies are limited by their own service, so none is set here. */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicyType, PolicySizeLimit | undefined>> = {
  identity: { limit: 6144, counting: 'non-whitespace', quotaName: 'PolicySize' },
  boundary: { limit: 6144, counting: 'non-whitespace', quotaName: 'PolicySize' },
  // Adjustable to 4,096 per account (AssumeRolePolicySizeQuota); callers pass the raised limit.
  trust: { limit: 2048, counting: 'non-whitespace', quotaName: 'ACLSizePerRole' },
  session: { limit: 2048, counting: 'non-whitespace' },
  scp: { limit: 5120, counting: 'all' },
  rcp: { limit: 5120, counting: 'all' },
  resource: undefined,
};

/** IAM's `policyDocumentType` parameter constraint: at most this many characters, whitespace included. */
export const MAX_POLICY_DOCUMENT_LENGTH = 131072;

/** Types whose documents go through IAM/STS API parameters and so obey the character rule (§1.1). */
const IAM_API_TYPES: readonly PolicyType[] = ['identity', 'boundary', 'trust', 'session'];

/** Characters outside the JSON whitespace between tokens: every string character counts, as written. */
export function countNonWhitespace(text: string): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      count++;
      if (ch === 0x5c && i + 1 < text.length) {
        count++;
        i++;
      } else if (ch === 0x22) {
        inString = false;
      }
    } else if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) {
      count++;
      if (ch === 0x22) inString = true;
    }
  }
  return count;
}

/** The size of a document as the quota of its type counts it. */
export function policySize(text: string, type: PolicyType): number {
  return POLICY_SIZE_LIMITS[type]?.counting === 'all' ? text.length : countNonWhitespace(text);
}

function tooLargeMessage(type: PolicyType, limit: number, rule: PolicySizeLimit): string {
  if (rule.quotaName !== undefined) return `Cannot exceed quota for ${rule.quotaName}: ${limit}`;
  const counted = rule.counting === 'all' ? 'characters, whitespace included' : 'non-whitespace characters';
  return `The ${type === 'session' ? 'session policy' : type.toUpperCase()} exceeds ${limit} ${counted}.`;
}

export interface TextCheckOptions {
  /** A raised quota (e.g. a trust policy limit of 4,096) in place of the default. */
  readonly sizeLimit?: number;
  /** False when the text is a re-serialisation rather than what the caller wrote: no line/column then. */
  readonly hasPositions?: boolean;
}

/** What the size and character rules need to know about a text. */
export interface TextMeasure {
  /** Every character, whitespace included. */
  readonly length: number;
  /** As countNonWhitespace counts. */
  readonly nonWhitespace: number;
  /** Offset of the first character outside IAM's allowed set (§1.1), or -1. */
  readonly firstDisallowed: number;
}

/** Measures a text by scanning it; the JSON parser gathers the same figures while parsing (see validate.ts). */
export function measureText(text: string): TextMeasure {
  return { length: text.length, nonWhitespace: countNonWhitespace(text), firstDisallowed: firstDisallowedCharacter(text) };
}

/** Checks the text against the type's size quota, IAM's document length and IAM's character rule. */
export function checkPolicyText(text: string, type: PolicyType, options: TextCheckOptions = {}): Diagnostic[] {
  return checkMeasuredText(text, measureText(text), type, options);
}

/** checkPolicyText for a text already measured. */
export function checkMeasuredText(text: string, measure: TextMeasure, type: PolicyType, options: TextCheckOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const hasPositions = options.hasPositions ?? true;
  const start = hasPositions ? { pointer: '', line: 1, column: 1 } : { pointer: '' };
  const rule = POLICY_SIZE_LIMITS[type];
  if (rule !== undefined) {
    const limit = options.sizeLimit ?? rule.limit;
    const size = rule.counting === 'all' ? measure.length : measure.nonWhitespace;
    if (size > limit) {
      diagnostics.push(diagnostic('policy-too-large', tooLargeMessage(type, limit, rule), start));
    }
  }
  if (!IAM_API_TYPES.includes(type)) return diagnostics;
  if (measure.length > MAX_POLICY_DOCUMENT_LENGTH) {
    const message = `The policy document is ${measure.length} characters long; at most ${MAX_POLICY_DOCUMENT_LENGTH} are accepted.`;
    diagnostics.push(diagnostic('policy-document-too-long', message, start));
  }
  const bad = measure.firstDisallowed;
  if (bad >= 0) {
    const codePoint = text.codePointAt(bad) ?? 0;
    const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    const message = `Policy text may contain only tab, line feed, carriage return and U+0020–U+00FF; found ${name}.`;
    const where = hasPositions ? { pointer: '', ...lineAndColumn(text, bad) } : { pointer: '' };
    diagnostics.push(diagnostic('invalid-character', message, where));
  }
  return diagnostics;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const { line, column } = positionAt(lineStartsOf(text), offset);
  return { line, column };
}

/** The model pattern `[\u0009\u000A\u000D\u0020-\u00FF]+` (§1.1): the offset of the first character outside it, or -1. */
function firstDisallowedCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    const isAllowed = ch === 0x09 || ch === 0x0a || ch === 0x0d || (ch >= 0x20 && ch <= 0xff);
    if (!isAllowed) return i;
  }
  return -1;
}
