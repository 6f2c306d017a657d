/**
 * Sources at runtime on Node, end to end: a server started on a config file, a local origin, and
 * changes through the admin API, the config file and another process's database writes, with no
 * restart in between.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../../../src/runtime/node/http-server.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { DEMO_DIR, demoWorkspace } from '../../helpers/demo-config.ts';

const ADMIN = 'live-admin-token-0123456789';
let ws: ReturnType<typeof demoWorkspace>;
let server: RunningServer;
let origin: Origin;
const logs: string[] = [];

const config = (extra = '') => `baseUrl: https://feeds.example.org
allowPrivateNetworks: true
hostDelayMs: 0
sources:
  - id: brics-post
    title: The BRICS Post (demo)
    url: file:demo/index.html
    timezone: Asia/Kolkata
${extra}`;

async function waitFor<T>(fn: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out; logs:\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const api = (method: string, path: string, body?: unknown) => fetch(`${server.url}/api${path}`, {
  method,
  headers: { Authorization: `Bearer ${ADMIN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
  body: body ? JSON.stringify(body) : undefined,
});
const health = async () => (await (await fetch(`${server.url}/health`)).json()) as {
  sources: { id: string; lastSuccess: string | null; itemCount: number }[];
  configError?: { file: string; problems: { source: string | null; field: string; message: string }[]; messages: string[] };
};
const listingHits = () => origin.received.filter((r) => r.path === '/index.html').length;

beforeAll(async () => {
  origin = await startOrigin({ root: DEMO_DIR });
  ws = demoWorkspace(config());
  server = await startNodeServer(
    { configPath: ws.config, dbPath: ws.db, port: 0, host: '127.0.0.1', adminToken: ADMIN, extractThreads: 0 },
    (l) => logs.push(l), { debounceMs: 50, pollMs: 200 },
  );
});
afterAll(async () => {
  await server?.stop();
  await origin?.close();
  ws?.cleanup();
});

describe('sources at runtime (Node)', { timeout: 60_000 }, () => {
  it('scrapes a source added through the API right away; its feed has items, no restart', async () => {
    const res = await api('POST', '/sources', { id: 'site', title: 'Site', url: `${origin.url}index.html`, timezone: 'Asia/Kolkata' });
    expect(res.status).toBe(201);
    const feed = await waitFor(async () => {
      const r = await fetch(`${server.url}/feeds/site.json`);
      const doc = (await r.json()) as { items?: unknown[] };
      return (doc.items?.length ?? 0) > 0 && doc;
    });
    expect(feed.items!.length).toBe(5);
    expect(logs.join('\n')).toMatch(/\[site\] found 5 links/);
  });

  it('stops scheduling a paused source and starts again on resume; its feed stays', async () => {
    // Due every second.
    expect((await api('POST', '/sources', { id: 'often', url: `${origin.url}index.html?often`, schedule: '* * * * * *', article: { fetch: false } })).status).toBe(201);
    const often = () => origin.received.filter((r) => r.path === '/index.html' && r.query.has('often')).length;
    await waitFor(async () => often() >= 2);
    expect((await api('POST', '/sources/often/pause')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500)); // a run already under way may finish
    const atPause = often();
    await new Promise((r) => setTimeout(r, 2500));
    expect(often()).toBe(atPause);
    expect((await fetch(`${server.url}/feeds/often.rss`)).status).toBe(200);
    expect((await api('POST', '/sources/often/resume')).status).toBe(200);
    await waitFor(async () => often() > atPause);
    expect((await api('DELETE', '/sources/often')).status).toBe(204);
  });

  it('deletes a source with its items', async () => {
    await waitFor(async () => (await health()).sources.find((s) => s.id === 'site')?.itemCount === 5);
    expect((await api('DELETE', '/sources/site')).status).toBe(204);
    expect((await fetch(`${server.url}/feeds/site.rss`)).status).toBe(404);
    expect((await health()).sources.map((s) => s.id)).not.toContain('site');
    const store = await openSqliteStore(ws.db);
    try {
      expect(await store.listItems('site', 10)).toEqual([]);
      expect(await store.getState('site')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('reloads the config file when it changes; an invalid edit keeps the running sources and is shown', async () => {
    writeFileSync(ws.config, config(`  - id: second\n    url: ${origin.url}index.html?second\n    article: { fetch: false }\n`));
    await waitFor(async () => (await health()).sources.some((s) => s.id === 'second'));
    await waitFor(async () => (await health()).sources.find((s) => s.id === 'second')?.lastSuccess);
    expect(logs.join('\n')).toMatch(/config .*sources\.yaml reloaded: 2 source\(s\), added second/);

    writeFileSync(ws.config, config('  - id: broken\n    url: https://x.example/\n    limit: 0\n'));
    const fault = await waitFor(async () => (await health()).configError);
    expect(fault.file).toBe(ws.config);
    expect(fault.problems).toEqual([{ file: ws.config, source: 'broken', field: 'limit', message: 'must be at least 1' }]);
    expect(fault.messages[0]).toContain('source "broken" (sources[1]): limit: must be at least 1');
    expect((await health()).sources.map((s) => s.id)).toEqual(['brics-post', 'second']);
    expect((await fetch(`${server.url}/feeds/second.rss`)).status).toBe(200);
    expect(((await (await api('GET', '/sources')).json()) as { configError: unknown }).configError).toEqual(fault);
    expect(logs.join('\n')).toMatch(/NOT reloaded, still serving the 2 source\(s\)/);

    // A YAML syntax error names the line.
    writeFileSync(ws.config, 'sources:\n  - id: [oops\n');
    await waitFor(async () => (await health()).configError?.messages[0].includes('line'));

    writeFileSync(ws.config, config());
    await waitFor(async () => !(await health()).sources.some((s) => s.id === 'second') && !(await health()).configError);
    expect(await server.reload()).toBe(true);
  });

  it('picks up database sources written by another process (the CLI)', async () => {
    const other = await openSqliteStore(ws.db);
    try {
      await other.putStoredSource('from-cli', JSON.stringify({ url: `${origin.url}index.html?cli`, article: { fetch: false } }), new Date());
    } finally {
      await other.close();
    }
    await waitFor(async () => (await health()).sources.find((s) => s.id === 'from-cli')?.lastSuccess);
    expect(listingHits()).toBeGreaterThan(0);
  });
});
