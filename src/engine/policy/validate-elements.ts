// Which elements each policy type may contain (§1.2, §1.3): Principal, NotPrincipal, NotAction, Resource,
// Effect and Version rules per type, plus Sid format and uniqueness.

import type { Policy, PolicyType, Statement } from './ast.js';
import { flag, itemPointer, type Report } from './validate-report.js';

type PrincipalRule = 'forbidden' | 'required';

export interface PolicyTypeRules {
  /** What a statement of this type says about Principal/NotPrincipal. */
  readonly principal: PrincipalRule;
  readonly isNotPrincipalAllowed: boolean;
  /** Resource/NotResource: required in every statement, optional, or prohibited (trust policies). */
  readonly resource: 'required' | 'optional' | 'prohibited';
  readonly isNotActionAllowed: boolean;
  /** Organizations policies must say Version 2012-10-17 (§1.2). */
  readonly requiresCurrentVersion: boolean;
  /** IAM-stored documents restrict Sid to `[0-9A-Za-z]*` (§1.2). */
  readonly isSidAlphanumeric: boolean;
}

const IDENTITY_LIKE: PolicyTypeRules = {
  principal: 'forbidden',
  isNotPrincipalAllowed: false,
  resource: 'required',
  isNotActionAllowed: true,
  requiresCurrentVersion: false,
  isSidAlphanumeric: true,
};

/** The §1.3 table as data. */
export const POLICY_TYPE_RULES: Readonly<Record<PolicyType, PolicyTypeRules>> = {
  identity: IDENTITY_LIKE,
  boundary: IDENTITY_LIKE,
  // Principal in a session policy: rejection unverified (§1.3); treated like identity policies.
  session: IDENTITY_LIKE,
  resource: {
    principal: 'required',
    isNotPrincipalAllowed: true,
    resource: 'optional',
    isNotActionAllowed: true,
    requiresCurrentVersion: false,
    isSidAlphanumeric: false,
  },
  trust: {
    principal: 'required',
    isNotPrincipalAllowed: false,
    resource: 'prohibited',
    isNotActionAllowed: true,
    requiresCurrentVersion: false,
    isSidAlphanumeric: true,
  },
  scp: {
    principal: 'forbidden',
    isNotPrincipalAllowed: false,
    resource: 'required',
    isNotActionAllowed: true,
    requiresCurrentVersion: true,
    isSidAlphanumeric: false,
  },
  // Organizations "RCP syntax": Principal required and only "*"; NotPrincipal and NotAction unsupported.
  rcp: {
    principal: 'required',
    isNotPrincipalAllowed: false,
    resource: 'required',
    isNotActionAllowed: false,
    requiresCurrentVersion: true,
    isSidAlphanumeric: false,
  },
};

const TYPE_NAMES: Readonly<Record<PolicyType, string>> = {
  identity: 'identity-based policies',
  boundary: 'permissions boundaries',
  session: 'session policies',
  resource: 'resource-based policies',
  trust: 'role trust policies',
  scp: 'service control policies',
  rcp: 'resource control policies',
};

export function checkVersion(report: Report, policy: Policy): void {
  if (!POLICY_TYPE_RULES[report.type].requiresCurrentVersion || policy.version === '2012-10-17') return;
  const pointer = policy.versionDefaulted ? '' : '/Version';
  flag(report, 'unsupported-version', `Version must be "2012-10-17" in ${TYPE_NAMES[report.type]}.`, pointer);
}

/** `[0-9A-Za-z]*`, IAM's Sid rule (§1.2). */
const isAlphanumeric = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isAllowed = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (!isAllowed) return false;
  }
  return true;
};

/** Policies with more statements than this find repeated Sids through a Set; smaller ones by looking back. */
const SID_SET_THRESHOLD = 32;

export function checkSids(report: Report, policy: Policy): void {
  const { statements } = policy;
  const isAlphanumericRequired = POLICY_TYPE_RULES[report.type].isSidAlphanumeric;
  // Hashing every Sid costs more than comparing it with the few before it, which most policies have.
  const seen = statements.length > SID_SET_THRESHOLD ? new Set<string>() : undefined;
  const isRepeated = (sid: string, index: number): boolean => {
    if (seen !== undefined) return seen.has(sid);
    for (let j = 0; j < index; j++) if (statements[j]!.sid === sid) return true;
    return false;
  };
  statements.forEach((statement, index) => {
    const { sid } = statement;
    if (sid === undefined) return;
    if (isAlphanumericRequired && !isAlphanumeric(sid)) {
      const message =
        'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';
      flag(report, 'invalid-sid', message, `${statement.pointer}/Sid`);
    }
    // An empty Sid names nothing, so two of them do not clash.
    if (sid !== '' && isRepeated(sid, index)) {
      flag(report, 'sid-not-unique', 'Statement IDs (SID) in a single policy must be unique.', `${statement.pointer}/Sid`);
    }
    seen?.add(sid);
  });
}

