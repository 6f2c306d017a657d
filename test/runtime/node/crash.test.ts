/**
 * Crash safety: `feedwright serve` is killed with SIGKILL in the middle of a scrape. After a
 * restart every item stored before the kill is still there, the database is consistent, and the
 * interrupted run is done again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Handler, type Origin } from '../../../testkit/origin.ts';

const BIN = fileURLToPath(new URL('../../../bin/feedwright.mjs', import.meta.url));
const ARTICLES = 20;
/** Articles past this number hang until `released`: the first run is stuck there when killed. */
const ANSWERED = 10;

let origin: Origin;
let dir: string;
let released = false;
const children: ChildProcess[] = [];

function article(n: number): string {
  const para = `<p>Report number ${n} goes on for a while so that it reads like an article body. `.repeat(5) + '</p>';
  return `<!doctype html><html><head><title>Report ${n}</title>
<meta property="article:published_time" content="2024-06-${String(n).padStart(2, '0')}T09:00:00Z"></head>
<body><article><h1>Report ${n}</h1>${para.repeat(3)}</article></body></html>`;
}

beforeAll(async () => {
  const routes: Record<string, Handler> = {
    '/news/': (_req, res) => {
      const cards = Array.from({ length: ARTICLES }, (_, i) => `<div class="card"><h2><a href="/news/${i + 1}">Report ${i + 1}</a></h2></div>`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body>${cards.join('')}</body></html>`);
    },
  };
  for (let n = 1; n <= ARTICLES; n++) {
    routes[`/news/${n}`] = (_req, res) => {
      const answer = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(n));
      if (n <= ANSWERED || released) return void answer();
      const timer = setInterval(() => released && (clearInterval(timer), answer()), 50);
      res.on('close', () => clearInterval(timer));
    };
  }
  origin = await startOrigin({ routes });
  dir = mkdtempSync(join(tmpdir(), 'feedwright-crash-'));
  writeFileSync(join(dir, 'sources.yaml'), `allowPrivateNetworks: true
hostDelayMs: 0
sources:
  - id: slow
    url: ${origin.url}news/
    list:
      item: .card
      link: h2 a
      title: h2 a
`);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await origin?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts `feedwright serve` and resolves with its URL once it listens. */
function serve(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--config', join(dir, 'sources.yaml'), '--db', join(dir, 'db.sqlite'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1], output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${out}`)));
  });
}

function readDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'db.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const storedIds = () => {
  try {
    return readDb((db) => (db.prepare("SELECT id FROM items WHERE source_id = 'slow' ORDER BY id").all() as { id: string }[]).map((r) => r.id));
  } catch {
    return []; // not created yet
  }
};

async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, ms: number, what: string, output = () => ''): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)}); server output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('SIGKILL in the middle of a scrape', () => {
  it('keeps every item stored before the kill, a consistent database, and runs the source again', async () => {
    const first = await serve();
    // The run stores answered articles in batches while it waits on the hanging ones.
    const before = await until(storedIds, (ids) => ids.length >= ANSWERED, 60_000, 'the first batches', first.output);
    await until(() => origin.hits.filter((h) => /^GET \/news\/\d+$/.test(h)).length, (n) => n > ANSWERED, 10_000, 'hanging requests', first.output);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(first.output()).not.toMatch(/\[slow\]/); // the run never finished

    // Nothing stored was lost, the database is consistent, the run's state was never written.
    const afterKill = storedIds();
    expect(afterKill).toEqual(expect.arrayContaining(before));
    expect(afterKill.length).toBeLessThan(ARTICLES);
    expect(readDb((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(readDb((db) => db.prepare("SELECT last_success FROM sources_state WHERE source_id = 'slow'").get())).toBeUndefined();

    // Restart: the interrupted run is done again right away, and finishes this time.
    released = true;
    const second = await serve();
    const health = await until(
      async () => (await (await fetch(`${second.url}/health`)).json()) as { sources: { id: string; lastSuccess: string | null; itemCount: number }[] },
      (h) => h.sources[0].lastSuccess !== null,
      60_000,
      'the resumed run',
      second.output,
    );
    expect(health.sources[0].itemCount).toBe(ARTICLES);
    const final = storedIds();
    expect(final).toEqual(expect.arrayContaining(afterKill));
    expect(final).toHaveLength(ARTICLES);
    expect(second.output()).toMatch(/\[slow\] found 20 links, read \d+ articles: 10 new, 0 updated/);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    expect(readDb((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
  }, 180_000);
});
