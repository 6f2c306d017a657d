/**
 * The Node server as people run it, with sources that need a browser: rendered with a Chromium
 * (FEEDWRIGHT_CHROMIUM or the one on the machine), and without one a `/health` error saying how
 * to install it while the other sources run normally.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../../../src/runtime/node/http-server.ts';
import { startJsSite } from '../../../testkit/js-site.ts';
import type { Origin } from '../../../testkit/origin.ts';
import { CHROMIUM } from '../../helpers/browser.ts';

interface Health { sources: { id: string; lastSuccess: string | null; lastError: string | null }[] }

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(site: Origin, chromium: string | null): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-render-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'sources.yaml');
  writeFileSync(config, [
    'allowPrivateNetworks: true', 'hostDelayMs: 0', 'health: public', 'sources:',
    `  - id: js\n    url: ${site.url}\n    render: { mode: browser, waitFor: "main a, article" }`,
    `  - id: js-auto\n    url: ${site.url}\n    render: auto`,
  ].join('\n'));
  const server = await startNodeServer({ configPath: config, dbPath: join(dir, 'db.sqlite'), port: 0, host: '127.0.0.1', chromium }, () => {});
  cleanups.push(() => server.stop());
  return server;
}

async function health(server: RunningServer, done: (h: Health) => boolean): Promise<Health> {
  const end = Date.now() + 60_000;
  for (;;) {
    const h = await (await fetch(`${server.url}/health`)).json() as Health;
    if (done(h)) return h;
    if (Date.now() > end) throw new Error(`sources did not finish: ${JSON.stringify(h)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const finished = (h: Health) => h.sources.every((s) => s.lastSuccess || s.lastError);

describe('the Node server with render sources', () => {
  it('without a browser: /health says how to install one; auto sources are read statically', async () => {
    const site = await startJsSite();
    cleanups.push(() => site.close());
    const server = await serve(site, null);
    const h = await health(server, finished);
    expect(h.sources.find((s) => s.id === 'js')?.lastError).toMatch(/has render: browser, but there is no browser here: install Chromium \(Debian\/Ubuntu: apt-get install chromium\) or Google Chrome, or set FEEDWRIGHT_CHROMIUM/);
    expect(h.sources.find((s) => s.id === 'js-auto')?.lastError).toMatch(/no article links found on the listing page$/);
  });

  it.skipIf(!CHROMIUM)('with a browser: both sources become feeds', async () => {
    const site = await startJsSite({ articles: 3 });
    cleanups.push(() => site.close());
    const server = await serve(site, CHROMIUM);
    const h = await health(server, (x) => x.sources.every((s) => s.lastSuccess));
    expect(h.sources.map((s) => s.lastError)).toEqual([null, null]);
    const feed = await (await fetch(`${server.url}/feeds/js.json`)).json() as { items: { title: string }[] };
    expect(feed.items.map((i) => i.title)).toEqual(['Article 3', 'Article 2', 'Article 1']);
  }, 120_000);
});
