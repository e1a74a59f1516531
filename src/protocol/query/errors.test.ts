// The error envelope (§8.3) as botocore parses it: code, message, Sender/Receiver and request id.

import { describe, expect, it } from 'vitest';
import { INTERNAL_FAILURE_MESSAGE } from '../errors/registry.js';
import { serviceModel } from '../models/index.js';
import { botocore } from '../test-support/botocore.js';
import { writeErrorResponse } from './errors.js';

const REQUEST_ID = '689b4496-ca92-11e5-9a31-4932678efe5c';

describe('writeErrorResponse', () => {
  it('writes the ErrorResponse envelope in the service namespace', () => {
    const response = writeErrorResponse(serviceModel('iam'), { code: 'NoSuchEntity', message: 'The role with name Foo cannot be found.' }, REQUEST_ID);
    expect(response).toEqual({
      status: 404,
      body:
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>' +
        `<Message>The role with name Foo cannot be found.</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
    });
  });

  it('is read by botocore as the modelled error, with the message intact', () => {
    const cases = [
      { service: 'iam', operation: 'GetRole', code: 'NoSuchEntity', message: 'The role with name <Foo & "Bar"> cannot be found.' },
      { service: 'iam', operation: 'CreateUser', code: 'ValidationError', message: "1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+" },
      { service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', message: 'User: arn:aws:iam::123456789012:user/a is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/r' },
      { service: 'sts', operation: 'AssumeRoleWithWebIdentity', code: 'ExpiredTokenException', message: 'Token expired: current date/time 1 must be before the expiration date/time 0' },
      { service: 'iam', operation: 'GetUser', code: 'ServiceFailure', message: 'Try again.' },
    ] as const;
    const responses = cases.map((c) => writeErrorResponse(serviceModel(c.service), c, REQUEST_ID));
    const parsed = botocore(
      cases.map((c, i) => ({ kind: 'parse' as const, service: c.service, operation: c.operation, body: responses[i]!.body, status: responses[i]!.status })),
    );
    cases.forEach((c, i) => {
      const type = responses[i]!.status >= 500 ? 'Receiver' : 'Sender';
      expect(parsed[i]).toEqual({ Error: { Type: type, Code: c.code, Message: c.message }, ResponseMetadata: { RequestId: REQUEST_ID } });
    });
    expect(responses.map((r) => r.status)).toEqual([404, 400, 403, 400, 500]);
  });

  it('hides everything about an unregistered error: InternalFailure 500 with the generic text', () => {
    const response = writeErrorResponse(serviceModel('sts'), { code: 'SqliteError', message: 'SQLITE_BUSY: database is locked at /var/lib/keycard' }, REQUEST_ID);
    expect(response.status).toBe(500);
    expect(response.body).toContain('<Type>Receiver</Type><Code>InternalFailure</Code>');
    expect(response.body).toContain(`<Message>${INTERNAL_FAILURE_MESSAGE}</Message>`);
    expect(response.body).not.toContain('SQLITE');
    expect(response.body).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
  });
});
