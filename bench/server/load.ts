// A closed-loop HTTP load generator: N concurrent keep-alive connections, each sending the next request as
// soon as the previous answer arrives, for a fixed time. Counts answers by status.

import { Agent, request } from 'node:http';

export interface LoadRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LoadResult {
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** The first failure's status and body, to show what went wrong. */
  readonly firstFailure?: string;
}

const send = (agent: Agent, url: URL, req: LoadRequest): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const r = request(
      { agent, host: url.hostname, port: url.port, path: '/', method: 'POST', headers: { ...req.headers, host: url.host, 'content-length': Buffer.byteLength(req.body) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });

/** Runs `concurrency` loops for `seconds`, each taking its next request from `next`. */
export const runLoad = async (
  target: string,
  next: () => LoadRequest,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> => {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const loop = async () => {
    while (performance.now() < deadline) {
      try {
        const { status, body } = await send(agent, url, next());
        if (status === 200) ok++;
        else {
          failed++;
          firstFailure ??= `${status} ${body.slice(0, 300)}`;
        }
      } catch (error) {
        failed++;
        firstFailure ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { ok, failed, seconds: elapsed, perSecond: ok / elapsed, ...(firstFailure !== undefined && { firstFailure }) };
};
