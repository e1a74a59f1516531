// Drives a target with wrk (a C load generator, so the generator is not what limits the measurement): a Lua
// script cycles through pre-signed requests read from a file, one per line as JSON.

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request to replay: its headers (signed beforehand) and form body. */
export interface LoadRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface WrkResult {
  readonly perSecond: number;
  readonly requests: number;
  readonly failed: number;
}

const LUA = `
local requests = {}
local index = 0
init = function(args)
  for line in io.lines(args[1]) do
    local method, rest = line:match("^(%u+) (.*)$")
    local headers = {}
    local body = nil
    for part in rest:gmatch("[^\\t]+") do
      local name, value = part:match("^([^:]+): (.*)$")
      if name == "body" then body = value else headers[name] = value end
    end
    requests[#requests + 1] = wrk.format(method, "/", headers, body)
  end
  index = math.random(#requests) - 1
end
request = function()
  index = index % #requests + 1
  return requests[index]
end
`;

/** Writes the requests and the Lua script that replays them; returns the script's path and the data file. */
export const prepare = (requests: readonly LoadRequest[]): { script: string; data: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'keycard-wrk-'));
  const script = join(dir, 'replay.lua');
  const data = join(dir, 'requests.txt');
  writeFileSync(script, LUA);
  writeFileSync(
    data,
    requests
      .map((r) => ['POST ' + Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join('\t'), `body: ${r.body}`].join('\t'))
      .join('\n') + '\n',
  );
  return { script, data };
};

export const runWrk = (url: string, prepared: { script: string; data: string }, seconds: number, connections: number): Promise<WrkResult> =>
  new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '-s', prepared.script, url, '--', prepared.data], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
      const failed = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: .*?timeout (\d+)/.exec(out)?.[1] ?? 0);
      if (code !== 0 || !Number.isFinite(perSecond)) reject(new Error(`wrk failed (${code}):\n${out}`));
      else resolve({ perSecond, requests, failed });
    });
  });
