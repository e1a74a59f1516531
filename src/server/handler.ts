// One AWS API request: admin paths aside, authenticate (SigV4 against the snapshot's credentials), decode
// the Query protocol, run the service operation with the caller's authorizer, and encode the response or
// the AWS error envelope. Unknown failures become InternalFailure with no detail, logged by request id.

import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AwsError, type SecretBox } from '../domain/index.js';
import {
  decodeQueryRequest,
  findOperation,
  isUnsignedOperation,
  readOperationInput,
  resolveOperation,
  serviceModel,
  writeErrorResponse,
  writeOperationOutput,
  type ServiceModel,
} from '../protocol/index.js';
import {
  checkCredentialScope,
  IAM_OPERATIONS,
  STS_OPERATIONS,
  type Authorizer,
  type IamContext,
  type IamHandler,
  type ManagedCatalogue,
  type RequestFacts,
} from '../services/index.js';
import { parseSignature, SigningKeyCache, verifySignature } from '../sigv4/index.js';
import type { Snapshot } from '../state/index.js';
import type { Store } from '../store/index.js';
import type { IssuerKeys, KeyRing } from '../sts/index.js';
import { handleAdmin } from './admin.js';
import { BodyTooLargeError, readBody } from './body.js';
import type { ServerConfig } from './config.js';
import type { CredentialResolver } from './credentials.js';
import type { AccessKeyUsage } from './key-usage.js';
import type { ServerMetrics } from './metrics.js';
import { runUnsignedSts } from './unsigned.js';

export interface HandlerDeps {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly state: Snapshot;
  readonly secrets: SecretBox;
  readonly catalogue: ManagedCatalogue;
  readonly authorizer: Authorizer;
  readonly credentials: CredentialResolver;
  readonly keyUsage: AccessKeyUsage;
  readonly keyRing: KeyRing;
  /** OIDC issuers' signing keys, cached per node, for AssumeRoleWithWebIdentity. */
  readonly issuerKeys: IssuerKeys;
  readonly metrics: ServerMetrics;
  readonly log: Logger;
  readonly reset: () => Promise<void>;
  /** Where clients reach this node (known once it listens). */
  readonly publicUrl: () => string;
}

type ServiceName = 'iam' | 'sts';

const SERVICES: Record<ServiceName, { readonly model: ServiceModel; readonly operations: Readonly<Record<string, IamHandler>> }> = {
  iam: { model: serviceModel('iam'), operations: IAM_OPERATIONS },
  sts: { model: serviceModel('sts'), operations: STS_OPERATIONS },
};

const clientIp = (req: IncomingMessage): string => {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
};

/** The request target's path and query, exactly as sent (signatures cover them undecoded). */
const splitTarget = (url: string | undefined): { path: string; query: string } => {
  const target = url ?? '/';
  const queryStart = target.indexOf('?');
  return queryStart < 0 ? { path: target, query: '' } : { path: target.slice(0, queryStart), query: target.slice(queryStart + 1) };
};

const sha256Hex = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

