/**
 * CPU time of the workerd processes Miniflare started for this process, read from /proc (user +
 * system, in clock ticks): what the benches report as the Worker's CPU. It includes workerd's own
 * HTTP/RPC work per event and the local D1 and KV simulators, which run in the same process, so
 * it is an upper bound on what Cloudflare bills. Linux only.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** The workerd children of this process. */
export function workerdPids(): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'workerd') continue;
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === process.pid) pids.push(Number(d));
    } catch { /* process went away */ }
  }
  if (pids.length === 0) throw new Error('workerd process not found (the bench reads its CPU time from /proc: Linux only)');
  return pids;
}

/** CPU ms used so far by `pids`. */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks += Number(f[11]) + Number(f[12]); // utime, stime
  }
  return ticks * TICK_MS;
}
