// GetWebIdentityToken: a JSON Web Token, signed with the account's outbound-federation key, that tells an
// external service who the caller is. Standard claims (iss, aud, sub, iat, exp, jti) and AWS's own under the
// "https://sts.amazonaws.com/" namespace: the account, the request's region, the principal's ARN and tags, and
// the request's tags. Allowed by sts:GetWebIdentityToken (with sts:IdentityTokenAudience, sts:DurationSeconds
// and sts:SigningAlgorithm in the context) and, when Tags are passed, sts:TagGetWebIdentityToken.

import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { AwsError } from '../../domain/index.js';
import { callerArn, type Caller } from '../access/caller.js';
import { principalTags } from '../iam/authorizer.js';
import type { IamHandler } from '../iam/index.js';
import {
  enabledFederation,
  signingKeyFor,
  TOKEN_SIGNING_ALGORITHMS,
  type TokenSigningAlgorithm,
} from '../iam/outbound-federation.js';
import { requestTagContext } from '../iam/tags.js';
import { readSessionTags } from './session-tags.js';

export const DEFAULT_TOKEN_SECONDS = 300;
export const AWS_CLAIMS_NAMESPACE = 'https://sts.amazonaws.com/';

/** The ARN a token names: a role session is named by its role (AWS's sample token and API reference). */
const subjectArn = (caller: Caller): string => (caller.kind === 'role-session' ? caller.roleArn : callerArn(caller));

const isAlgorithm = (value: string): value is TokenSigningAlgorithm => (TOKEN_SIGNING_ALGORITHMS as readonly string[]).includes(value);

const getWebIdentityToken: IamHandler = async (ctx, input) => {
  const audiences = input.Audience as string[];
  const duration = (input.DurationSeconds as number | undefined) ?? DEFAULT_TOKEN_SECONDS;
  const algorithm = input.SigningAlgorithm as string;
  if (!isAlgorithm(algorithm)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${algorithm}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [${TOKEN_SIGNING_ALGORITHMS.join(', ')}]`,
    );
  }
  // Request tags follow session tags' rules: keys compare without case, none may start with "aws:" (§5.7).
  const tags = readSessionTags(input, {}, false).passed;
  const context = {
    'sts:IdentityTokenAudience': audiences,
    'sts:DurationSeconds': duration,
    'sts:SigningAlgorithm': algorithm,
    ...requestTagContext(tags),
  };
  ctx.authorize({ action: 'sts:GetWebIdentityToken', resource: '*', context });
  if (tags.length > 0) ctx.authorize({ action: 'sts:TagGetWebIdentityToken', resource: '*', context });

  const federation = enabledFederation(ctx);
  if (federation === undefined) {
    throw new AwsError(
      'OutboundWebIdentityFederationDisabledException',
      'Outbound identity federation is disabled for this account. Enable it with EnableOutboundWebIdentityFederation.',
    );
  }
  const issuedAt = Math.floor(ctx.now.getTime() / 1000);
  const expiresAt = issuedAt + duration;
  // A token may not outlive the temporary credentials that asked for it (unverified: AWS names the error only).
  const session = ctx.caller.session;
  if (session !== undefined && expiresAt * 1000 > session.expiresAt) {
    throw new AwsError(
      'SessionDurationEscalationException',
      `The requested DurationSeconds (${duration}) would let the token outlive the credentials that requested it, which expire at ${new Date(session.expiresAt).toISOString()}.`,
    );
  }

  const arn = subjectArn(ctx.caller);
  const ownTags = Object.fromEntries(principalTags(ctx.state, ctx.caller));
  const awsClaims = {
    aws_account: ctx.account,
    source_region: ctx.region,
    principal_id: arn,
    ...(Object.keys(ownTags).length > 0 && { principal_tags: ownTags }),
    ...(tags.length > 0 && { request_tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])) }),
  };
  const { kid, privateKey } = signingKeyFor(federation, algorithm, ctx.secrets);
  const token = await new SignJWT({ [AWS_CLAIMS_NAMESPACE]: awsClaims })
    .setProtectedHeader({ alg: algorithm, kid, typ: 'JWT' })
    .setIssuer(federation.issuer)
    .setAudience(audiences.length === 1 ? audiences[0]! : audiences)
    .setSubject(arn)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(privateKey);
  return { WebIdentityToken: token, Expiration: new Date(expiresAt * 1000) };
};

export const WEB_IDENTITY_TOKEN_OPERATIONS: Readonly<Record<string, IamHandler>> = {
  GetWebIdentityToken: getWebIdentityToken,
};
