// Encoded authorization failure messages (DESIGN decision 9): every AccessDenied carries the decision trace,
// sealed under the master key, that DecodeAuthorizationMessage turns back into JSON (§5.1, the form EC2 uses).

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ContextValueInput, Decision, Explanation } from '../../engine/index.js';
import { AwsError, type SecretBox } from '../../domain/index.js';

/** What a denial is about: the request, and the engine's decision when the engine made it. */
export interface DenialTrace {
  readonly principal: { readonly id: string; readonly arn: string; readonly account: string };
  readonly action: string;
  readonly resource: string;
  /** The context values the request carried (explicit and derived keys). */
  readonly context: Readonly<Record<string, ContextValueInput>>;
  /** The engine's decision with its explanation; absent for denials decided before evaluation. */
  readonly decision?: Decision;
  /** Why, for denials the engine did not make (credential-type rules, MFA, unknown roles). */
  readonly reason?: string;
}

/** The model's EncodedMessage limit (§5.1): a message must fit to be decodable. */
export const MAX_ENCODED_MESSAGE_LENGTH = 10_240;

export const ENCODED_MESSAGE_MARKER = ' Encoded authorization failure message: ';

type Detail = 'full' | 'failures' | 'summary';

/** Statements that applied and statements that did not (with why), as AWS's decoded message lists them. */
const statements = (explanation: Explanation | undefined, detail: Detail) => {
  const matched: unknown[] = [];
  const failures: unknown[] = [];
  for (const policy of explanation?.policies ?? []) {
    for (const st of policy.statements) {
      const ref = { policyType: policy.type, policyName: policy.name, statementIndex: st.index, ...(st.sid !== undefined && { sid: st.sid }), effect: st.effect };
      if (st.applies) matched.push(ref);
      else if (detail !== 'summary') failures.push({ ...ref, failures: st.failures });
    }
  }
  return { matched, failures };
};

/** The decoded message: AWS's top-level members, then Keycard's decision data. */
export const decodedMessage = (trace: DenialTrace, detail: Detail = 'full'): Record<string, unknown> => {
  const { decision } = trace;
  const { matched, failures } = statements(decision?.explanation, detail);
  return {
    allowed: false,
    explicitDeny: decision?.decision === 'ExplicitDeny',
    matchedStatements: { items: matched },
    failures: { items: failures },
    context: {
      principal: trace.principal,
      action: trace.action,
      resource: trace.resource,
      conditions: {
        items: Object.entries(trace.context).map(([key, value]) => ({
          key,
          values: { items: (Array.isArray(value) ? value : [value]).map((v) => ({ value: String(v) })) },
        })),
      },
    },
    ...(decision !== undefined && {
      decision: decision.decision,
      decidedBy: decision.decidedBy,
      reason: decision.reason,
      ...(decision.statement !== undefined && { statement: decision.statement }),
      ...(detail === 'full' && decision.explanation !== undefined && { missingContextKeys: decision.explanation.missingContextKeys }),
    }),
    ...(trace.reason !== undefined && { reason: trace.reason }),
  };
};

const seal = (secrets: SecretBox, message: Record<string, unknown>): string =>
  // Compressed before sealing: traces repeat policy names and keys, and must fit the 10,240-character limit.
  secrets.seal(deflateRawSync(Buffer.from(JSON.stringify(message), 'utf8')).toString('base64'));

/**
 * The sealed trace: SecretBox's AES-256-GCM form (base64url parts), so only this deployment opens it.
 * Less detail is kept when the full trace would not fit the model's limit.
 */
export const encodeTrace = (secrets: SecretBox, trace: DenialTrace): string => {
  let token = '';
  for (const detail of ['full', 'failures', 'summary'] as const) {
    token = seal(secrets, decodedMessage(trace, detail));
    if (token.length <= MAX_ENCODED_MESSAGE_LENGTH) return token;
  }
  return seal(secrets, { ...decodedMessage(trace, 'summary'), context: { principal: trace.principal, action: trace.action, resource: trace.resource } });
};

/** AWS's sentence with the encoded trace appended. */
export const withEncodedMessage = (secrets: SecretBox, message: string, trace: DenialTrace): string =>
  `${message}${ENCODED_MESSAGE_MARKER}${encodeTrace(secrets, trace)}`;

/** An AccessDenied decided outside the engine, explained all the same. */
export const accessDenied = (secrets: SecretBox, message: string, trace: DenialTrace): AwsError =>
  new AwsError('AccessDenied', withEncodedMessage(secrets, message, trace));

const invalidMessage = (): AwsError => new AwsError('InvalidAuthorizationMessageException', 'The encoded authorization message is invalid.');

/** Opens an encoded message; a tampered, truncated or foreign one (or another account's) is invalid. */
export const decodeTrace = (secrets: SecretBox, encoded: string, account: string): Record<string, unknown> => {
  let message: Record<string, unknown>;
  try {
    message = JSON.parse(inflateRawSync(Buffer.from(secrets.open(encoded.trim()), 'base64')).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalidMessage();
  }
  const principal = (message.context as { principal?: { account?: string } } | undefined)?.principal;
  if (principal?.account !== account) throw invalidMessage();
  return message;
};
