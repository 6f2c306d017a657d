import { spawn } from 'node:child_process';
import { requireTool } from './tooling.ts';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * Drives `url` with autocannon in a separate process (so the load generator does not share the
 * server's event loop) and returns its summary.
 */
export async function load(url: string, opts: { seconds: number; connections: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const bin = requireTool.resolve('autocannon/autocannon.js');
  const args = [bin, '--json', '-d', String(opts.seconds), '-c', String(opts.connections)];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    child.stdout.on('data', (d) => (buf += d));
    child.on('error', reject);
    child.on('close', () => resolve(buf));
  });
  const r = JSON.parse(out);
  return {
    requests: r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export { machine } from './machine.ts';
