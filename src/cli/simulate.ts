// `keycard simulate`: decide one request offline, from a request file and/or flags, and explain the decision.

import { parseArgs } from 'node:util';
import {
  parseSimulateInput,
  PolicyInputError,
  renderDecisionText,
  simulate,
  SimulateInputError,
  type Decision,
} from '../engine/index.js';
import { EXIT_OK, readJson, readText, UsageError, type CliIo } from './io.js';

export const SIMULATE_USAGE = `Usage: keycard simulate [--input request.json] [options]

Decides one request the way AWS would and says why.

Options:
  --input FILE            the request (format: cases/README.md); flags below add to or override it
  --principal ARN         the caller (user, assumed-role session, federated user, root, service)
  --principal-type TYPE   user | role-session | federated-user | root | service | anonymous | web-identity | saml
  --action SVC:ACTION     the action, e.g. s3:GetObject
  --resource ARN          the resource (default "*")
  --resource-account ID   the 12-digit account that owns the resource
  --context KEY=VALUE     a condition key; repeat a key to give it several values
  --identity FILE         an identity policy (repeatable)
  --resource-policy FILE  the resource-based (or role trust) policy
  --boundary FILE         the permissions boundary
  --session-policy FILE   a session policy (repeatable)
  --explain               show every policy and statement and why each did or did not apply
  --json                  print the decision as JSON
Exit status: 0 for any decision, 2 for bad input.`;

const OPTIONS = {
  input: { type: 'string' },
  principal: { type: 'string' },
  'principal-type': { type: 'string' },
  action: { type: 'string' },
  resource: { type: 'string' },
  'resource-account': { type: 'string' },
  context: { type: 'string', multiple: true },
  identity: { type: 'string', multiple: true },
  'resource-policy': { type: 'string' },
  boundary: { type: 'string' },
  'session-policy': { type: 'string', multiple: true },
  explain: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges the --input file and the flags into one raw request object. */
const assembleInput = (values: Values, io: CliIo): Record<string, unknown> => {
  const base = values.input === undefined ? {} : readJson(io, values.input);
  if (!isObject(base)) throw new UsageError(`${values.input} must hold a JSON object`);
  const raw: Record<string, unknown> = { ...base };
  if (values.principal !== undefined) raw.principal = values.principal;
  if (values['principal-type'] !== undefined) {
    raw.principalInfo = { ...(isObject(raw.principalInfo) ? raw.principalInfo : {}), type: values['principal-type'] };
  }
  if (values.action !== undefined) raw.action = values.action;
  if (values.resource !== undefined) raw.resource = values.resource;
  if (values['resource-account'] !== undefined) raw.resourceAccount = values['resource-account'];
  if (values.context !== undefined) {
    const context: Record<string, unknown> = { ...(isObject(raw.context) ? raw.context : {}) };
    const seen = new Set<string>();
    for (const pair of values.context) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--context takes KEY=VALUE, got "${pair}"`);
      const key = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const previous = context[key];
      context[key] = seen.has(key) ? [...(Array.isArray(previous) ? previous : [previous]), value] : value;
      seen.add(key);
    }
    raw.context = context;
  }
  const policies: Record<string, unknown> = { ...(isObject(raw.policies) ? raw.policies : {}) };
  const files = (paths: string[] | undefined) => (paths ?? []).map((p) => readText(io, p));
  if (values.identity) policies.identity = [...((policies.identity as unknown[]) ?? []), ...files(values.identity)];
  if (values['session-policy']) {
    policies.session = [...((policies.session as unknown[]) ?? []), ...files(values['session-policy'])];
  }
  if (values['resource-policy'] !== undefined) policies.resource = readText(io, values['resource-policy']);
  if (values.boundary !== undefined) policies.boundary = readText(io, values.boundary);
  if (Object.keys(policies).length > 0) raw.policies = policies;
  if (raw.action === undefined) throw new UsageError('simulate needs --input FILE or --action SVC:ACTION (see keycard simulate --help)');
  return raw;
};

const toJson = (decision: Decision, withExplanation: boolean): string => {
  const { explanation, ...rest } = decision;
  return JSON.stringify(withExplanation && explanation ? { ...rest, explanation } : rest, null, 2);
};

export const runSimulate = (args: string[], io: CliIo): number => {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(SIMULATE_USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (see keycard simulate --help)`);
  const raw = assembleInput(values, io);
  let decision: Decision;
  try {
    const input = parseSimulateInput(raw);
    decision = simulate(input, { explain: values.explain === true });
  } catch (error) {
    if (error instanceof SimulateInputError) throw new UsageError(`bad request: ${error.message}`);
    if (error instanceof PolicyInputError) {
      const details = error.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `  ${d.line !== undefined ? `line ${d.line}, column ${d.column}` : d.pointer || '/'}: ${d.message} [${d.code}]`);
      throw new UsageError([`invalid policy in ${error.field}:`, ...details].join('\n'));
    }
    throw error;
  }
  const action = String(raw.action);
  io.out(values.json ? toJson(decision, values.explain === true) : renderDecisionText(decision, action, values.explain === true));
  return EXIT_OK;
};
