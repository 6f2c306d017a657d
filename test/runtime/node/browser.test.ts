import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startNodeServer, type RunningServer } from '../../../src/runtime/node/http-server.ts';
import { CHROMIUM, launchChromium } from '../../helpers/browser.ts';
import { demoWorkspace } from '../../helpers/demo-config.ts';

// What a person sees in a real browser: the index page, and a feed URL opened directly.
describe.skipIf(!CHROMIUM)('in Chromium', () => {
  let ws: ReturnType<typeof demoWorkspace>;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ws = demoWorkspace();
    server = await startNodeServer({ configPath: ws.config, dbPath: ws.db, port: 0, host: '127.0.0.1' }, () => {});
    const end = Date.now() + 20_000;
    for (;;) {
      const h = await (await fetch(`${server.url}/health`)).json() as { sources: { lastSuccess: string | null }[] };
      if (h.sources.every((s) => s.lastSuccess)) break;
      if (Date.now() > end) throw new Error('the demo sources did not finish their first run');
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    ws?.cleanup();
  });

  for (const ext of ['rss', 'atom']) {
    it(`shows a ${ext} feed opened in the browser as a readable page, not a download`, async () => {
      const page = await browser.newPage();
      const response = await page.goto(`${server.url}/feeds/brics-post.${ext}`, { timeout: 10_000 });
      expect(response?.status()).toBe(200);
      await expect.poll(() => page.locator('h1').textContent()).toContain('The BRICS Post');
      const titles = await page.locator('li a').allTextContents();
      expect(titles).toContain('Putin, Trump issue joint Syria statement');
      // Each entry links to its article; the page tells the visitor what a feed is for.
      expect(await page.locator('li a').first().getAttribute('href')).toMatch(/^https?:\/\/[^/]+\/local\/brics-post\/./);
      expect(await page.locator('body').innerText()).toMatch(/feed reader/i);
      await page.close();
    });
  }

  it('shows the index page with each source\'s state in words and how to add a site', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/The BRICS Post/);
    expect(text).toMatch(/\bok\b/i);
    expect(text).toMatch(/add a site/i);
    await page.close();
  });
});
