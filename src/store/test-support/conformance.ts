// The one conformance suite every Store backend must pass (STYLE.md "Tests"); each backend's test file calls
// runStoreSuite with a factory for fresh stores. Test support only: excluded from the production build.
import { describe } from 'vitest';
import type { Store } from '../store.js';
import { concurrencyCases } from './concurrency-cases.js';
import { feedCases } from './feed-cases.js';
import type { StoreSuiteOptions } from './fixtures.js';
import { nameCases } from './name-cases.js';
import { recordCases } from './record-cases.js';
import { transactionCases } from './transaction-cases.js';

export type { StoreSuiteOptions } from './fixtures.js';

export function runStoreSuite(name: string, makeStore: () => Promise<Store>, options: StoreSuiteOptions = {}): void {
  const ctx = { makeStore, ...options };
  describe(`${name} conformance`, () => {
    describe('records', () => recordCases(ctx));
    describe('names', () => nameCases(ctx));
    describe('change feed', () => feedCases(ctx));
    describe('transactions', () => transactionCases(ctx));
    describe('concurrency', () => concurrencyCases(ctx));
  });
}