export const createRequestHandler = (deps: HandlerDeps) => {
  const signingKeys = new SigningKeyCache(1000);
  const { log, metrics } = deps;

  const send = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const sendError = (res: ServerResponse, model: ServiceModel, requestId: string, code: string, message: string): string => {
    const { status, body } = writeErrorResponse(model, { code, message }, requestId);
    send(res, status, body);
    return code;
  };

  /** Runs one AWS API call and returns the result code for metrics ("OK" or the error code). */
  const handleApi = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<[string, string, string]> => {
    let model = SERVICES.iam.model;
    let serviceName: ServiceName = 'iam';
    let action = '-';
    try {
      const body = await readBody(req, deps.config.maxBodyBytes);
      // Signatures cover the path and query exactly as sent, and each repeated header separately.
      const { path: rawPath, query: rawQuery } = splitTarget(req.url);
      // One header view for everything: Node builds req.headers and req.headersDistinct separately, on demand.
      const headers = req.headersDistinct;
      const method = req.method ?? 'GET';
      const signedRequest = { method, path: rawPath, query: rawQuery, headers };
      const signature = parseSignature(signedRequest);
      const decoded = decodeQueryRequest(method, headers['content-type']?.[0] ?? '', body.toString('utf8'), rawQuery);
      action = decoded.action ?? '-';

      // AssumeRoleWithWebIdentity / AssumeRoleWithSAML: the IdP's token is the credential; they are served
      // unsigned, and a signature, if a client sends one, is ignored (§7.4).
      const stsOperation = decoded.action === undefined ? undefined : findOperation(SERVICES.sts.model, decoded.action);
      const isUnsignedSts = stsOperation !== undefined && isUnsignedOperation(stsOperation);
      if (isUnsignedSts && (signature.kind !== 'signed' || signature.scope.service === 'sts')) {
        serviceName = 'sts';
        model = SERVICES.sts.model;
        send(res, 200, await runUnsignedSts(deps, model, decoded, req, clientIp(req), requestId));
        return [serviceName, action, 'OK'];
      }

      if (signature.kind === 'signed') {
        const service = signature.scope.service;
        if (service !== 'iam' && service !== 'sts') {
          return ['-', action, sendError(res, model, requestId, 'InvalidAction', `Keycard does not serve the ${service} service.`)];
        }
        serviceName = service;
      }
      const service = SERVICES[serviceName];
      model = service.model;

      if (signature.kind === 'error') return [serviceName, action, sendError(res, model, requestId, signature.code, signature.message)];
      if (signature.kind === 'unsigned') {
        return [serviceName, action, sendError(res, model, requestId, 'MissingAuthenticationToken', 'Request is missing Authentication Token')];
      }
      const now = deps.config.clock?.() ?? new Date();
      const resolved = await deps.credentials.resolve(signature.accessKeyId, signature.securityToken, now);
      if (!resolved.ok) return [serviceName, action, sendError(res, model, requestId, resolved.code, resolved.message)];
      const verified = verifySignature(signedRequest, signature, {
        secretAccessKey: resolved.secretAccessKey,
        payloadSha256Hex: sha256Hex(body),
        now,
        expectedService: serviceName,
        signingKeys,
      });
      if (!verified.ok) return [serviceName, action, sendError(res, model, requestId, verified.code, verified.message)];
      if (signature.securityToken === undefined) deps.keyUsage.record(signature.accessKeyId, serviceName, signature.scope.region, now);

      const lookup = resolveOperation(model, decoded.action, decoded.version);
      if (!lookup.ok) return [serviceName, action, sendError(res, model, requestId, lookup.code, lookup.message)];
      const operationName = lookup.operation.name;
      const handler = service.operations[operationName];
      if (handler === undefined) {
        const message = `Keycard does not implement ${serviceName}:${operationName} yet.`;
        return [serviceName, action, sendError(res, model, requestId, 'NotImplemented', message)];
      }
      const input = readOperationInput(model, operationName, decoded.params);
      if (!input.ok) return [serviceName, action, sendError(res, model, requestId, input.code, input.message)];

      const facts: RequestFacts = {
        sourceIp: clientIp(req),
        userAgent: headers['user-agent']?.[0] ?? '',
        isSecureTransport: deps.config.tls !== undefined,
        region: signature.scope.region,
        now,
      };
      const caller = resolved.caller;
      const ctx: IamContext = {
        account: caller.account,
        caller,
        state: deps.state,
        store: deps.store,
        secrets: deps.secrets,
        catalogue: deps.catalogue,
        keyRing: deps.keyRing,
        now,
        region: signature.scope.region,
        publicUrl: deps.publicUrl(),
        authorize: (check) => deps.authorizer.authorize(caller, facts, check),
        write: async (fn) => {
          const result = await deps.store.transaction(caller.account, fn);
          await deps.state.catchUp(); // read-your-writes on this node
          return result;
        },
      };
      checkCredentialScope(ctx, serviceName, operationName); // what temporary credentials may call (§5.3)
      const output = await handler(ctx, input.input);
      send(res, 200, writeOperationOutput(model, operationName, output ?? {}, requestId));
      return [serviceName, action, 'OK'];
    } catch (error) {
      if (error instanceof AwsError) {
        if (error.code === 'AccessDenied') metrics.denials.inc({ mode: 'enforced' });
        return [serviceName, action, sendError(res, model, requestId, error.code, error.message)];
      }
      if (error instanceof BodyTooLargeError) {
        return [serviceName, action, sendError(res, model, requestId, 'RequestEntityTooLarge', error.message)];
      }
      log.error({ err: error, requestId, action }, 'internal failure');
      return [serviceName, action, sendError(res, model, requestId, 'InternalFailure', 'We encountered an internal error. Please try again.')];
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader('x-amzn-RequestId', requestId);
    const { path } = splitTarget(req.url);
    if (path.startsWith('/_keycard/')) {
      handleAdmin(req, res, path, {
        metrics,
        allowReset: deps.config.allowReset,
        reset: deps.reset,
        account: deps.config.accountId,
        state: deps.state,
      }).catch((error: unknown) => {
        log.error({ err: error, requestId }, 'admin request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    handleApi(req, res, requestId).then(([service, action, code]) => {
      metrics.recordRequest(service, action, code, (performance.now() - started) / 1000);
      if (log.isLevelEnabled('debug')) log.debug({ requestId, service, action, code }, 'request');
    }, (error: unknown) => log.error({ err: error, requestId }, 'request failed'));
  };
};
