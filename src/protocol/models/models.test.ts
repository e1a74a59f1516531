// The generated models load, carry only what the generator keeps, and every pattern in them compiles
// to a RegExp that matches as Java's String.matches() does.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileJavaPattern, isUnsignedOperation, javaPatternToJs, operationNames, serviceModel } from './index.js';

describe('service models', () => {
  it('load with their metadata, including the botocore version they came from', () => {
    expect(serviceModel('iam').metadata).toMatchObject({
      apiVersion: '2010-05-08',
      protocol: 'query',
      xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
      signingName: 'iam',
      serviceId: 'IAM',
    });
    expect(serviceModel('sts').metadata).toMatchObject({ apiVersion: '2011-06-15', signingName: 'sts', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' });
    expect(serviceModel('iam').metadata.botocoreVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('list operations alphabetically and cannot be tricked by prototype names', () => {
    const names = operationNames(serviceModel('sts'));
    expect(names).toContain('AssumeRole');
    expect(names).toEqual([...names].sort());
    expect(operationNames(serviceModel('iam')).length).toBeGreaterThan(150);
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(serviceModel('iam').operations.get(name)).toBeUndefined();
      expect(serviceModel('iam').shapes.get(name)).toBeUndefined();
    }
  });

  it('mark the web-identity and SAML operations unsigned (§7.4) and no others', () => {
    const unsigned = ['iam', 'sts'].flatMap((service) =>
      [...serviceModel(service as 'iam' | 'sts').operations.values()].filter(isUnsignedOperation).map((op) => op.name),
    );
    expect(unsigned.sort()).toEqual(['AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity']);
  });

  it('hold no documentation text', () => {
    for (const file of ['iam.json', 'sts.json']) {
      const text = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      expect(text).not.toMatch(/"documentation(Url)?"/);
      expect(text).not.toMatch(/"deprecated"/);
    }
  });

  it('compile every pattern of both models', () => {
    for (const service of ['iam', 'sts'] as const) {
      const model = serviceModel(service);
      const withPattern = [...model.shapes].filter(([, shape]) => shape.type === 'string' && shape.pattern !== undefined);
      expect(withPattern.length).toBeGreaterThan(10);
      for (const [name] of withPattern) expect(model.patterns.get(name), name).toBeInstanceOf(RegExp);
    }
  });
});

describe('Java patterns', () => {
  it('match the whole string, as String.matches() does', () => {
    const userName = compileJavaPattern('[\\w+=,.@-]+');
    expect(userName.test('alice@example.com')).toBe(true);
    expect(userName.test('bad name')).toBe(false);
    expect(userName.test('')).toBe(false);
    expect(compileJavaPattern('v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?').test('v12')).toBe(true);
    expect(compileJavaPattern('v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?').test('xv12')).toBe(false);
  });

  it('read identity escapes that JavaScript’s u flag rejects (\\:) as the character', () => {
    expect(javaPatternToJs('[\\w+=,.@\\:-]*')).toBe('[\\w+=,.@:-]*');
    expect(compileJavaPattern('[\\w+=,.@\\:-]*').test('a:b')).toBe(true);
    expect(() => new RegExp('[\\w+=,.@\\:-]*', 'u')).toThrow();
  });

  it('keep \\uXXXX, \\p{…} and escaped dashes and slashes meaning what they mean in Java', () => {
    const tag = compileJavaPattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*');
    expect(tag.test('Ünïcode 値 1-2')).toBe(true);
    expect(tag.test('semi;colon')).toBe(false);
    const path = compileJavaPattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)');
    expect(path.test('/')).toBe(true);
    expect(path.test('/a/b/')).toBe(true);
    expect(path.test('/a')).toBe(false);
    expect(compileJavaPattern('^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*').test('o-abcdefghij/r-abcd/ou-1')).toBe(true);
  });
});
