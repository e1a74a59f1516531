// The Credential component, `<AKID>/<YYYYMMDD>/<region>/<service>/aws4_request` (§7.1): its shape only.
// Whether the date, region, service and terminator are the right ones is verify's business (check-scope.ts).

export type CredentialScope = {
  /** YYYYMMDD, as the client wrote it. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** Should be `aws4_request`; kept as sent so verify can say what was wrong. */
  readonly terminator: string;
};

export type Credential = { readonly accessKeyId: string; readonly scope: CredentialScope };

/** The scope as it appears in the string to sign. */
export const scopeText = (scope: CredentialScope): string =>
  `${scope.date}/${scope.region}/${scope.service}/${scope.terminator}`;

/** Undefined unless there are exactly five non-empty parts and the date part is eight digits. */
export const parseCredential = (text: string): Credential | undefined => {
  const parts = text.split('/');
  if (parts.length !== 5 || parts.some((part) => part === '')) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (!/^\d{8}$/.test(date)) return undefined;
  return { accessKeyId, scope: { date, region, service, terminator } };
};

/** What a well-formed credential looks like, for error messages. */
export const CREDENTIAL_SHAPE = '<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request';
