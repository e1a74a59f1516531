import { describe, expect, it } from 'vitest';
import { canonicalUri, normalizePath } from './canonical-uri.js';

describe('normalizePath', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['//', '/'],
    ['/./', '/'],
    ['/example/..', '/'],
    ['/example1/example2/../..', '/'],
    ['/../../a', '/a'],
    ['/./example', '/example'],
    ['//example//', '/example/'],
    ['/a/b/../c/./d/', '/a/c/d/'],
    ['/a/%2E%2E/b', '/a/%2E%2E/b'],
  ])('%j → %j', (path, normalized) => {
    expect(normalizePath(path)).toBe(normalized);
  });
});

describe('canonicalUri', () => {
  it('encodes the wire path again for services other than S3', () => {
    expect(canonicalUri('/2015-03-31/functions/arn%3Aaws%3Alambda', 'lambda')).toBe('/2015-03-31/functions/arn%253Aaws%253Alambda');
    expect(canonicalUri('/example space/', 'service')).toBe('/example%20space/');
  });

  it('is "/" for IAM and STS requests', () => {
    expect(canonicalUri('/', 'iam')).toBe('/');
    expect(canonicalUri('', 'sts')).toBe('/');
  });

  it('encodes S3 paths once and does not normalise them', () => {
    expect(canonicalUri('/bucket/a%20b/../c~d%7E', 's3')).toBe('/bucket/a%20b/../c~d~');
    expect(canonicalUri('//double//slash', 's3')).toBe('//double//slash');
    expect(canonicalUri('/key with space', 's3')).toBe('/key%20with%20space');
  });
});
