// A test OpenID Connect issuer: HTTPS on a loopback port with a self-signed certificate, serving the
// discovery document and a JWKS, and signing tokens with jose. Its issuer URL has no port (IAM OIDC
// provider URLs may not, §5.9), so a Keycard node reaches it through `connectTo` and trusts it via `caFile`.

import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { selfSigned } from './self-signed.js';

type Algorithm = 'RS256' | 'ES256' | 'RS384' | 'ES384' | 'PS256';

interface SigningKey {
  readonly kid: string;
  readonly alg: Algorithm;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

export interface SignOptions {
  /** Sign with the key of this id (default: the newest published key). */
  readonly kid?: string;
  /** Sign with a key the issuer never published. */
  readonly unpublished?: boolean;
  /** Seconds from now; negative for an expired token (default 300). */
  readonly expiresIn?: number;
  readonly issuedAt?: number;
}

export interface TestOidcIssuer {
  /** https://HOST/PATH, the token `iss` and the IAM provider Url. */
  readonly issuer: string;
  readonly host: string;
  readonly port: number;
  readonly caFile: string;
  readonly caPem: string;
  /** For ServerConfig.oidc / IssuerKeys: reach HOST at the loopback port. */
  readonly connectTo: Readonly<Record<string, string>>;
  /** How many times the JWKS was fetched. */
  readonly jwksFetches: () => number;
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  /** Publishes a new key (the old one stays published) and returns its kid. */
  addKey(alg?: Algorithm): Promise<string>;
  close(): Promise<void>;
}

const newKey = async (alg: Algorithm, kid: string): Promise<SigningKey> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
};

export const startOidcIssuer = async (options: { host?: string; path?: string; alg?: Algorithm } = {}): Promise<TestOidcIssuer> => {
  const host = options.host ?? 'issuer.keycard.test';
  const path = options.path ?? '';
  const issuer = `https://${host}${path}`;
  const cert = await selfSigned(host, [host]);
  const keys: SigningKey[] = [await newKey(options.alg ?? 'RS256', 'key-1')];
  let fetches = 0;
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === `${path}/.well-known/openid-configuration`) {
      json({ issuer, jwks_uri: `${issuer}/keys`, id_token_signing_alg_values_supported: ['RS256', 'ES256'], subject_types_supported: ['public'], response_types_supported: ['id_token'] });
    } else if (req.url === `${path}/keys`) {
      fetches += 1;
      json({ keys: keys.map((k) => k.jwk) });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sign = async (claims: JWTPayload, signOptions: SignOptions = {}): Promise<string> => {
    const key = signOptions.unpublished
      ? await newKey(keys[keys.length - 1]!.alg, keys[keys.length - 1]!.kid)
      : (keys.find((k) => k.kid === signOptions.kid) ?? keys[keys.length - 1]!);
    const now = signOptions.issuedAt ?? Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, iat: now, exp: now + (signOptions.expiresIn ?? 300), ...claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  };

  return {
    issuer,
    host,
    port,
    caFile: cert.certFile,
    caPem: cert.certPem,
    connectTo: { [host]: `127.0.0.1:${port}` },
    jwksFetches: () => fetches,
    sign,
    addKey: async (alg = 'RS256') => {
      const key = await newKey(alg, `key-${keys.length + 1}`);
      keys.push(key);
      return key.kid;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
