// Fetches one JSON document from an identity provider over HTTPS (discovery and JWKS, §5.9): a total
// timeout, a size cap, no redirects, the system roots plus any CA certificates the operator added, and an
// optional connect-to override (like curl's --connect-to) that reaches a host at another address.

import { request } from 'node:https';
import { rootCertificates } from 'node:tls';

export interface FetchSettings {
  /** Extra trusted CA certificates (PEM), beside the system roots. */
  readonly extraCa?: readonly string[];
  /** "host" → "address:port": where to connect for that host; TLS still checks the original host name. */
  readonly connectTo?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** The provider could not be reached or did not answer with JSON; the message is safe to show the caller. */
export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
}

const target = (url: URL, connectTo: FetchSettings['connectTo']): { host: string; port: number } => {
  const override = connectTo?.[url.hostname];
  if (override === undefined) return { host: url.hostname, port: url.port === '' ? 443 : Number(url.port) };
  const colon = override.lastIndexOf(':');
  return colon < 0 ? { host: override, port: 443 } : { host: override.slice(0, colon), port: Number(override.slice(colon + 1)) };
};

export const fetchJson = (href: string, settings: FetchSettings): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const url = new URL(href);
    if (url.protocol !== 'https:') {
      reject(new FetchFailure(`${href} is not an https URL`));
      return;
    }
    const { host, port } = target(url, settings.connectTo);
    const req = request(
      {
        host,
        port,
        servername: url.hostname,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { host: url.host, accept: 'application/json' },
        ...(settings.extraCa !== undefined && settings.extraCa.length > 0 && { ca: [...rootCertificates, ...settings.extraCa] }),
        timeout: settings.timeoutMs,
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new FetchFailure(`${href} answered HTTP ${res.statusCode}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > settings.maxBytes) {
            req.destroy(new FetchFailure(`${href} answered more than ${settings.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new FetchFailure(`${href} did not answer JSON`));
          }
        });
        res.on('error', (error) => reject(error instanceof FetchFailure ? error : new FetchFailure(`${href}: ${error.message}`)));
      },
    );
    // The socket timeout covers idle time; the timer bounds the whole exchange.
    const timer = setTimeout(() => req.destroy(new FetchFailure(`${href} did not answer within ${settings.timeoutMs} ms`)), settings.timeoutMs);
    req.on('timeout', () => req.destroy(new FetchFailure(`${href} did not answer within ${settings.timeoutMs} ms`)));
    req.on('error', (error) => reject(error instanceof FetchFailure ? error : new FetchFailure(`${href}: ${error.message}`)));
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
