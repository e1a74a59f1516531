// The error registry (§5.11, §6.5, §7.5, §8.3) holds every error the IAM and STS models declare, with the
// models' codes and statuses, plus the common Query errors; anything else is InternalFailure 500.

import { describe, expect, it } from 'vitest';
import { serviceModel, type ServiceName } from '../models/index.js';
import { botocore } from '../test-support/botocore.js';
import { COMMON_ERRORS, errorRegistry, errorWire } from './registry.js';

const SERVICES: readonly ServiceName[] = ['iam', 'sts'];

function exceptionShapes(service: ServiceName) {
  return [...serviceModel(service).shapes].flatMap(([name, shape]) =>
    shape.type === 'structure' && shape.exception === true ? [{ name, shape }] : [],
  );
}

describe('error registry', () => {
  it.each(SERVICES)('holds every %s model error with the modelled code, status and fault', (service) => {
    const shapes = exceptionShapes(service);
    expect(shapes.length).toBeGreaterThan(10);
    for (const { name, shape } of shapes) {
      const code = shape.error?.code ?? name;
      const wire = errorRegistry().get(code);
      expect(wire, code).toBeDefined();
      expect(wire!.httpStatus, code).toBe(shape.error?.httpStatusCode ?? 400);
      if (shape.error?.senderFault === true) expect(wire!.type, code).toBe('Sender');
      if (wire!.httpStatus >= 500) expect(wire!.type, code).toBe('Receiver');
    }
  });

  it.each(SERVICES)('uses codes botocore maps to the modelled %s exception classes', (service) => {
    const shapes = exceptionShapes(service);
    const names = botocore(shapes.map(({ name, shape }) => ({ kind: 'exceptionName' as const, service, code: shape.error?.code ?? name })));
    expect(names).toEqual(shapes.map(({ name }) => name));
  });

  it('has the statuses of the reference tables for the codes services rely on', () => {
    const expected: Record<string, [number, 'Sender' | 'Receiver']> = {
      // §6.5
      NoSuchEntity: [404, 'Sender'],
      EntityAlreadyExists: [409, 'Sender'],
      LimitExceeded: [409, 'Sender'],
      DeleteConflict: [409, 'Sender'],
      MalformedPolicyDocument: [400, 'Sender'],
      InvalidInput: [400, 'Sender'],
      UnmodifiableEntity: [400, 'Sender'],
      ServiceFailure: [500, 'Receiver'],
      ReportNotPresent: [410, 'Sender'],
      // §5.11
      PackedPolicyTooLarge: [400, 'Sender'],
      RegionDisabledException: [403, 'Sender'],
      ExpiredTokenException: [400, 'Sender'],
      IDPRejectedClaim: [403, 'Sender'],
      InvalidIdentityToken: [400, 'Sender'],
      // §7.3, §7.5
      AccessDenied: [403, 'Sender'],
      ExpiredToken: [403, 'Sender'],
      InvalidClientTokenId: [403, 'Sender'],
      SignatureDoesNotMatch: [403, 'Sender'],
      IncompleteSignature: [400, 'Sender'],
      MissingAuthenticationToken: [403, 'Sender'],
      InvalidAction: [400, 'Sender'],
      MissingAction: [400, 'Sender'],
      ValidationError: [400, 'Sender'],
      MalformedQueryString: [404, 'Sender'],
      Throttling: [400, 'Sender'],
      InternalFailure: [500, 'Receiver'],
      ServiceUnavailable: [503, 'Receiver'],
    };
    for (const [code, [httpStatus, type]] of Object.entries(expected)) {
      expect(errorWire(code), code).toEqual({ code, httpStatus, type });
    }
  });

  it('walks every entry: codes are unique keys, statuses are HTTP errors, type follows the status', () => {
    expect(errorRegistry().size).toBeGreaterThanOrEqual(COMMON_ERRORS.length + 40);
    for (const [code, wire] of errorRegistry()) {
      expect(wire.code).toBe(code);
      expect(wire.httpStatus).toBeGreaterThanOrEqual(400);
      expect(wire.httpStatus).toBeLessThan(600);
      expect(wire.type).toBe(wire.httpStatus >= 500 ? 'Receiver' : 'Sender');
    }
    for (const common of COMMON_ERRORS) expect(errorRegistry().get(common.code)?.httpStatus).toBe(common.httpStatus);
  });

  it('answers codes nobody registered as InternalFailure 500', () => {
    for (const code of ['', 'NoSuchThing', 'TypeError', 'constructor', '__proto__', 'nosuchentity']) {
      expect(errorWire(code)).toEqual({ code: 'InternalFailure', httpStatus: 500, type: 'Receiver' });
    }
  });
});
