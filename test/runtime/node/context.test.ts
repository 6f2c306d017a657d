/**
 * What openContext wires on Node: listing pages are parsed in the extract pool's threads, never
 * on the main thread that answers feed requests; the config's websub limits reach the built-in hub.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openContext, type NodeContext } from '../../../src/runtime/node/context.ts';
import { defaultConfig, demoWorkspace } from '../../helpers/demo-config.ts';
import { startOrigin } from '../../../testkit/origin.ts';

// Calls on this (main) thread are counted; the pool's threads load their own, unmocked modules.
const mainThread = vi.hoisted(() => ({ readListing: 0, applySiteRules: 0 }));
vi.mock('../../../src/extract/site-rules.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/extract/site-rules.ts')>();
  return {
    ...real,
    applySiteRules: (...args: Parameters<typeof real.applySiteRules>) => {
      mainThread.applySiteRules += 1;
      return real.applySiteRules(...args);
    },
  };
});
vi.mock('../../../src/list/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/list/index.ts')>();
  return {
    ...real,
    readListing: (...args: Parameters<typeof real.readListing>) => {
      mainThread.readListing += 1;
      return real.readListing(...args);
    },
  };
});

let ws: ReturnType<typeof demoWorkspace> | null = null;
let ctx: NodeContext | null = null;
afterEach(async () => {
  await ctx?.close();
  ws?.cleanup();
  ctx = null;
  ws = null;
  mainThread.readListing = 0;
  mainThread.applySiteRules = 0;
});

describe('openContext on Node', () => {
  it('parses the listing page in the extract pool, not on the main thread', async () => {
    ws = demoWorkspace();
    ctx = await openContext({ configPath: ws.config, dbPath: ws.db, port: 0 }, () => {});
    const report = await ctx.runner.run(ctx.config.sources[0]);
    expect(report.error).toBeNull();
    expect(report.found).toBe(5);
    expect(mainThread.readListing).toBe(0);
  });

  it('with FEEDWRIGHT_EXTRACT_THREADS=0 the listing is parsed on the main thread', async () => {
    ws = demoWorkspace();
    ctx = await openContext({ configPath: ws.config, dbPath: ws.db, port: 0, extractThreads: 0 }, () => {});
    const report = await ctx.runner.run(ctx.config.sources[0]);
    expect(report.found).toBe(5);
    expect(mainThread.readListing).toBe(1);
  });

  it('applies site rules in the extract pool too: a ruled page costs the main thread no parsing', async () => {
    const ruled = (threads?: number) => {
      ws = demoWorkspace(defaultConfig('    siteConfig: site-config/demo.txt\n'));
      mkdirSync(join(ws.dir, 'site-config'));
      copyFileSync(new URL('../../../data/site-config/demo.txt', import.meta.url), join(ws.dir, 'site-config/demo.txt'));
      return openContext({ configPath: ws.config, dbPath: ws.db, port: 0, ...(threads === undefined ? {} : { extractThreads: threads }) }, () => {});
    };
    ctx = await ruled();
    let report = await ctx.runner.run(ctx.config.sources[0]);
    expect(report.error).toBeNull();
    expect(report.warnings).toEqual([]);
    const [seed] = (await ctx.store.listItems('brics-post', 10)).filter((i) => i.url.endsWith('putin-trump-issue-joint-syria-statement.html'));
    expect(seed.contentHtml).not.toContain('APEC Leader’s Meeting in Da Nang'); // the rule's strip_id_or_class applied
    expect(mainThread.applySiteRules).toBe(0);
    // Without threads the rules run here: the count above is not blind.
    await ctx.close();
    ws?.cleanup();
    ctx = await ruled(0);
    report = await ctx.runner.run(ctx.config.sources[0]);
    expect(report.error).toBeNull();
    expect(mainThread.applySiteRules).toBe(5);
    expect((await ctx.store.listItems('brics-post', 10)).map((i) => i.contentHtml)).toContain(seed.contentHtml);
  });

  it('hands the config websub limits to the built-in hub', async () => {
    // A subscriber that keeps verifications waiting until the test ends.
    const held: (() => void)[] = [];
    let released = false;
    const subscriber = await startOrigin({ routes: { '/cb': (_req, res) => {
      const answer = () => void res.writeHead(404).end();
      if (released) answer();
      else held.push(answer);
    } } });
    const callback = subscriber.at('/cb');
    try {
      ws = demoWorkspace(`allowPrivateNetworks: true\nwebsub:\n  maxPendingVerifications: 1\n${defaultConfig()}`);
      ctx = await openContext({ configPath: ws.config, dbPath: ws.db, port: 0 }, () => {});
      const subscribe = (n: number) => ctx!.websub.handle!(new Request('https://feeds.example.org/websub', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': 'https://feeds.example.org/feeds/brics-post.atom', 'hub.callback': `${callback}?n=${n}` }),
      }));
      expect((await subscribe(1)).status).toBe(202);
      expect((await subscribe(2)).status).toBe(503);
    } finally {
      released = true;
      for (const answer of held.splice(0)) answer();
      await ctx?.websub.idle();
      await subscriber.close();
    }
  });
});
