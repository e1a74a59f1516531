// `keycard validate`: check a policy document the way IAM would when it is saved, with locations.

import { parseArgs } from 'node:util';
import { checkPolicy, hasErrors, POLICY_TYPES, type PolicyType } from '../engine/index.js';
import { EXIT_FINDINGS, EXIT_OK, readText, UsageError, type CliIo } from './io.js';

export const VALIDATE_USAGE = `Usage: keycard validate FILE --type ${POLICY_TYPES.join('|')} [--json]

Checks a policy document as IAM does when it is saved: grammar, the elements the policy type allows, values,
and size limits. Each finding has a location (line:column).
Exit status: 0 when IAM would accept the policy, 1 when it would reject it, 2 for bad usage.`;

export const runValidate = (args: string[], io: CliIo): number => {
  const { values, positionals } = parseArgs({
    args,
    options: { type: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(VALIDATE_USAGE);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE (see keycard validate --help)');
  const type = values.type;
  if (type === undefined || !POLICY_TYPES.includes(type as PolicyType)) {
    throw new UsageError(`--type must be one of ${POLICY_TYPES.join(', ')}`);
  }
  const file = positionals[0]!;
  const { diagnostics } = checkPolicy(readText(io, file), type as PolicyType);
  const isValid = !hasErrors(diagnostics);
  if (values.json) {
    io.out(JSON.stringify({ file, type, valid: isValid, diagnostics }, null, 2));
  } else {
    for (const d of diagnostics) {
      const where = d.line !== undefined ? `${file}:${d.line}:${d.column}` : `${file}:${d.pointer || '/'}`;
      io.out(`${where}: ${d.severity} ${d.code}: ${d.message}`);
    }
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    io.out(isValid ? `${file}: valid ${type} policy (${warnings} warning${warnings === 1 ? '' : 's'})` : `${file}: IAM would reject this ${type} policy (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`);
  }
  return isValid ? EXIT_OK : EXIT_FINDINGS;
};
