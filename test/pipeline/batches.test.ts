import { describe, expect, it } from 'vitest';
import { orderedBatches } from '../../src/pipeline/batches.ts';
import type { Handler } from '../../testkit/origin.ts';
import { makeSource } from '../../testkit/sources.ts';

describe('orderedBatches', () => {
  it('writes finished items in queue order, a full batch at a time, the rest at finish', async () => {
    const writes: number[][] = [];
    const b = orderedBatches<number>(7, 2, async (items) => void writes.push(items));
    b.complete(1, 11);
    expect(writes).toEqual([]); // slot 0 is not done: nothing may be written ahead of it
    b.complete(0, 10);
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toEqual([[10, 11]]);
    b.complete(3, 13);
    b.complete(2, undefined); // a failed read leaves a gap, not a hole in the order
    b.complete(4, 14);
    b.complete(6, 16);
    expect(await b.finish()).toBe(5);
    expect(writes).toEqual([[10, 11], [13, 14], [16]]);
  });

  it('writes one batch at a time, never two at once', async () => {
    let active = 0;
    let maxActive = 0;
    const b = orderedBatches<number>(6, 1, async () => {
      maxActive = Math.max(maxActive, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    });
    for (let i = 0; i < 6; i++) b.complete(i, i);
    expect(await b.finish()).toBe(6);
    expect(maxActive).toBe(1);
  });

  it('reports a failed write from finish, and stops writing after it', async () => {
    const writes: number[][] = [];
    const b = orderedBatches<number>(3, 1, async (items) => {
      if (items[0] === 1) throw new Error('disk full');
      writes.push(items);
    });
    b.complete(0, 0);
    b.complete(1, 1);
    b.complete(2, 2);
    await expect(b.finish()).rejects.toThrow('disk full');
    expect(writes).toEqual([[0]]);
  });

  it('writes nothing when nothing succeeded', async () => {
    const writes: number[][] = [];
    const b = orderedBatches<number>(2, 5, async (items) => void writes.push(items));
    b.complete(0, undefined);
    b.complete(1, undefined);
    expect(await b.finish()).toBe(0);
    expect(writes).toEqual([]);
  });
});

describe('scrapeSource stores items while the run is still reading', () => {
  it('has the first batches in the store before the last article page answers', async () => {
    const { startOrigin } = await import('../../testkit/origin.ts');
    const { createFetcher } = await import('../../src/fetch/fetcher.ts');
    const { openSqliteStore } = await import('../../src/runtime/node/sqlite.ts');
    const { scrapeSource } = await import('../../src/pipeline/scrape.ts');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const page = (n: number) => `<html><head><title>Story ${n}</title>
<meta property="article:published_time" content="2024-01-${String(n).padStart(2, '0')}T00:00:00Z"></head>
<body><article><h1>Story ${n}</h1>${'<p>Some words of the story, enough to be a body. </p>'.repeat(8)}</article></body></html>`;
    const routes: Record<string, Handler> = {
      '/': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' })
        .end(Array.from({ length: 8 }, (_, i) => `<div class="c"><a href="/s/${i + 1}">Story ${i + 1}</a></div>`).join('')),
    };
    for (let n = 1; n <= 8; n++) {
      routes[`/s/${n}`] = async (_req, res) => {
        if (n === 8) await gate; // the last page hangs until the test has looked at the store
        res.writeHead(200, { 'content-type': 'text/html' }).end(page(n));
      };
    }
    const origin = await startOrigin({ routes });
    const store = await openSqliteStore(':memory:');
    let run: Promise<unknown> = Promise.resolve();
    try {
      run = scrapeSource(
        makeSource({ id: 's', title: 'S', url: origin.url, list: { item: '.c', link: 'a' } }),
        { fetch: createFetcher({ allowPrivateNetworks: true }), store, batchSize: 3 },
      );
      // Stories 1–7 are written in batches of at least 3 (1–3, then 4–6 or 4–7); 8 is still hanging.
      for (let i = 0; i < 200 && (await store.feedVersion('s')).itemCount < 6; i++) await new Promise((r) => setTimeout(r, 25));
      expect((await store.feedVersion('s')).itemCount).toBeGreaterThanOrEqual(6);
      expect((await store.feedVersion('s')).itemCount).toBeLessThan(8);
      expect(await store.getState('s')).toBeNull(); // the run has not finished
      release();
      const report = await run;
      expect(report).toMatchObject({ ok: true, created: 8 });
      expect((await store.feedVersion('s')).itemCount).toBe(8);
    } finally {
      release();
      await run.catch(() => {});
      await origin.close();
      await store.close();
    }
  });
});
