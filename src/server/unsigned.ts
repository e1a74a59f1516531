// Runs the STS operations AWS serves unsigned (§7.4: AssumeRoleWithWebIdentity, AssumeRoleWithSAML). There
// is no caller to authenticate or authorize: the identity provider's token is the credential and the role's
// trust policy decides, so the operation gets the node's state and the request's facts only.

import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { AwsError, type SecretBox } from '../domain/index.js';
import { readOperationInput, resolveOperation, writeOperationOutput, type QueryRequest, type ServiceModel } from '../protocol/index.js';
import { UNSIGNED_STS_OPERATIONS, type ManagedCatalogue } from '../services/index.js';
import type { Snapshot } from '../state/index.js';
import type { Store } from '../store/index.js';
import type { IssuerKeys, KeyRing } from '../sts/index.js';
import type { ServerConfig } from './config.js';
import type { ServerMetrics } from './metrics.js';

/** What of the request handler's dependencies an unsigned call uses: no authorizer, no credential resolver. */
export interface UnsignedRunnerDeps {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly state: Snapshot;
  readonly secrets: SecretBox;
  readonly catalogue: ManagedCatalogue;
  readonly keyRing: KeyRing;
  readonly issuerKeys: IssuerKeys;
  readonly metrics: ServerMetrics;
  readonly log: Logger;
}

/** Unsigned requests name no region; STS's global endpoint signs as us-east-1 (§5.12). */
const UNSIGNED_REGION = 'us-east-1';

/** The response body of one unsigned STS call; AWS errors are thrown for the caller to encode. */
export const runUnsignedSts = async (
  deps: UnsignedRunnerDeps,
  model: ServiceModel,
  decoded: QueryRequest,
  req: IncomingMessage,
  sourceIp: string,
  requestId: string,
): Promise<string> => {
  const lookup = resolveOperation(model, decoded.action, decoded.version);
  if (!lookup.ok) throw new AwsError(lookup.code, lookup.message);
  const name = lookup.operation.name;
  const handler = UNSIGNED_STS_OPERATIONS[name];
  // Any other operation needs a signature.
  if (handler === undefined) throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
  const input = readOperationInput(model, name, decoded.params);
  if (!input.ok) throw new AwsError(input.code, input.message);
  const now = deps.config.clock?.() ?? new Date();
  const output = await handler(
    {
      state: deps.state,
      store: deps.store,
      secrets: deps.secrets,
      catalogue: deps.catalogue,
      keyRing: deps.keyRing,
      now,
      facts: {
        sourceIp,
        userAgent: String(req.headers['user-agent'] ?? ''),
        isSecureTransport: deps.config.tls !== undefined,
        region: UNSIGNED_REGION,
        now,
      },
      issuerKeys: deps.issuerKeys,
      enforcement: deps.config.enforcement,
      onSoftDenial: (denial) => {
        deps.metrics.denials.inc({ mode: 'soft' });
        deps.log.warn({ caller: denial.caller, action: denial.action, resource: denial.resource, decision: denial.decision }, 'soft enforcement: this request would have been denied');
      },
    },
    input.input,
  );
  return writeOperationOutput(model, name, output, requestId);
};
