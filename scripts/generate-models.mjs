// Regenerates src/protocol/models/{iam,sts}.json from botocore's service models, keeping only what the
// Query protocol needs at run time (names, shapes, constraints, error codes) and none of AWS's prose.
// Usage: `npm run generate:models` (set BOTOCORE_DATA to a botocore package directory to pin a copy).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const SERVICES = [
  { name: 'iam', apiVersion: '2010-05-08' },
  { name: 'sts', apiVersion: '2011-06-15' },
];

// What survives, per level of the model. Everything else is dropped; keys we do not know at all are
// reported so a botocore upgrade that adds a wire-relevant trait is noticed rather than silently lost.
const KEEP = {
  metadata: ['apiVersion', 'endpointPrefix', 'protocol', 'serviceId', 'signatureVersion', 'signingName', 'xmlNamespace'],
  operation: ['name', 'input', 'output', 'errors', 'auth', 'authtype'],
  operationInput: ['shape'],
  operationOutput: ['shape', 'resultWrapper'],
  errorRef: ['shape'],
  shape: [
    'type', 'members', 'member', 'key', 'value', 'required', 'min', 'max', 'pattern', 'enum', 'timestampFormat',
    'box', 'sensitive', 'error', 'exception', 'fault', 'flattened', 'locationName', 'xmlNamespace',
  ],
  memberRef: ['shape', 'locationName', 'queryName', 'flattened', 'xmlNamespace', 'xmlAttribute', 'timestampFormat'],
  error: ['code', 'httpStatusCode', 'senderFault'],
};
const DROP = new Set([
  'documentation', 'documentationUrl', 'deprecated', 'deprecatedMessage', 'http', 'uid', 'serviceFullName',
  'serviceAbbreviation', 'globalEndpoint', 'protocols', 'auth', 'version', 'examples', 'idempotencyToken',
  'retryable', 'endpointdiscovery', 'httpChecksum', 'staticContextParams', 'contextParam', 'requestcompression',
]);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src', 'protocol', 'models');
const warnings = new Set();

function botocoreDir() {
  if (process.env.BOTOCORE_DATA) return process.env.BOTOCORE_DATA;
  const script = 'import botocore,os;print(os.path.dirname(botocore.__file__))';
  return execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim();
}

function botocoreVersion(dir) {
  // botocore/__init__.py declares `__version__ = 'x.y.z'`; reading it avoids a second Python start.
  const match = /__version__\s*=\s*['"]([^'"]+)['"]/.exec(readFileSync(join(dir, '__init__.py'), 'utf8'));
  if (!match) throw new Error(`cannot find __version__ in ${dir}/__init__.py`);
  return match[1];
}

function pick(object, keep, where) {
  const out = {};
  for (const [key, value] of Object.entries(object)) {
    if (keep.includes(key)) out[key] = value;
    else if (!DROP.has(key)) warnings.add(`${where}: dropped unknown key "${key}"`);
  }
  return out;
}

function trimOperation(operation, name) {
  const out = pick(operation, KEEP.operation, `operation ${name}`);
  if (out.input) out.input = pick(out.input, KEEP.operationInput, `operation ${name} input`);
  if (out.output) out.output = pick(out.output, KEEP.operationOutput, `operation ${name} output`);
  if (out.errors) out.errors = out.errors.map((ref) => pick(ref, KEEP.errorRef, `operation ${name} error`));
  return out;
}

function trimShape(shape, name) {
  const out = pick(shape, KEEP.shape, `shape ${name}`);
  if (out.members) {
    // Member order is the order members are written to XML, so it is kept as the model has it.
    const members = {};
    for (const [memberName, ref] of Object.entries(out.members)) {
      members[memberName] = pick(ref, KEEP.memberRef, `shape ${name}.${memberName}`);
    }
    out.members = members;
  }
  for (const part of ['member', 'key', 'value']) {
    if (out[part]) out[part] = pick(out[part], KEEP.memberRef, `shape ${name}.${part}`);
  }
  if (out.error) out.error = pick(out.error, KEEP.error, `shape ${name} error`);
  return out;
}

function trimModel(model, version) {
  const metadata = pick(model.metadata, KEEP.metadata, 'metadata');
  // botocore's rule: the SigV4 service name is signingName when modelled, else endpointPrefix.
  metadata.signingName ??= model.metadata.endpointPrefix;
  metadata.botocoreVersion = version;
  const operations = {};
  for (const [name, operation] of Object.entries(model.operations)) operations[name] = trimOperation(operation, name);
  const shapes = {};
  for (const [name, shape] of Object.entries(model.shapes)) shapes[name] = trimShape(shape, name);
  return { metadata, operations, shapes };
}

/** JSON with sorted keys, except under "members" whose order is meaningful. */
function stable(value, keepOrder = false) {
  if (Array.isArray(value)) return value.map((item) => stable(item));
  if (value === null || typeof value !== 'object') return value;
  const keys = keepOrder ? Object.keys(value) : Object.keys(value).sort();
  return Object.fromEntries(keys.map((key) => [key, stable(value[key], key === 'members')]));
}

/** One operation or shape per line: diffs between botocore versions stay readable. */
function render(model) {
  const section = (entries) =>
    Object.keys(entries)
      .sort()
      .map((key) => `    ${JSON.stringify(key)}: ${JSON.stringify(stable(entries[key]))}`)
      .join(',\n');
  return [
    '{',
    `  "metadata": ${JSON.stringify(stable(model.metadata))},`,
    '  "operations": {',
    section(model.operations),
    '  },',
    '  "shapes": {',
    section(model.shapes),
    '  }',
    '}',
    '',
  ].join('\n');
}

const dir = botocoreDir();
const version = botocoreVersion(dir);
mkdirSync(outDir, { recursive: true });
for (const service of SERVICES) {
  const source = join(dir, 'data', service.name, service.apiVersion, 'service-2.json.gz');
  const model = JSON.parse(gunzipSync(readFileSync(source)).toString('utf8'));
  const target = join(outDir, `${service.name}.json`);
  writeFileSync(target, render(trimModel(model, version)));
  console.log(`${service.name}: ${Object.keys(model.operations).length} operations, ${Object.keys(model.shapes).length} shapes (botocore ${version}) → ${target}`);
}
for (const warning of warnings) console.warn(`warning: ${warning}`);
