// Loads the scenario corpus (cases/**/*.yaml, format in cases/README.md) for the engine and server tests.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { SimulateInput } from '../../src/engine/index.js';

export interface CaseExpectation {
  readonly decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  readonly decidedBy: string;
  readonly reason?: string;
  readonly missingContextKeys?: readonly string[];
}

export interface Case {
  readonly name: string;
  readonly ref: string;
  readonly description?: string;
  readonly request: SimulateInput;
  readonly expect: CaseExpectation;
  /** cases/<topic>/<file>.yaml */
  readonly file: string;
}

export const CASES_DIR = new URL('../../cases/', import.meta.url).pathname;

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return entry.name.endsWith('.yaml') || entry.name.endsWith('.yml') ? [path] : [];
  });

export const loadCases = (): Case[] =>
  yamlFiles(CASES_DIR)
    .sort()
    .flatMap((path) => {
      const doc = parse(readFileSync(path, 'utf8')) as { cases?: Omit<Case, 'file'>[] };
      const file = relative(CASES_DIR, path);
      return (doc.cases ?? []).map((c) => ({ ...c, file }));
    });
