import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../../../src/runtime/node/http-server.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { CHROMIUM, launchChromium } from '../../helpers/browser.ts';
import { DEMO_DIR, demoWorkspace } from '../../helpers/demo-config.ts';

const TOKEN = 'studio-browser-token-0123456789';

// The studio as a person drives it, in real Chromium, against a Node server and a local test site.
describe.skipIf(!CHROMIUM)('the studio in Chromium', () => {
  let ws: ReturnType<typeof demoWorkspace>;
  let site: Origin;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    site = await startOrigin({ root: DEMO_DIR });
    // The test site is on loopback, which sources may only reach when the config allows it.
    ws = demoWorkspace('allowPrivateNetworks: true\nsources:\n  - id: demo\n    title: Demo from the file\n    url: file:demo/index.html\n');
    server = await startNodeServer({ configPath: ws.config, dbPath: ws.db, port: 0, host: '127.0.0.1', adminToken: TOKEN }, () => {});
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    // A CSP violation would show here: the studio runs no inline script or style.
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await site?.close();
    ws?.cleanup();
  });

  it('shows only the sign-in form when signed out, and refuses a wrong token', async () => {
    await page.goto(`${server.url}/admin/`);
    await expect(page.locator('form[action="/admin/sign-in"]')).toBeTruthy();
    expect(await page.locator('#sources-body').count()).toBe(0);
    await page.getByLabel('Admin token').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('not the admin token');
  });

  it('signs in and lists the sources', async () => {
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/admin/`);
    const row = page.locator('tr[data-source="demo"]');
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('Demo from the file');
    // A file source is edited in the file: no edit or delete here.
    expect(await row.innerText()).toContain('config file');
    expect(await row.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'feedwright_studio');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('labels every control and fits a phone screen', async () => {
    for (const path of ['/admin/', '/admin/sources/new']) {
      await page.goto(`${server.url}${path}`);
      const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, button, textarea')]
        .filter((e) => (e as HTMLInputElement).type !== 'hidden')
        .filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label') && !e.textContent?.trim())
        .map((e) => e.outerHTML));
      expect(unlabelled, path).toEqual([]);
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.goto(`${server.url}/admin/`);
  });

  it('previews a pasted address, takes a group, refreshes after a selector edit, saves, and serves the feed without a restart', async () => {
    await page.getByRole('link', { name: 'New source' }).first().click();
    await page.waitForURL(`${server.url}/admin/sources/new`);
    await page.getByLabel('Address of the site').fill(site.at('/index.html'));

    // The detected groups, best first; choosing one fills the list selectors.
    await page.locator('#preview-groups li').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('#preview-groups').innerText()).toContain('Putin, Trump issue joint Syria statement');
    // Each preview reads the listing and three articles at the polite pace: seconds, not milliseconds.
    const slow = { timeout: 30_000 };
    /** The next preview answer whose request body contains `text`. */
    const previewWith = (text: string) => page.waitForResponse((r) => r.url().endsWith('/api/preview') && (r.request().postData() ?? '').includes(text), slow);
    const chosen = previewWith('"list":{"item":');
    await page.getByRole('button', { name: 'Use group 1' }).click();
    const item = page.getByLabel('Each entry');
    await expect.poll(() => item.inputValue()).not.toBe('');
    await expect.poll(() => page.getByRole('button', { name: 'Use group 1' }).getAttribute('aria-pressed')).toBe('true');
    await chosen;
    await expect.poll(() => page.locator('#preview').getAttribute('aria-busy')).toBe('false');
    expect(await page.locator('#preview-status').innerText()).toBe('Found 5 items (html).');
    expect(await page.locator('#preview-items li').count()).toBe(5);
    // Each article field says which rule gave it.
    expect(await page.locator('#preview-articles .from').allTextContents()).toEqual(expect.arrayContaining(['json-ld', 'content']));

    // A selector that matches nothing shows in the preview (and at its field) before saving…
    const broken = previewWith('h6.nothing-here');
    await page.locator('#f-list-title').fill('h6.nothing-here');
    await broken;
    await expect.poll(() => page.locator('#preview-warnings').innerText()).toContain('h6.nothing-here');
    expect(await page.locator('#f-list-title ~ .field-warning').count()).toBe(1);
    // …and goes away once fixed.
    const fixed = page.waitForResponse((r) => r.url().endsWith('/api/preview') && !(r.request().postData() ?? '').includes('h6.'), slow);
    await page.locator('#f-list-title').fill('');
    await fixed;
    await expect.poll(() => page.locator('#preview-warnings').innerText()).not.toContain('h6.nothing-here');

    // A selector that does not parse is refused by the preview and flagged at its field.
    const invalid = previewWith('a[');
    await page.locator('#f-list-date').fill('a[');
    await invalid;
    await expect.poll(() => page.locator('#f-list-date ~ .field-warning').innerText()).toMatch(/list\.date|selector/i);
    expect(await page.locator('#preview-status').innerText()).toMatch(/^No preview: /);
    const valid = page.waitForResponse((r) => r.url().endsWith('/api/preview') && !(r.request().postData() ?? '').includes('a['), slow);
    await page.locator('#f-list-date').fill('');
    await valid;
    await expect.poll(() => page.locator('.field-warning').count()).toBe(0);

    await page.getByLabel('Id').fill('brics');
    await page.getByLabel('Title').first().fill('BRICS from the studio');
    await page.getByRole('button', { name: 'Save source' }).click();
    const saved = page.locator('#saved');
    await saved.waitFor({ state: 'visible', timeout: 10_000 });
    const urls = await page.locator('#saved-urls input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(urls.map((u) => new URL(u).pathname)).toEqual(['/feeds/brics.rss', '/feeds/brics.atom', '/feeds/brics.json']);
    expect(await page.locator('#saved-opml').getAttribute('href')).toMatch(/\/feeds\.opml$/);
    // The screen now edits the saved source: saving again updates it rather than adding a twin.
    expect(new URL(page.url()).pathname).toBe('/admin/sources/brics/edit');
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(1);

    // The new source is scraped at once: its feed fills without a restart.
    const end = Date.now() + 30_000;
    let feed = '';
    while (Date.now() < end) {
      const res = await fetch(`${server.url}/feeds/brics.json`);
      feed = res.ok ? await res.text() : '';
      if ((JSON.parse(feed || '{"items":[]}') as { items: unknown[] }).items.length >= 5) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const json = JSON.parse(feed) as { title: string; items: { title: string }[] };
    expect(json.title).toBe('BRICS from the studio');
    expect(json.items.map((i) => i.title)).toContain('Putin, Trump issue joint Syria statement');
  }, 90_000);

  it('edits a saved source on the same screen', async () => {
    await page.goto(`${server.url}/admin/`);
    const row = page.locator('tr[data-source="brics"]');
    await row.getByRole('link', { name: 'Edit BRICS from the studio' }).click();
    await page.waitForURL(`${server.url}/admin/sources/brics/edit`);
    await expect.poll(() => page.getByLabel('Each entry').inputValue()).not.toBe('');
    expect(await page.getByLabel('Id').inputValue()).toBe('brics');
    expect(await page.getByLabel('Id').getAttribute('readonly')).not.toBeNull();
    await page.getByLabel('Title').first().fill('BRICS, renamed');
    // Filters (applied when rendering): drop one item by its title, case-insensitively.
    await page.locator('details.filters summary').click();
    await page.locator('#f-filters-exclude-title').fill('putin');
    await page.getByLabel('Case-sensitive').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#saved').waitFor({ state: 'visible', timeout: 10_000 });
    const feed = async () => (await (await fetch(`${server.url}/feeds/brics.json`)).json()) as { title: string; items: { title: string }[] };
    await expect.poll(async () => (await feed()).title).toBe('BRICS, renamed');
    const titles = (await feed()).items.map((i) => i.title);
    expect(titles).toHaveLength(4);
    expect(titles).not.toContain('Putin, Trump issue joint Syria statement');
    const stored = await (await page.request.get(`${server.url}/api/sources/brics`)).json() as { config: Record<string, unknown> };
    expect(stored.config.filters).toEqual({ exclude: { title: 'putin' }, caseSensitive: false });
  });

  it('runs, pauses, resumes and deletes from the sources table', async () => {
    await page.goto(`${server.url}/admin/`);
    const row = page.locator('tr[data-source="brics"]');
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('BRICS, renamed');
    await expect.poll(() => row.innerText()).toMatch(/\b5\b/);
    await row.getByRole('button', { name: 'Run now BRICS, renamed' }).click();
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 30_000 }).toBe('Ran brics.');
    await row.getByRole('button', { name: 'Pause BRICS, renamed' }).click();
    await expect.poll(() => row.innerText()).toContain('Paused');
    // The keyboard stays on the row: focus moves to its Resume button.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Resume BRICS, renamed');
    await row.getByRole('button', { name: 'Resume BRICS, renamed' }).click();
    await expect.poll(() => row.innerText()).not.toContain('Paused');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete BRICS, renamed' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await fetch(`${server.url}/feeds/brics.rss`)).status).toBe(404);
  });

  it('switches the render mode: the preview asks for the browser and shows why this server has none', async () => {
    await page.goto(`${server.url}/admin/sources/new`);
    await page.getByLabel('Address of the site').fill(site.at('/index.html'));
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/preview') && (r.request().postData() ?? '').includes('"render":{"mode":"browser"}'), { timeout: 30_000 });
    await page.getByLabel('Read pages').selectOption('browser');
    const answer = await (await asked).json() as { readBy: string; error: string | null };
    // This server was started without a Chromium: the preview says how to get one instead of reading statically.
    expect(answer.error).toMatch(/chrom/i);
    await expect.poll(() => page.locator('#preview-warnings').innerText(), { timeout: 10_000 }).toMatch(/chrom/i);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/admin/`);
    expect(await page.locator('form[action="/admin/sign-in"]').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
