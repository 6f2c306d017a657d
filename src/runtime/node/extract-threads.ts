/**
 * Parsing off the request loop: a few worker threads run `extractArticle`, site rules, the listing
 * parsers (cheerio parsing a page takes tens of ms, a big one hundreds; a 4 MB listing seconds) and
 * `normalizeItems` (50 listing entries: dates, text cleaning, two hashes each) while the main
 * thread keeps answering feed requests and only writes. Plugs into the pipeline as
 * `ScrapeDeps.extract`, `ScrapeDeps.parseListing`, `ScrapeDeps.applyRules` and `ScrapeDeps.normalize`.
 *
 * - Threads start on first use and hold the process open only while a page is being extracted.
 * - A thread that dies (crash, out of memory, timeout) fails its page and is replaced on demand.
 * - `close()` fails what is pending and ends every thread.
 */
import { Worker } from 'node:worker_threads';
import type { ExtractOptions } from '../../extract/options.ts';
import type { ExtractedArticle } from '../../model.ts';
import type { ListingKind, ParseListingFn } from '../../pipeline/listing.ts';
import type { ApplyRulesFn } from '../../pipeline/site-rules.ts';
import type { ExtractFn, NormalizeFn } from '../../pipeline/types.ts';

export interface ExtractPoolOptions {
  /** Threads (default 1: on a small machine the other core serves requests). */
  size?: number;
  /** A page taking longer ends its thread and fails (default 60 s). */
  timeoutMs?: number;
}

export interface ExtractPool {
  extract: ExtractFn;
  parseListing: ParseListingFn;
  applyRules: ApplyRulesFn;
  normalize: NormalizeFn;
  /** Fails pending pages, ends the threads; later calls to `extract` fail. */
  close(): Promise<void>;
  /** The threads running now (for tests and diagnostics). */
  workers(): readonly Worker[];
}

/** What a job runs: `article` is extractArticle, `rules` applySiteRules, `normalize` normalizeItems, the others the listing parsers. */
export type JobKind = 'article' | 'rules' | 'normalize' | ListingKind;

/** Main thread → worker: a parser and its arguments (plain data). */
export interface ExtractJob {
  id: number;
  kind: JobKind;
  args: unknown[];
}

/** Worker → main thread. */
export type ExtractAnswer = { id: number; result: unknown } | { id: number; error: string };

interface Pending {
  job: ExtractJob;
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The page this thread is extracting, if any. */
  busy: Pending | null;
  timer: ReturnType<typeof setTimeout> | null;
}

const ENTRY = new URL('./extract-thread.mjs', import.meta.url);

export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const size = Math.max(1, Math.floor(options.size ?? 1));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    // execArgv: [] — the entry registers tsx itself; a parent's `--import tsx` must not load twice.
    const worker = new Worker(ENTRY, { execArgv: [] });
    worker.unref();
    const slot: Slot = { worker, busy: null, timer: null };
    worker.on('message', (answer: ExtractAnswer) => {
      const pending = slot.busy;
      if (!pending || pending.job.id !== answer.id) return;
      finish(slot);
      if ('result' in answer) pending.resolve(answer.result);
      else pending.reject(new Error(answer.error));
      dispatch();
    });
    let failure: Error | null = null;
    worker.on('error', (err) => { failure = err; });
    worker.on('exit', (code) => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      const pending = slot.busy;
      finish(slot);
      pending?.reject(failure ?? new Error(closed ? 'extract pool closed' : `extract worker exited (code ${code})`));
      if (!closed) dispatch(); // a fresh thread takes the queue on
    });
    slots.push(slot);
    return slot;
  }

  function finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.busy = null;
    slot.worker.unref(); // idle: never keeps the process alive
  }

  function dispatch(): void {
    while (queue.length > 0) {
      const slot = slots.find((s) => s.busy === null) ?? (slots.length < size ? spawn() : null);
      if (!slot) return;
      const pending = queue.shift()!;
      slot.busy = pending;
      slot.worker.ref(); // a page in flight keeps the process alive (`feedwright scrape` awaits it)
      slot.timer = setTimeout(() => {
        const busy = slot.busy;
        if (!busy) return;
        slots.splice(slots.indexOf(slot), 1); // no new page for a thread being ended
        finish(slot);
        busy.reject(new Error(`extraction timed out after ${timeoutMs} ms`));
        void slot.worker.terminate(); // 'exit' replaces it
      }, timeoutMs);
      slot.timer.unref();
      slot.worker.postMessage(pending.job);
    }
  }

  function run(kind: JobKind, args: unknown[]): Promise<unknown> {
    if (closed) return Promise.reject(new Error('extract pool closed'));
    return new Promise((resolve, reject) => {
      queue.push({ job: { id: nextId++, kind, args }, resolve, reject });
      dispatch();
    });
  }

  return {
    extract: (html, url, opts: ExtractOptions) => run('article', [html, url, opts]) as Promise<ExtractedArticle>,
    parseListing: ((kind: ListingKind, ...args: unknown[]) => run(kind, args)) as ParseListingFn,
    applyRules: (...args) => run('rules', args) as ReturnType<ApplyRulesFn>,
    normalize: (inputs, ctx) => run('normalize', [inputs, ctx]) as ReturnType<NormalizeFn>,
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('extract pool closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
    workers: () => slots.map((s) => s.worker),
  };
}
