// Writes docs/iam-coverage.md from the botocore models and the built operation maps. Run through
// `npm run coverage`, which builds first (the maps are read from dist/).

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { renderCoverage } from './coverage-table.mjs';

const root = new URL('../', import.meta.url);
const readModel = (name) => JSON.parse(readFileSync(new URL(`src/protocol/models/${name}.json`, root), 'utf8'));
const { IAM_OPERATIONS, STS_OPERATIONS, UNSIGNED_STS_OPERATIONS } = await import(new URL('dist/src/services/index.js', root).href);

const text = renderCoverage([
  { label: 'IAM', model: readModel('iam'), implemented: Object.keys(IAM_OPERATIONS) },
  { label: 'STS', model: readModel('sts'), implemented: [...Object.keys(STS_OPERATIONS), ...Object.keys(UNSIGNED_STS_OPERATIONS)] },
]);
mkdirSync(new URL('docs/', root), { recursive: true });
writeFileSync(new URL('docs/iam-coverage.md', root), text);
process.stdout.write(text.split('\n').slice(7, 12).join('\n') + '\n');
