/**
 * The Chromium already on this machine (nothing is downloaded at install time), and the memory
 * its processes use (Linux /proc), for the browser pool's restart cap.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/** Where Chrome or Chromium usually lives: Debian/Ubuntu, macOS, Windows. */
const CANDIDATES = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** How to get a browser, for the error of a `render: browser` source on a machine without one. */
export const NO_CHROMIUM = 'install Chromium (Debian/Ubuntu: apt-get install chromium) or Google Chrome, or set FEEDWRIGHT_CHROMIUM to its executable, then restart';

/**
 * The browser to drive: FEEDWRIGHT_CHROMIUM when set (an error when it does not exist: a typo
 * should not silently fall back), else the first usual path that exists, else null.
 */
export function findChromium(env: Record<string, string | undefined>, exists: (path: string) => boolean = existsSync): string | null {
  const configured = env.FEEDWRIGHT_CHROMIUM?.trim();
  if (configured) {
    if (!exists(configured)) throw new Error(`FEEDWRIGHT_CHROMIUM=${configured}: no such file; point it at a Chrome or Chromium executable`);
    return configured;
  }
  return CANDIDATES.find((path) => exists(path)) ?? null;
}

/**
 * Memory of a process and all its descendants in bytes: the proportional set size (shared pages
 * split between the processes sharing them, so Chromium's shared code is counted once), or the
 * resident size where the kernel has no smaps_rollup. Null where /proc is missing.
 */
export async function processTreeMemory(pid: number): Promise<number | null> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map(async (e) => {
    try {
      const stat = await readFile(`/proc/${e}/stat`, 'utf8');
      // Fields after the command (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(e));
      children.set(parent, list);
      rss.set(Number(e), Number(fields[21]) * 4096);
    } catch {
      // the process ended meanwhile
    }
  }));
  if (!rss.has(pid)) return null;
  const tree: number[] = [];
  for (const stack = [pid]; stack.length > 0;) {
    const p = stack.pop()!;
    tree.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  const sizes = await Promise.all(tree.map(async (p) => (await proportionalSize(p)) ?? rss.get(p) ?? 0));
  return sizes.reduce((a, b) => a + b, 0);
}

/** `Pss:` of /proc/<pid>/smaps_rollup in bytes, or null. */
async function proportionalSize(pid: number): Promise<number | null> {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
