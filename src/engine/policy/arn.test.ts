// Tests for ARN splitting and principal recognition (§2.2, §2.3, §6.2).

import { describe, expect, it } from 'vitest';
import { isAwsPrincipal, isFederatedPrincipal, isServicePrincipal, resourceOffset, splitArn } from './arn.js';

describe('splitArn', () => {
  it('splits at the first five colons; the resource keeps the rest', () => {
    expect(splitArn('arn:aws:sqs:us-east-1:123456789012:queue:with:colons')).toEqual({
      partition: 'aws', service: 'sqs', region: 'us-east-1', account: '123456789012', resource: 'queue:with:colons',
    });
    expect(splitArn('arn:aws:s3:::')).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: '' });
  });

  it('refuses text with fewer than six components or another prefix', () => {
    expect(splitArn('arn:aws:s3::bucket')).toBeUndefined();
    expect(splitArn('urn:aws:s3:::bucket')).toBeUndefined();
    expect(resourceOffset('arn:aws:s3:::b')).toBe(13);
    expect(resourceOffset('arn:aws')).toBe(-1);
  });
});

describe('principal forms', () => {
  it.each([
    '123456789012',
    'arn:aws:iam::123456789012:root',
    'arn:aws:iam::123456789012:user/division/team/JaneDoe',
    'arn:aws-us-gov:iam::123456789012:role/service-role/R',
    'arn:aws:sts::123456789012:assumed-role/Role/session@example.com',
    'arn:aws:sts::123456789012:federated-user/Bob',
    'AIDAJQABLZS4A3QDU576Q',
    'AROAEXAMPLEID1234567',
  ])('accepts AWS %s', (value) => expect(isAwsPrincipal(value)).toBe(true));

  it.each([
    '12345678901',
    'arn:aws:iam::123456789012:group/admins',
    'arn:aws:iam:us-east-1:123456789012:root',
    'arn:aws:sts::123456789012:assumed-role/Role',
    'arn:aws::iam::123456789012:role/X',
    'AKIAIOSFODNN7EXAMPLE',
    'aidajqablzs4a3qdu576q',
  ])('refuses AWS %s', (value) => expect(isAwsPrincipal(value)).toBe(false));

  it('recognises federated providers and service names', () => {
    expect(isFederatedPrincipal('arn:aws:iam::123456789012:saml-provider/Okta')).toBe(true);
    expect(isFederatedPrincipal('arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC')).toBe(true);
    expect(isFederatedPrincipal('cognito-identity.amazonaws.com')).toBe(true);
    expect(isFederatedPrincipal('arn:aws:iam::123456789012:role/R')).toBe(false);
    expect(isFederatedPrincipal('not a host')).toBe(false);
    expect(isServicePrincipal('lambda.amazonaws.com')).toBe(true);
    expect(isServicePrincipal('states.cn-north-1.amazonaws.com.cn')).toBe(true);
    expect(isServicePrincipal('lambda.example.com')).toBe(false);
  });
});
