// Reads the ARN of a caller (§2.3, §6.2) by position rather than by regular expression, since a request is
// built for every decision. Accepts exactly what these patterns accept (caller-arn.test.ts checks it):
//   iam: ^arn:([^:]+):iam::(\d{12}):(root|user\/(?:.*\/)?([^/]+))$
//   sts: ^arn:([^:]+):sts::(\d{12}):(assumed-role\/([^/]+)\/([^/]+)|federated-user\/([^/]+))$
//   idp: ^arn:[^:]+:iam::\d{12}:(oidc-provider|saml-provider)\/.+$

export type CallerArn =
  | { readonly kind: 'root'; readonly partition: string; readonly account: string }
  | { readonly kind: 'user' | 'federated-user'; readonly partition: string; readonly account: string; readonly name: string }
  | {
      readonly kind: 'role-session';
      readonly partition: string;
      readonly account: string;
      readonly roleName: string;
      readonly sessionName: string;
    }
  /** An IAM OIDC or SAML identity provider. */
  | { readonly kind: 'web-identity' | 'saml' };

const SLASH = 0x2f;

/** `.` in a regular expression matches anything but these line terminators. */
const hasLineTerminator = (text: string, start: number, end: number): boolean => {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
};

/** The last slash at or after `start`, or -1 (a backward scan: lastIndexOf is slow on this engine). */
const lastSlash = (text: string, start: number): number => {
  for (let i = text.length - 1; i >= start; i--) if (text.charCodeAt(i) === SLASH) return i;
  return -1;
};

/** Where the account starts in `arn:PARTITION:SERVICE::ACCOUNT:`, when the text has that shape; else -1. */
const accountStart = (text: string, service: 'iam' | 'sts', colon: number): number => {
  if (!text.startsWith(service, colon + 1) || !text.startsWith('::', colon + 4)) return -1;
  const start = colon + 6;
  if (text.charCodeAt(start + 12) !== 0x3a) return -1;
  for (let i = start; i < start + 12; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return -1;
  }
  return start;
};

/** The caller an IAM or STS ARN names, or undefined when the text is no such ARN. */
export const readCallerArn = (text: string): CallerArn | undefined => {
  if (!text.startsWith('arn:')) return undefined;
  const colon = text.indexOf(':', 4);
  if (colon <= 4) return undefined; // the partition is not empty
  const iam = accountStart(text, 'iam', colon);
  if (iam >= 0) return readIam(text, text.slice(4, colon), iam);
  const sts = accountStart(text, 'sts', colon);
  if (sts >= 0) return readSts(text, text.slice(4, colon), sts);
  return undefined;
};

const readIam = (text: string, partition: string, account: number): CallerArn | undefined => {
  const resource = account + 13;
  if (text.length === resource + 4 && text.startsWith('root', resource)) {
    return { kind: 'root', partition, account: text.slice(account, account + 12) };
  }
  if (text.startsWith('user/', resource)) {
    // An optional path that ends in a slash and holds no line terminator, then a name.
    const slash = lastSlash(text, resource + 5);
    const nameStart = slash < 0 ? resource + 5 : slash + 1;
    if (nameStart === text.length || hasLineTerminator(text, resource + 5, nameStart)) return undefined;
    return { kind: 'user', partition, account: text.slice(account, account + 12), name: text.slice(nameStart) };
  }
  for (const [prefix, kind] of [['oidc-provider/', 'web-identity'], ['saml-provider/', 'saml']] as const) {
    if (!text.startsWith(prefix, resource)) continue;
    const provider = resource + prefix.length;
    return provider === text.length || hasLineTerminator(text, provider, text.length) ? undefined : { kind };
  }
  return undefined;
};

const readSts = (text: string, partition: string, account: number): CallerArn | undefined => {
  const resource = account + 13;
  if (text.startsWith('assumed-role/', resource)) {
    // Role name and session name: neither empty, no slash in either.
    const roleStart = resource + 'assumed-role/'.length;
    const slash = text.indexOf('/', roleStart);
    if (slash <= roleStart || slash === text.length - 1 || text.indexOf('/', slash + 1) >= 0) return undefined;
    const accountId = text.slice(account, account + 12);
    return { kind: 'role-session', partition, account: accountId, roleName: text.slice(roleStart, slash), sessionName: text.slice(slash + 1) };
  }
  if (text.startsWith('federated-user/', resource)) {
    const nameStart = resource + 'federated-user/'.length;
    if (nameStart === text.length || text.indexOf('/', nameStart) >= 0) return undefined;
    return { kind: 'federated-user', partition, account: text.slice(account, account + 12), name: text.slice(nameStart) };
  }
  return undefined;
};
