import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.js';
import { parseTemplate, resolveTemplate } from './template.js';

const lookup = (values: Record<string, string>) => (key: string) => values[key];

describe('policy variables', () => {
  it('substitutes single-valued keys, case-insensitively by name', () => {
    const t = parseTemplate('home/${AWS:UserName}/*', true);
    expect(typeof t).toBe('object');
    if (typeof t === 'string') return;
    expect(resolveTemplate(t, lookup({ 'aws:username': 'alice' }))).toBe('home/alice/*');
  });

  it('uses the default when the key has no value, and is null without one', () => {
    const t = parseTemplate("${aws:PrincipalTag/team, 'company-wide'}", true);
    if (typeof t === 'string') throw new Error('expected a template');
    expect(resolveTemplate(t, lookup({}))).toBe('company-wide');
    const bare = parseTemplate('${aws:username}', true);
    if (typeof bare === 'string') throw new Error('expected a template');
    expect(resolveTemplate(bare, lookup({}))).toBeUndefined();
  });

  it('substituted values are literal: a * in a value is not a wildcard', () => {
    const t = parseTemplate('home/${aws:username}', true);
    if (typeof t === 'string') throw new Error('expected a template');
    const text = resolveTemplate(t, lookup({ 'aws:username': 'a*' }))!;
    expect(compileGlob(text)('home/a*')).toBe(true);
    expect(compileGlob(text)('home/abc')).toBe(false);
  });

  it('keeps the escapes, and under 2008-10-17 takes everything literally', () => {
    expect(parseTemplate('a${*}', true)).toBe('a${*}');
    const old = parseTemplate('home/${aws:username}/*', false);
    expect(typeof old).toBe('string');
    expect(compileGlob(old as string)('home/${aws:username}/x')).toBe(true);
    expect(compileGlob(old as string)('home/alice/x')).toBe(false);
  });
});
