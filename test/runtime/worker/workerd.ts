/**
 * Test harness: bundles the Worker exactly as `wrangler deploy` would (dry run), then runs the
 * bundle in workerd through Miniflare with the bindings declared in wrangler.toml (D1, KV, Queue,
 * assets). The D1 database is migrated the way the README says: `wrangler d1 migrations apply`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

/** Run the project's wrangler CLI (never touching a Cloudflare account). */
export async function wrangler(args: string[], cwd = ROOT): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [WRANGLER, ...args], {
    cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout + stderr;
}

export interface Bundle {
  dir: string;
  /** Bytes of the bundled modules (what `wrangler deploy` uploads, assets aside). */
  bytes: number;
}

/** `wrangler deploy --dry-run --outdir` into a temp folder. */
export async function buildWorker(): Promise<Bundle> {
  const dir = await mkdtemp(join(tmpdir(), 'feedwright-worker-'));
  await wrangler(['deploy', '--dry-run', '--outdir', dir]);
  let bytes = 0;
  for (const f of await readdir(dir)) if (!f.endsWith('.map') && !f.endsWith('.md')) bytes += (await stat(join(dir, f))).size;
  return { dir, bytes };
}

export interface WorkerHarness {
  mf: Miniflare;
  persist: string;
  dispose(): Promise<void>;
}

/**
 * Start the bundle in workerd. `vars` become plain-text bindings (e.g. FEEDWRIGHT_CONFIG).
 * `consumer: false` drops the queue consumer, so tests can deliver messages by hand.
 */
export async function startWorker(
  bundle: Bundle, vars: Record<string, string>, options: { consumer?: boolean } = {},
): Promise<WorkerHarness> {
  const persist = await mkdtemp(join(tmpdir(), 'feedwright-state-'));
  // The README's migration step, against a local database.
  await wrangler(['d1', 'migrations', 'apply', 'feedwright', '--local', '--persist-to', persist]);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.toml'));
  const mf = new Miniflare({
    ...(workerOptions as object),
    name: 'feedwright',
    modules: true,
    scriptPath: join(bundle.dir, 'index.js'),
    modulesRoot: bundle.dir,
    bindings: vars,
    queueConsumers: options.consumer === false ? {} : workerOptions.queueConsumers,
    d1Persist: join(persist, 'v3', 'd1'),
    kvPersist: false,
    cachePersist: false,
  } as ConstructorParameters<typeof Miniflare>[0]);
  await mf.ready;
  return {
    mf,
    persist,
    async dispose() {
      await mf.dispose();
      await rm(persist, { recursive: true, force: true });
    },
  };
}

/** Poll until `check` returns a value (not undefined/false) or `ms` pass. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
