// Session policies (§5.6): the inline `Policy` (validated as a session policy), up to 10 managed `PolicyArns`
// of the session's account, and the packed size that policies, ARNs and session tags take (§1.4, §5.2).

import { deflateRawSync } from 'node:zlib';
import { checkPolicy } from '../../engine/index.js';
import { AwsError, malformedPolicy, validationError } from '../../domain/index.js';
import type { IamContext } from '../iam/index.js';
import { managedDocument } from '../iam/principal-policies.js';

/** Plaintext of the inline policy (§1.4: the service enforces 2,048 even where the model sets no maximum). */
export const MAX_SESSION_POLICY_LENGTH = 2048;
export const MAX_POLICY_ARNS = 10;

/**
 * The packed-size budget, in deflated bytes. AWS does not publish its packing; Keycard deflates (raw, level 9)
 * the minified policy, the ARNs and the tags, and measures them against a budget that the worst case of a
 * 2,048-character policy with no tags (an incompressible text, stored: 2,048 + 5 bytes) fills to just under
 * 100 %. Typical policies therefore use a fraction; many long session tags are what overflow it, as on AWS.
 */
export const PACKED_BUDGET_BYTES = 2080;

export interface SessionPolicies {
  readonly policy?: string;
  readonly policyArns: readonly string[];
}

/** Reads and checks Policy and PolicyArns; ARNs must name managed policies the session's account can use. */
export const readSessionPolicies = (ctx: Pick<IamContext, 'state' | 'catalogue'>, input: Record<string, unknown>, account: string): SessionPolicies => {
  const policy = input.Policy as string | undefined;
  if (policy !== undefined) {
    if (policy.length > MAX_SESSION_POLICY_LENGTH) {
      throw validationError(
        `1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SESSION_POLICY_LENGTH}`,
      );
    }
    const { policy: parsed, diagnostics } = checkPolicy(policy, 'session', { sizeLimit: MAX_SESSION_POLICY_LENGTH });
    if (parsed === undefined) throw malformedPolicy(diagnostics.find((d) => d.severity === 'error')?.message ?? 'Syntax errors in policy.');
  }
  const descriptors = Array.isArray(input.PolicyArns) ? (input.PolicyArns as Array<{ arn?: string }>) : [];
  if (descriptors.length > MAX_POLICY_ARNS) {
    throw validationError(
      `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_ARNS}`,
    );
  }
  const policyArns = descriptors.map((d) => d.arn ?? '');
  for (const arn of policyArns) {
    if (managedDocument(ctx.state, ctx.catalogue, account, arn) === undefined) {
      throw malformedPolicy(`Policy ${arn} does not exist or is not attachable.`);
    }
  }
  return { ...(policy !== undefined && { policy }), policyArns };
};

/** Whitespace outside strings does not count (§1.4); a document that parsed is re-serialised minified. */
const minified = (policy: string): string => {
  try {
    return JSON.stringify(JSON.parse(policy));
  } catch {
    return policy;
  }
};

/** PackedPolicySize: the integer percentage of the budget used (§5.2). */
export const packedPolicySize = (policies: SessionPolicies, tags: Readonly<Record<string, string>>): number => {
  const parts: Buffer[] = [];
  // Policy text is limited to U+0000–U+00FF, one byte each; tags may hold any letter.
  if (policies.policy !== undefined) parts.push(Buffer.from(minified(policies.policy), 'latin1'));
  for (const arn of policies.policyArns) parts.push(Buffer.from(arn, 'utf8'));
  for (const [key, value] of Object.entries(tags)) parts.push(Buffer.from(`${key}=${value}`, 'utf8'));
  if (parts.length === 0) return 0;
  const separated = parts.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from([0]), part]));
  const packed = deflateRawSync(Buffer.concat(separated), { level: 9 }).length;
  return Math.ceil((packed * 100) / PACKED_BUDGET_BYTES);
};

/** Fails with PackedPolicyTooLarge above 100 % (§5.11). */
export const requirePackedSize = (size: number): void => {
  if (size > 100) throw new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${size}% of allotted space, please use smaller policy.`);
};
