// ValidationError texts (§5.11): one problem per failed constraint, AWS's wording, member paths in
// lowerCamelCase, several problems joined with "; " under "N validation errors detected".

import { describe, expect, it } from 'vitest';
import { serviceModel } from '../models/index.js';
import { readOperationInput } from './read-input.js';

const iam = serviceModel('iam');
const sts = serviceModel('sts');

function messageFor(model: typeof iam, operation: string, params: Record<string, string>): string {
  const result = readOperationInput(model, operation, new Map(Object.entries(params)));
  if (result.ok) throw new Error(`expected a ValidationError for ${operation}`);
  expect(result.code).toBe('ValidationError');
  return result.message;
}

describe('readOperationInput validation messages', () => {
  it('reports a string over its maximum length', () => {
    const name = 'a'.repeat(65);
    expect(messageFor(iam, 'CreateUser', { UserName: name })).toBe(
      `1 validation error detected: Value '${name}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  });

  it('reports a pattern mismatch with the model’s own (Java) pattern text', () => {
    expect(messageFor(iam, 'CreateUser', { UserName: 'bad name!' })).toBe(
      "1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
  });

  it('reports an empty string against both its minimum length and its pattern', () => {
    expect(messageFor(iam, 'CreateUser', { UserName: '' })).toBe(
      "2 validation errors detected: Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
  });

  it('reports a value outside the enum with the enum in model order', () => {
    expect(messageFor(iam, 'UpdateAccessKey', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Enabled' })).toBe(
      "1 validation error detected: Value 'Enabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    );
  });

  it('reports integers outside their range', () => {
    expect(messageFor(iam, 'ListUsers', { MaxItems: '0' })).toBe(
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(messageFor(iam, 'ListUsers', { MaxItems: '1001' })).toBe(
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  });

  it('reports a missing required member as null', () => {
    expect(messageFor(iam, 'CreateUser', {})).toBe(
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('names nested members by list position', () => {
    expect(messageFor(iam, 'CreateUser', { UserName: 'a', 'Tags.member.1.Key': 'k', 'Tags.member.2.Key': '', 'Tags.member.2.Value': 'v' })).toBe(
      "3 validation errors detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null; " +
        "Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    );
  });

  it('lists several problems in member order', () => {
    expect(messageFor(sts, 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'a', DurationSeconds: '100' })).toBe(
      "2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        "Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
  });

  it('reports values of the wrong type in the same list, in member order', () => {
    expect(messageFor(iam, 'ListUsers', { PathPrefix: 'no-slash', MaxItems: 'ten' })).toBe(
      "2 validation errors detected: Value 'no-slash' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*; " +
        "Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be an integer",
    );
    expect(messageFor(iam, 'CreatePolicyVersion', { PolicyArn: 'arn:aws:iam::123456789012:policy/p', PolicyDocument: '{}', SetAsDefault: 'yes' })).toBe(
      "1 validation error detected: Value 'yes' at 'setAsDefault' failed to satisfy constraint: Member must be true or false",
    );
  });

  it('names a sensitive member without echoing its value', () => {
    expect(messageFor(sts, 'AssumeRoleWithSAML', { RoleArn: 'arn:aws:iam::123456789012:role/r', PrincipalArn: 'arn:aws:iam::123456789012:saml-provider/p', SAMLAssertion: 'abc' })).toBe(
      "1 validation error detected: Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length greater than or equal to 4",
    );
  });

  it('reports list lengths with the list rendered as Java prints it', () => {
    const params = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`TransitiveTagKeys.member.${i + 1}`, `k${i}`]));
    const message = messageFor(sts, 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'ok', ...params });
    expect(message).toMatch(/^1 validation error detected: Value '\[k0, k1, .*, k50\]' at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to 50$/);
  });

  it('accepts what the model allows, with types converted', () => {
    expect(readOperationInput(iam, 'ListUsers', new Map([['MaxItems', '1000'], ['PathPrefix', '/'], ['Unknown.Param', 'ignored']]))).toEqual({
      ok: true,
      input: { MaxItems: 1000, PathPrefix: '/' },
    });
  });

  it('refuses an operation name the model does not have (the server resolves names first)', () => {
    expect(() => readOperationInput(iam, 'constructor', new Map())).toThrow(/no operation constructor/);
  });
});
