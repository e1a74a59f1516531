// How a node reaches OIDC issuers, as the operator configures it: KEYCARD_OIDC_CA_FILE (extra PEM CA
// certificates to trust beside the system roots, e.g. for an in-house or test issuer) and
// KEYCARD_OIDC_CONNECT_TO ("host=address:port,…": where to connect for an issuer host, as curl's
// --connect-to; the TLS certificate is still checked against the issuer's host name).

export interface OidcFetchConfig {
  readonly caFile?: string;
  readonly connectTo?: Readonly<Record<string, string>>;
}

/** Parses "host=address:port,host2=address2:port2"; throws on an entry without "=". */
export const parseConnectTo = (text: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1) throw new Error(`KEYCARD_OIDC_CONNECT_TO entry "${entry}" is not host=address:port`);
    out[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return out;
};

/** The configuration given, completed from the environment where it says nothing. */
export const oidcFetchConfig = (given: OidcFetchConfig | undefined, env: NodeJS.ProcessEnv): OidcFetchConfig => {
  const caFile = given?.caFile ?? (env.KEYCARD_OIDC_CA_FILE || undefined);
  const connectTo = given?.connectTo ?? (env.KEYCARD_OIDC_CONNECT_TO ? parseConnectTo(env.KEYCARD_OIDC_CONNECT_TO) : undefined);
  return { ...(caFile !== undefined && { caFile }), ...(connectTo !== undefined && { connectTo }) };
};
