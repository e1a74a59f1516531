// Runs the scenario corpus (cases/) against the engine: each case's decision, deciding policy type and,
// where given, reason and missing context keys.

import { describe, expect, it } from 'vitest';
import { simulate } from '../src/engine/index.js';
import { loadCases } from './support/cases.js';

const cases = loadCases();
const NOW = new Date('2026-06-15T12:00:00Z');

describe('scenario corpus', () => {
  it('has at least 250 uniquely named cases, each citing the reference', () => {
    expect(cases.length).toBeGreaterThanOrEqual(250);
    const names = cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of cases) expect(c.ref, c.name).toMatch(/§\d/);
  });

  const byFile = new Map<string, typeof cases>();
  for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  for (const [file, fileCases] of byFile) {
    describe(file, () => {
      for (const c of fileCases) {
        it(c.name, () => {
          const decision = simulate(c.request, { now: NOW, explain: true });
          const got = { decision: decision.decision, decidedBy: decision.decidedBy };
          expect(got, c.description).toEqual({ decision: c.expect.decision, decidedBy: c.expect.decidedBy });
          if (c.expect.reason !== undefined) expect(decision.reason).toBe(c.expect.reason);
          if (c.expect.missingContextKeys !== undefined) {
            expect([...(decision.explanation?.missingContextKeys ?? [])].sort()).toEqual(
              c.expect.missingContextKeys.map((k) => k.toLowerCase()).sort(),
            );
          }
        });
      }
    });
  }
});
