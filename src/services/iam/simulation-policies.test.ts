import { describe, expect, test } from 'vitest';
import { loadPolicy, statementSpan } from './simulation-policies.js';

const spans = (text: string) => {
  const sim = loadPolicy(text, 'identity', 'identity', 'PolicyInputList.1', true)!;
  return sim.policy.statements.map((st) => statementSpan(sim, st.pointer));
};

describe('statementSpan', () => {
  test('a later statement starts where the previous one ended, across lines', () => {
    const text = [
      '{',
      '    "Version": "2012-10-17",',
      '    "Statement": [',
      '        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},',
      '        {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}',
      '    ]',
      '}',
    ].join('\n');
    expect(spans(text)).toEqual([
      { StartPosition: { Line: 3, Column: 19 }, EndPosition: { Line: 4, Column: 71 } },
      { StartPosition: { Line: 4, Column: 71 }, EndPosition: { Line: 5, Column: 70 } },
    ]);
  });

  test('braces and escaped quotes inside strings do not end the statement; CRLF ends a line once', () => {
    const text = '{"Version":"2012-10-17",\r\n"Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/}\\"{"}]}';
    const [span] = spans(text);
    expect(span).toEqual({ StartPosition: { Line: 2, Column: 14 }, EndPosition: { Line: 2, Column: text.length - text.indexOf('\n') - 2 } });
  });
});

describe('loadPolicy', () => {
  test('an input document IAM would reject is InvalidInput with the validator’s message', () => {
    expect(() => loadPolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}', 'identity', 'identity', 'x', true)).toThrow(
      'Policy statement must contain resources.',
    );
  });

  test('a stored document that no longer passes grants nothing instead of failing the call', () => {
    expect(loadPolicy('{', 'identity', 'identity', 'x', false)).toBeUndefined();
  });
});
