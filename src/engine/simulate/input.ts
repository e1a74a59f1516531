// The `keycard simulate` request (cases/README.md): a plain JSON shape, checked field by field so that bad
// input gets a message naming the field rather than a crash.

import { PRINCIPAL_TYPES, type PrincipalType } from '../principal/index.js';

export type PolicyDocumentInput = string | Record<string, unknown>;
export type ContextValueInput = string | number | boolean | readonly (string | number | boolean)[];

export interface SimulatePolicies {
  readonly identity?: readonly PolicyDocumentInput[];
  readonly resource?: PolicyDocumentInput;
  readonly boundary?: PolicyDocumentInput;
  readonly session?: readonly PolicyDocumentInput[];
  readonly scp?: readonly (readonly PolicyDocumentInput[])[];
  readonly rcp?: readonly (readonly PolicyDocumentInput[])[];
}

export interface SimulatePrincipalInfo {
  readonly type?: PrincipalType;
  readonly roleArn?: string;
  readonly parentUserArn?: string;
  readonly userId?: string;
  readonly roleId?: string;
  readonly isServiceLinkedRole?: boolean;
  readonly isManagementAccount?: boolean;
}

export interface SimulateInput {
  readonly principal?: string;
  readonly principalInfo?: SimulatePrincipalInfo;
  readonly action: string;
  readonly resource?: string;
  readonly resourceAccount?: string;
  readonly resourceAccountIsManagement?: boolean;
  readonly context?: Readonly<Record<string, ContextValueInput>>;
  readonly policies?: SimulatePolicies;
}

/** Bad simulate input: the message names the field. */
export class SimulateInputError extends Error {
  override readonly name = 'SimulateInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

const TOP_FIELDS = new Set([
  'principal', 'principalInfo', 'action', 'resource', 'resourceAccount', 'resourceAccountIsManagement', 'context', 'policies',
]);
const INFO_FIELDS = new Set(['type', 'roleArn', 'parentUserArn', 'userId', 'roleId', 'isServiceLinkedRole', 'isManagementAccount']);
const POLICY_FIELDS = new Set(['identity', 'resource', 'boundary', 'session', 'scp', 'rcp']);

const checkKnown = (value: Record<string, unknown>, known: Set<string>, where: string): void => {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new SimulateInputError(where ? `${where}.${key}` : key, `unknown field; expected one of ${[...known].join(', ')}`);
  }
};

const optional = (value: Record<string, unknown>, key: string, type: 'string' | 'boolean', where: string): void => {
  const v = value[key];
  if (v !== undefined && typeof v !== type) throw new SimulateInputError(where + key, `must be a ${type}`);
};

const checkDocument = (v: unknown, field: string): void => {
  if (typeof v !== 'string' && !isObject(v)) throw new SimulateInputError(field, 'must be a policy document (an object or JSON text)');
};

const checkDocumentList = (v: unknown, field: string): void => {
  if (!Array.isArray(v)) throw new SimulateInputError(field, 'must be a list of policy documents');
  v.forEach((d, i) => checkDocument(d, `${field}[${i}]`));
};

const checkLevels = (v: unknown, field: string): void => {
  if (!Array.isArray(v)) throw new SimulateInputError(field, 'must be a list of levels (root first), each a list of policy documents');
  v.forEach((level, i) => checkDocumentList(level, `${field}[${i}]`));
};

/** Checks the shape of parsed JSON and returns it typed; throws SimulateInputError naming the bad field. */
export const parseSimulateInput = (raw: unknown): SimulateInput => {
  if (!isObject(raw)) throw new SimulateInputError('input', 'must be a JSON object');
  checkKnown(raw, TOP_FIELDS, '');
  if (typeof raw.action !== 'string' || !/^[^:\s]+:[^:\s]+$/.test(raw.action)) {
    throw new SimulateInputError('action', 'must be a string of the form "service:Action"');
  }
  for (const key of ['principal', 'resource', 'resourceAccount'] as const) optional(raw, key, 'string', '');
  optional(raw, 'resourceAccountIsManagement', 'boolean', '');
  if (raw.resourceAccount !== undefined && !/^\d{12}$/.test(raw.resourceAccount as string)) {
    throw new SimulateInputError('resourceAccount', 'must be a 12-digit account id');
  }
  if (raw.principalInfo !== undefined) {
    const info = raw.principalInfo;
    if (!isObject(info)) throw new SimulateInputError('principalInfo', 'must be an object');
    checkKnown(info, INFO_FIELDS, 'principalInfo');
    if (info.type !== undefined && !PRINCIPAL_TYPES.includes(info.type as PrincipalType)) {
      throw new SimulateInputError('principalInfo.type', `must be one of ${PRINCIPAL_TYPES.join(', ')}`);
    }
    for (const key of ['roleArn', 'parentUserArn', 'userId', 'roleId'] as const) optional(info, key, 'string', 'principalInfo.');
    for (const key of ['isServiceLinkedRole', 'isManagementAccount'] as const) optional(info, key, 'boolean', 'principalInfo.');
  }
  if (raw.context !== undefined) {
    if (!isObject(raw.context)) throw new SimulateInputError('context', 'must be an object of condition keys');
    for (const [key, value] of Object.entries(raw.context)) {
      const ok = isScalar(value) || (Array.isArray(value) && value.every(isScalar));
      if (!ok) throw new SimulateInputError(`context.${key}`, 'must be a string, number, boolean, or a list of them');
    }
  }
  if (raw.policies !== undefined) {
    const p = raw.policies;
    if (!isObject(p)) throw new SimulateInputError('policies', 'must be an object');
    checkKnown(p, POLICY_FIELDS, 'policies');
    if (p.identity !== undefined) checkDocumentList(p.identity, 'policies.identity');
    if (p.session !== undefined) checkDocumentList(p.session, 'policies.session');
    if (p.resource !== undefined) checkDocument(p.resource, 'policies.resource');
    if (p.boundary !== undefined) checkDocument(p.boundary, 'policies.boundary');
    if (p.scp !== undefined) checkLevels(p.scp, 'policies.scp');
    if (p.rcp !== undefined) checkLevels(p.rcp, 'policies.rcp');
  }
  return raw as unknown as SimulateInput;
};
