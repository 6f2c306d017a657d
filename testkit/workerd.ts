/**
 * Test harness: bundles the Worker exactly as `wrangler deploy` would (dry run), then runs the
 * bundle in workerd through Miniflare with the bindings declared in wrangler.toml (D1, KV, Queue,
 * assets). The D1 database gets the files in migrations/, statement by statement, as
 * `wrangler d1 migrations apply` sends them (that command itself is exercised in migrations.test.ts;
 * it starts workerd once per file, too slow to repeat for every harness).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from 'wrangler';
import { SPY_WORKER, SpyLog, spyOptions } from './workerd-spy.ts';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WRANGLER = join(ROOT, 'tooling/node_modules/wrangler/bin/wrangler.js');

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
  /** With `spy`: every Queue and D1 call the Worker made (see workerd-spy.ts). */
  spy: SpyLog | null;
  /** The Worker's D1 database, for the test to read and write directly. */
  d1(): Promise<{ prepare(sql: string): unknown; batch(s: unknown[]): Promise<unknown> }>;
  dispose(): Promise<void>;
}

export interface WorkerOptions {
  /** Count the Worker's Queue sends and D1 round trips (`ids`: log each message's source id). */
  spy?: { ids?: boolean };
  /** false: the Worker does not consume its own queue (messages are only counted, nothing is scraped). */
  queueConsumer?: boolean;
}

/** Apply migrations/*.sql in order to a D1 database, one batch per file. */
export async function applyMigrationFiles(db: { prepare(sql: string): unknown; batch(s: unknown[]): Promise<unknown> }): Promise<string[]> {
  const dir = join(ROOT, 'migrations');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  for (const f of files) {
    const statements = unstable_splitSqlQuery(await readFile(join(dir, f), 'utf8'));
    await db.batch(statements.map((sql) => db.prepare(sql)));
  }
  return files;
}

/**
 * Start the bundle in workerd. `vars` become plain-text bindings (e.g. FEEDWRIGHT_CONFIG).
 * State (D1, KV, queues) lives in memory and goes with `dispose()`.
 */
export async function startWorker(bundle: Bundle, vars: Record<string, string>, options: WorkerOptions = {}): Promise<WorkerHarness> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.toml'));
  const wrangled = workerOptions as Record<string, unknown> & {
    d1Databases: Record<string, { id: string }>; queueProducers: Record<string, { queueName: string }>;
  };
  const spy = options.spy ? new SpyLog() : null;
  const worker: Record<string, unknown> = {
    ...wrangled,
    name: 'feedwright',
    modules: true,
    scriptPath: join(bundle.dir, 'index.js'),
    modulesRoot: bundle.dir,
    bindings: vars,
  };
  if (options.queueConsumer === false) delete worker.queueConsumers;
  const workers: Record<string, unknown>[] = [worker];
  if (spy) {
    const { DB, ...d1Databases } = wrangled.d1Databases;
    const { REFRESH_QUEUE, ...queueProducers } = wrangled.queueProducers;
    const spied = spyOptions(DB.id, REFRESH_QUEUE.queueName, options.spy?.ids ?? false);
    Object.assign(worker, { d1Databases, queueProducers, wrappedBindings: { ...(wrangled.wrappedBindings as object), ...spied.wrappedBindings } });
    workers.push(spied.worker);
  }
  const mf = new Miniflare({
    workers,
    d1Persist: false,
    kvPersist: false,
    cachePersist: false,
    ...(spy ? { handleStructuredLogs: ({ message }: { message: string }) => spy.accept(message) } : {}),
    ...(process.env.FW_DEBUG ? { log: new Log(LogLevel.DEBUG) } : {}),
  } as unknown as ConstructorParameters<typeof Miniflare>[0]);
  await mf.ready;
  const d1 = async () => (await mf.getD1Database('DB', spy ? SPY_WORKER : undefined)) as unknown as Awaited<ReturnType<WorkerHarness['d1']>>;
  await applyMigrationFiles(await d1());
  return { mf, spy, d1, dispose: () => mf.dispose() };
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

/** What Miniflare's `getWorker()` offers, typed here (workers-types is not a dependency). */
export interface QueueResult {
  outcome: string;
  ackAll: boolean;
  retryBatch: { retry: boolean };
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
}
export interface WorkerEvents {
  scheduled(options: { cron?: string; scheduledTime?: Date }): Promise<{ outcome: string; noRetry: boolean }>;
  queue(queue: string, messages: { id: string; timestamp: Date; attempts: number; body: unknown }[]): Promise<QueueResult>;
}
export interface KvForTests {
  list(options: { prefix: string }): Promise<{ keys: { name: string }[] }>;
  get(key: string, type: 'text'): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

export async function events(h: WorkerHarness): Promise<WorkerEvents> {
  return (await h.mf.getWorker()) as unknown as WorkerEvents;
}

export async function kv(h: WorkerHarness, binding = 'FEEDS'): Promise<KvForTests> {
  return (await h.mf.getKVNamespace(binding)) as unknown as KvForTests;
}

export async function removeBundle(bundle: Bundle): Promise<void> {
  await rm(bundle.dir, { recursive: true, force: true });
}
