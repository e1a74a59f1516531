// The `keycard` command as a user runs it: the real bin script in a child process, the README examples,
// and bad input of every kind getting a clear message and exit status 2, never a stack trace.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

const keycard = (...args: string[]) => {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/keycard.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

const scratch = mkdtempSync(join(tmpdir(), 'keycard-cli-'));
const file = (name: string, content: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

const expectCleanFailure = (r: ReturnType<typeof keycard>, message: RegExp) => {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
};

describe('keycard simulate', () => {
  it('allows the README example and explains it', () => {
    const r = keycard('simulate', '--input', 'examples/requests/read-reports.json', '--explain');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Allow \(decided by: identity/);
    expect(r.stdout).toContain('statement 0 "ReadReports" (Allow): applies');
  });

  it('prints the decision object with --json', () => {
    const r = keycard('simulate', '--input', 'examples/requests/cross-account-denied.json', '--json');
    expect(r.status).toBe(0);
    const decision = JSON.parse(r.stdout);
    expect(decision).toMatchObject({ decision: 'ExplicitDeny', decidedBy: 'resource', reason: 'explicit-deny' });
    expect(decision.statement).toMatchObject({ statementIndex: 1, sid: 'OnlyFromPartnerNetwork' });
    expect(decision.explanation).toBeUndefined();
  });

  it('includes the explanation in JSON with --explain, naming the failed condition and its values', () => {
    const policy = file('cond.json', JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }],
    }));
    const r = keycard('simulate', '--principal', 'arn:aws:iam::111111111111:user/bob', '--action', 's3:GetObject',
      '--resource', 'arn:aws:s3:::b/k', '--identity', policy, '--context', 'aws:PrincipalTag/team=red', '--json', '--explain');
    expect(r.status).toBe(0);
    const decision = JSON.parse(r.stdout);
    expect(decision).toMatchObject({ decision: 'ImplicitDeny', decidedBy: 'identity', reason: 'no-allow' });
    const failure = decision.explanation.policies[0].statements[0].failures[0];
    expect(failure).toEqual({
      code: 'condition-failed', element: 'Condition', operator: 'StringEquals', key: 'aws:PrincipalTag/team',
      policyValues: ['blue'], requestValues: ['red'],
    });
  });

  it('builds a request from flags alone, with repeated --context keys as a list', () => {
    const policy = file('tags.json', JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:TagUser', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } } }],
    }));
    const base = ['simulate', '--principal', 'arn:aws:iam::111111111111:user/alice', '--action', 'iam:TagUser',
      '--resource', 'arn:aws:iam::111111111111:user/bob', '--identity', policy, '--json'];
    expect(JSON.parse(keycard(...base, '--context', 'aws:TagKeys=env', '--context', 'aws:TagKeys=team').stdout).decision).toBe('Allow');
    expect(JSON.parse(keycard(...base, '--context', 'aws:TagKeys=env', '--context', 'aws:TagKeys=owner').stdout).decision).toBe('ImplicitDeny');
  });

  it('rejects bad input with exit status 2 and a clear message', () => {
    expectCleanFailure(keycard('simulate'), /needs --input FILE or --action/);
    expectCleanFailure(keycard('simulate', '--input', join(scratch, 'missing.json')), /cannot read .*missing\.json: no such file/);
    expectCleanFailure(keycard('simulate', '--input', file('bad.json', '{"action": ')), /is not valid JSON/);
    expectCleanFailure(keycard('simulate', '--input', file('arr.json', '[]')), /must hold a JSON object/);
    expectCleanFailure(keycard('simulate', '--action', 'GetObject'), /action: must be a string of the form "service:Action"/);
    expectCleanFailure(keycard('simulate', '--action', 's3:GetObject', '--principal', 'alice'), /principal: is not a caller ARN/);
    expectCleanFailure(keycard('simulate', '--action', 's3:GetObject', '--context', 'novalue'), /--context takes KEY=VALUE/);
    expectCleanFailure(keycard('simulate', '--action', 's3:GetObject', '--bogus'), /Unknown option '--bogus'/);
    expectCleanFailure(
      keycard('simulate', '--input', file('unknown.json', '{"action":"s3:GetObject","polices":{}}')),
      /polices: unknown field/,
    );
    expectCleanFailure(
      keycard('simulate', '--action', 's3:GetObject', '--principal', 'arn:aws:iam::111111111111:user/a', '--identity', file('p.json', '{"Statement": [}')),
      /invalid policy in policies\.identity\[0\]:\n\s+line 1, column \d+: Syntax errors in policy\./,
    );
  });
});

describe('keycard validate', () => {
  it('accepts a valid policy with exit status 0', () => {
    const r = keycard('validate', 'examples/policies/developer.json', '--type', 'identity');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('valid identity policy');
  });

  it('reports each finding with line and column and exits 1', () => {
    const r = keycard('validate', 'examples/policies/broken.json', '--type', 'identity');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('examples/policies/broken.json:7:7: error principal-not-allowed: Policy document should not specify a principal.');
    expect(r.stdout).toContain('Actions/Condition can contain only one colon.');
    expect(r.stdout).toContain('Resource bucket/* must be in ARN format or "*".');
  });

  it('the same document is fine as a resource policy except for its values', () => {
    const r = keycard('validate', 'examples/policies/broken.json', '--type', 'resource', '--json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    expect(out.diagnostics.map((d: { code: string }) => d.code)).not.toContain('principal-not-allowed');
  });

  it('rejects bad usage with exit status 2', () => {
    expectCleanFailure(keycard('validate', 'examples/policies/developer.json'), /--type must be one of identity, resource, trust/);
    expectCleanFailure(keycard('validate', '--type', 'identity'), /exactly one FILE/);
    expectCleanFailure(keycard('validate', join(scratch, 'nope.json'), '--type', 'scp'), /no such file/);
  });
});

describe('keycard', () => {
  it('prints usage and rejects unknown commands', () => {
    expect(keycard('--help').stdout).toContain('simulate');
    expectCleanFailure(keycard('frobnicate'), /unknown command "frobnicate"/);
    expect(keycard('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
