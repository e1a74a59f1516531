// IAM and STS ARNs (§6.2): the region is always empty, the path sits between the type and the name.

export const PARTITION = 'aws';

/** `arn:aws:iam::ACCT:TYPE/PATH-without-leading-slash NAME`; path defaults to "/". */
export const iamArn = (account: string, type: string, name: string, path = '/'): string =>
  `arn:${PARTITION}:iam::${account}:${type}${path}${name}`;

export const rootArn = (account: string): string => `arn:${PARTITION}:iam::${account}:root`;

export const awsManagedPolicyArn = (name: string, path = '/'): string => `arn:${PARTITION}:iam::aws:policy${path}${name}`;

export const assumedRoleArn = (account: string, roleName: string, sessionName: string): string =>
  `arn:${PARTITION}:sts::${account}:assumed-role/${roleName}/${sessionName}`;

export interface ParsedIamArn {
  readonly account: string;
  /** "user", "role", "policy", … */
  readonly type: string;
  readonly path: string;
  readonly name: string;
}

const IAM_ARN = /^arn:[^:]+:iam::(\d{12}|aws):([a-z-]+)(\/(?:.*\/)?)([^/]+)$/;

/** Splits an IAM ARN into account, resource type, path and name; undefined for other shapes. */
export const parseIamArn = (arn: string): ParsedIamArn | undefined => {
  const m = IAM_ARN.exec(arn);
  if (m === null) return undefined;
  return { account: m[1]!, type: m[2]!, path: m[3]!, name: m[4]! };
};
