// readCallerArn against the regular expressions it replaces, on ARN-shaped text that is often slightly wrong.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCallerArn, type CallerArn } from './caller-arn.js';

const IAM_ARN = /^arn:([^:]+):iam::(\d{12}):(root|user\/(?:.*\/)?([^/]+))$/;
const STS_ARN = /^arn:([^:]+):sts::(\d{12}):(assumed-role\/([^/]+)\/([^/]+)|federated-user\/([^/]+))$/;
const IDP_ARN = /^arn:[^:]+:iam::\d{12}:(oidc-provider|saml-provider)\/.+$/;

/** What the regular expressions say about the text. */
const reference = (text: string): CallerArn | undefined => {
  const iam = IAM_ARN.exec(text);
  if (iam) {
    const [, partition = '', account = '', , name] = iam;
    return name === undefined ? { kind: 'root', partition, account } : { kind: 'user', partition, account, name };
  }
  const sts = STS_ARN.exec(text);
  if (sts) {
    const [, partition = '', account = '', , roleName, sessionName = '', federated = ''] = sts;
    return roleName === undefined
      ? { kind: 'federated-user', partition, account, name: federated }
      : { kind: 'role-session', partition, account, roleName, sessionName };
  }
  const idp = IDP_ARN.exec(text);
  if (idp) return { kind: idp[1] === 'saml-provider' ? 'saml' : 'web-identity' };
  return undefined;
};

/** Usually the valid choice (the first), sometimes one of the near misses. */
const mostly = (valid: string, ...misses: string[]) =>
  fc.oneof({ arbitrary: fc.constant(valid), weight: 6 }, { arbitrary: fc.constantFrom(...misses), weight: 1 });
const piece = fc.constantFrom('a', 'B', '/', ':', '1', '\n', '\u2028', 'x/y', '.', ' ');
const callerArn = fc
  .tuple(
    mostly('arn:', 'arn', 'ar:', ''),
    mostly('aws', 'aws-cn', '', ':', 'a\nb'),
    fc.constantFrom(':iam::', ':sts::', ':iam:', ':s3::', ':iam:::'),
    mostly('123456789012', '12345678901', '1234567890123', '12345678901x', '١٢٣٤٥٦٧٨٩٠١٢'),
    mostly(':', '/', ''),
    fc.constantFrom('root', 'user/', 'assumed-role/', 'federated-user/', 'oidc-provider/', 'saml-provider/', 'role/', 'rooted', ''),
    fc.array(piece, { maxLength: 5 }).map((a) => a.join('')),
  )
  .map((parts) => parts.join(''));

describe('readCallerArn', () => {
  it('accepts exactly what the caller-ARN regular expressions accept, with the same parts', () => {
    fc.assert(
      fc.property(callerArn, (arn) => {
        expect(readCallerArn(arn)).toStrictEqual(reference(arn));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads users with paths, role sessions and federated users', () => {
    expect(readCallerArn('arn:aws:iam::123456789012:user/eng/bob')).toEqual({ kind: 'user', partition: 'aws', account: '123456789012', name: 'bob' });
    expect(readCallerArn('arn:aws-cn:sts::123456789012:assumed-role/R/s')).toEqual({
      kind: 'role-session',
      partition: 'aws-cn',
      account: '123456789012',
      roleName: 'R',
      sessionName: 's',
    });
    expect(readCallerArn('arn:aws:sts::123456789012:federated-user/f')?.kind).toBe('federated-user');
    expect(readCallerArn('arn:aws:iam::123456789012:user/a\n/b')).toBeUndefined();
    expect(readCallerArn('arn:aws:iam::123456789012:saml-provider/x')).toEqual({ kind: 'saml' });
  });
});
