// ARN shapes the validator needs: splitting a pattern into its six components (§2.2) and recognising the
// principal ARNs IAM accepts in a Principal element (§2.3, §6.2).

import { splitArn as splitComponents } from '../match/index.js';

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon; may itself contain ":" and "/". */
  readonly resource: string;
}

/** Splits at the first five colons; undefined unless the text starts with "arn:" and has all six components. */
export function splitArn(text: string): ArnParts | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = splitComponents(text);
  if (parts === undefined) return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts[5]! };
}

/** Offset just past the fifth colon (where the resource component starts), or -1 when there are fewer. */
export function resourceOffset(text: string): number {
  const parts = splitComponents(text);
  return parts === undefined ? -1 : text.length - parts[5]!.length;
}

const PARTITION = 'aws(?:-[a-z0-9]+)*';
const NAME = '[\\w+=,.@-]+';

/** Account root, user (with path) or role (with path): `arn:aws:iam::ACCT:root|user/…|role/…`. */
const IAM_PRINCIPAL_ARN = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:(?:root|user/(?:${NAME}/)*${NAME}|role/(?:${NAME}/)*${NAME})$`);
/** Role session or federated-user session: the role path is not part of a session ARN (§6.2). */
const STS_PRINCIPAL_ARN = new RegExp(`^arn:${PARTITION}:sts::\\d{12}:(?:assumed-role/${NAME}/${NAME}|federated-user/${NAME})$`);
const FEDERATED_PROVIDER_ARN = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:(?:oidc-provider/\\S+|saml-provider/[\\w.-]+)$`);
/** User and role unique ids (§6.1): prefix + uppercase letters and digits, 16–128 characters in all. */
const PRINCIPAL_UNIQUE_ID = /^(?:AIDA|AROA)[A-Z0-9]{12,124}$/;
const ACCOUNT_ID = /^\d{12}$/;
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export const isAccountId = (value: string): boolean => ACCOUNT_ID.test(value);

/** What an `"AWS"` principal entry may be: account id, IAM/STS principal ARN, or a user/role unique id. */
export const isAwsPrincipal = (value: string): boolean =>
  ACCOUNT_ID.test(value) || IAM_PRINCIPAL_ARN.test(value) || STS_PRINCIPAL_ARN.test(value) || PRINCIPAL_UNIQUE_ID.test(value);

/** What a `"Federated"` entry may be: an IAM OIDC/SAML provider ARN, or a web identity provider's host name. */
export const isFederatedPrincipal = (value: string): boolean =>
  FEDERATED_PROVIDER_ARN.test(value) || HOST_NAME.test(value);

/** Service principals are `name.amazonaws.com` (or `.amazonaws.com.cn` in the China partition). */
export const isServicePrincipal = (value: string): boolean => /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/.test(value);
