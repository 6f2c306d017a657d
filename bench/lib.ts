import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
 * Drives `url` from a separate process (so the load generator does not share the server's event
 * loop) and returns its summary: with wrk when it is installed (`apt-get install wrk`; C, so it
 * needs a fraction of the CPU per request a server does and the server is what saturates), else
 * with autocannon (JavaScript: on two cores it costs about what the server does, so req/s then
 * partly measures the client parsing each answer). `BENCH_CLIENT=autocannon|wrk` chooses.
 */
export async function load(url: string, opts: { seconds: number; connections: number; headers?: Record<string, string> }): Promise<LoadResult> {
  return loadClient() === 'wrk' ? loadWithWrk(url, opts) : loadWithAutocannon(url, opts);
}

let client: 'wrk' | 'autocannon' | undefined;
/** The load generator `load` uses. */
export function loadClient(): 'wrk' | 'autocannon' {
  if (client) return client;
  const wanted = process.env.BENCH_CLIENT;
  if (wanted === 'wrk' || wanted === 'autocannon') return (client = wanted);
  const found = (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, 'wrk')));
  return (client = found ? 'wrk' : 'autocannon');
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    child.stdout.on('data', (d) => (buf += d));
    child.on('error', reject);
    child.on('close', () => resolve(buf));
  });
}

async function loadWithAutocannon(url: string, opts: { seconds: number; connections: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const args = [requireTool.resolve('autocannon/autocannon.js'), '--json', '-d', String(opts.seconds), '-c', String(opts.connections)];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  const r = JSON.parse(await run(process.execPath, [...args, url]));
  return { requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/** wrk, one thread (as the reference figures were taken), its text summary parsed. */
async function loadWithWrk(url: string, opts: { seconds: number; connections: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  const out = await run('wrk', [...args, url]);
  const ms = (label: string) => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const count = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const requests = count(/(\d+) requests in/);
  if (!requests) throw new Error(`wrk gave no result for ${url}:\n${out}`);
  return {
    requests,
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: ms('50'), p99: ms('99'),
    errors: socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
    non2xx: count(/Non-2xx or 3xx responses: (\d+)/),
  };
}

export { machine } from './machine.ts';
