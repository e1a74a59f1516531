// docs/iam-coverage.md must match the operation maps: it is rendered by the same function that
// scripts/coverage.mjs uses, from the same models, with the maps read from the source (not dist/).

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderCoverage } from '../scripts/coverage-table.mjs';
import { IAM_OPERATIONS, STS_OPERATIONS, UNSIGNED_STS_OPERATIONS } from '../src/services/index.js';

const root = new URL('../', import.meta.url);
const readModel = (name: string) => JSON.parse(readFileSync(new URL(`src/protocol/models/${name}.json`, root), 'utf8'));

describe('docs/iam-coverage.md', () => {
  const iam = readModel('iam');
  const sts = readModel('sts');
  const expected = renderCoverage([
    { label: 'IAM', model: iam, implemented: Object.keys(IAM_OPERATIONS) },
    { label: 'STS', model: sts, implemented: [...Object.keys(STS_OPERATIONS), ...Object.keys(UNSIGNED_STS_OPERATIONS)] },
  ]);

  test('is up to date with IAM_OPERATIONS and STS_OPERATIONS (run `npm run coverage` to regenerate)', () => {
    expect(readFileSync(new URL('docs/iam-coverage.md', root), 'utf8')).toBe(expected);
  });

  test('lists every model operation once, with the right status and totals', () => {
    const rows = [...expected.matchAll(/^\| (\w+) \| (implemented|not yet) \|$/gm)].map((m) => [m[1], m[2]]);
    const all = [...Object.keys(iam.operations), ...Object.keys(sts.operations)];
    expect(rows.map(([op]) => op).sort()).toEqual(all.sort());
    const implemented = new Set([...Object.keys(IAM_OPERATIONS), ...Object.keys(STS_OPERATIONS), ...Object.keys(UNSIGNED_STS_OPERATIONS)]);
    for (const [op, status] of rows) expect(status, op).toBe(implemented.has(op!) ? 'implemented' : 'not yet');
    const done = rows.filter(([, status]) => status === 'implemented').length;
    expect(expected).toContain(`| **All** | | **${done}** | **${all.length - done}** | **${all.length}** |`);
  });

  test('notes operations implemented outside the model', () => {
    const text = renderCoverage([{ label: 'STS', model: { metadata: { apiVersion: 'v' }, operations: { A: {} } }, implemented: ['A', 'Z'] }]);
    expect(text).toContain('| A | implemented |');
    expect(text).toContain('Implemented but not in the STS model: Z.');
  });
});