/** The statement of AWS's RCPFullAWSAccess: the one Allow a resource control policy may hold (Organizations docs). */
const isRcpFullAccess = (s: Statement): boolean =>
  s.effect === 'Allow' &&
  s.principal?.kind === 'Principal' &&
  s.principal.entries.length === 1 &&
  s.principal.entries[0]?.kind === 'any' &&
  s.action.kind === 'Action' &&
  s.action.patterns.length === 1 &&
  s.action.patterns[0] === '*' &&
  s.resource?.kind === 'Resource' &&
  s.resource.patterns.length === 1 &&
  s.resource.patterns[0] === '*' &&
  s.conditions.length === 0;

export function checkStatementElements(report: Report, statement: Statement): void {
  const rules = POLICY_TYPE_RULES[report.type];
  const { principal, action, resource } = statement;
  const typeName = TYPE_NAMES[report.type];

  if (principal !== undefined && rules.principal === 'forbidden') {
    // The IAM message is observed for identity policies (§1.5); Organizations' wording is not known.
    const isIam = report.type === 'identity' || report.type === 'boundary' || report.type === 'session';
    const message = isIam
      ? 'Policy document should not specify a principal.'
      : `${principal.kind} is not supported in ${typeName}.`;
    flag(report, 'principal-not-allowed', message, principal.pointer, 'key');
  } else if (principal?.kind === 'NotPrincipal' && !rules.isNotPrincipalAllowed) {
    flag(report, 'not-principal-not-allowed', `NotPrincipal is not supported in ${typeName}.`, principal.pointer, 'key');
  } else if (principal?.kind === 'NotPrincipal' && statement.effect === 'Allow') {
    // Current IAM docs: NotPrincipal must be used with Deny; Allow grants everyone else, anonymous included (§2.4).
    const message = 'NotPrincipal with "Effect": "Allow" grants access to every principal not listed, including anonymous callers; AWS supports NotPrincipal only with Deny.';
    flag(report, 'not-principal-with-allow', message, principal.pointer, 'key');
  }
  if (principal === undefined && rules.principal === 'required') {
    flag(report, 'missing-principal', 'Missing required field Principal', statement.pointer);
  }

  if (resource === undefined && rules.resource === 'required') {
    flag(report, 'missing-resource', 'Policy statement must contain resources.', statement.pointer);
  } else if (resource !== undefined && rules.resource === 'prohibited') {
    // The role is the resource of its trust policy; AWS answers "Has prohibited field Resource" (observed).
    flag(report, 'resource-not-allowed', `Has prohibited field ${resource.kind}`, resource.pointer, 'key');
  }

  if (action.kind === 'NotAction' && !rules.isNotActionAllowed) {
    flag(report, 'not-action-not-allowed', `NotAction is not supported in ${typeName}.`, action.pointer, 'key');
  }

  if (report.type === 'rcp') checkRcpStatement(report, statement);
}

function checkRcpStatement(report: Report, statement: Statement): void {
  if (isRcpFullAccess(statement)) return;
  if (statement.effect === 'Allow') {
    const message = 'Resource control policies may only Deny; Allow is supported only in the AWS-managed RCPFullAWSAccess.';
    flag(report, 'rcp-allow-not-allowed', message, `${statement.pointer}/Effect`);
  }
  const principal = statement.principal;
  if (principal?.kind === 'Principal' && principal.entries.some((e) => e.kind !== 'any')) {
    const message = 'The Principal of a resource control policy must be "*"; use conditions to single out principals.';
    flag(report, 'rcp-principal-not-wildcard', message, principal.pointer);
  }
  const action = statement.action;
  action.patterns.forEach((pattern, i) => {
    if (pattern !== '*') return;
    const message = 'A resource control policy cannot use "*" as an action; name the service, e.g. "s3:*".';
    flag(report, 'rcp-action-wildcard', message, itemPointer(report, action.pointer, i, action.patterns.length));
  });
}

/** Role trust policies govern only these actions (§1.3); whether IAM rejects others is unverified. */
const TRUST_ACTIONS = [
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
];

export function checkTrustActions(report: Report, statement: Statement): void {
  if (report.type !== 'trust') return;
  const { action } = statement;
  if (action.kind === 'NotAction') {
    const message = 'NotAction in a role trust policy may cover actions other than the sts:AssumeRole* family; AWS behaviour here is unverified.';
    flag(report, 'trust-action-unsupported', message, action.pointer, 'key');
    return;
  }
  action.patterns.forEach((pattern, i) => {
    if (TRUST_ACTIONS.includes(pattern.toLowerCase())) return;
    const message = `${pattern} is not one of the actions a role trust policy governs (sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity, sts:SetContext); IAM may reject it.`;
    flag(report, 'trust-action-unsupported', message, itemPointer(report, action.pointer, i, action.patterns.length));
  });
}
