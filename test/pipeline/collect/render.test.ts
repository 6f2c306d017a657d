/**
 * Which way a source's pages are read (static, browser, auto and its memory), with stand-ins for
 * the static fetcher and the browser: no Chromium needed (test/runtime/node/render.test.ts drives
 * the real one).
 */
import { describe, expect, it } from 'vitest';
import type { BrowserFetch } from '../../../src/fetch/browser.ts';
import type { Fetcher, FetchResult } from '../../../src/fetch/types.ts';
import { formatReport } from '../../../src/pipeline/runner.ts';
import { scrapeSource } from '../../../src/pipeline/scrape.ts';
import { siteRuleResolver } from '../../../src/pipeline/site-rules.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import { jsArticleText } from '../../../testkit/js-site.ts';
import { makeSource } from '../../../testkit/sources.ts';

const LISTING = '<main><ul>' + [1, 2].map((n) => `<li><h2><a href="https://js.example/post/${n}">Story number ${n}</a></h2></li>`).join('') + '</ul></main>';
const ARTICLE = (n: string) => `<html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1><p>${jsArticleText(Number(n))}</p></article></body></html>`;
const SHELL = '<html><body><div id="app"></div><script src="/app.js"></script></body></html>';

const page = (url: string, text: string): FetchResult => ({ url, status: 200, notModified: false, text, contentType: 'text/html', etag: null, lastModified: null });

/** A site whose static HTML is an empty shell (`shell`) or the real thing, and a browser that always sees the real thing. */
function site(shell: boolean) {
  const calls = { static: [] as string[], browser: [] as string[] };
  const real = (url: string) => (url.endsWith('/') ? LISTING : ARTICLE(url.split('/').pop()!));
  const fetch: Fetcher = async (url) => {
    calls.static.push(url);
    return page(url, shell ? SHELL : real(url));
  };
  const browser: BrowserFetch = async (url) => {
    calls.browser.push(url);
    return page(url, real(url));
  };
  return { calls, fetch, browser };
}

describe('render modes', () => {
  it('static (the default) never asks the browser', async () => {
    const { calls, fetch, browser } = site(false);
    const report = await scrapeSource(makeSource({ id: 's', url: 'https://js.example/' }), { fetch, browser, store: await openSqliteStore(':memory:') });
    expect(report).toMatchObject({ ok: true, created: 2 });
    expect(calls.browser).toEqual([]);
    expect(report.rendered).toBeUndefined();
    expect(report.readBy).toEqual({ listing: 'static', article: 'static' });
  });

  it('browser reads every page in the browser only, with the source\'s waitFor and timeout', async () => {
    const { calls, fetch } = site(true);
    const seen: unknown[] = [];
    const browser: BrowserFetch = async (url, options) => {
      seen.push(options);
      return site(true).browser(url, options);
    };
    const source = makeSource({ id: 'b', url: 'https://js.example/', render: { mode: 'browser', waitFor: 'main a', timeout: 5000 } });
    const report = await scrapeSource(source, { fetch, browser, store: await openSqliteStore(':memory:') });
    expect(report).toMatchObject({ ok: true, created: 2, rendered: 3 });
    expect(formatReport(report)).toContain('2 new, 0 updated, 0 unchanged, 3 page(s) rendered in the browser');
    expect(calls.static).toEqual([]);
    expect(seen[0]).toEqual({ waitFor: 'main a', timeoutMs: 5000 });
  });

  it('auto falls back to the browser for a shell, remembers it, and starts there next time', async () => {
    const { calls, fetch, browser } = site(true);
    const store = await openSqliteStore(':memory:');
    const source = makeSource({ id: 'a', url: 'https://js.example/', render: 'auto' });
    expect(await scrapeSource(source, { fetch, browser, store })).toMatchObject({
      ok: true, created: 2, rendered: 3, readBy: { listing: 'browser', article: 'browser' },
    });
    expect(calls.static).toHaveLength(3);
    expect((await store.getState('a'))?.rendered).toEqual({ listing: 'browser', article: 'browser' });
    calls.static.length = 0;
    const again = await scrapeSource(source, { fetch, browser, store });
    expect(again.ok).toBe(true);
    expect(calls.static).toEqual([]);
  });

  it('auto keeps static pages static and goes back to static when the browser is not needed any more', async () => {
    const { calls, fetch } = site(false);
    const store = await openSqliteStore(':memory:');
    const source = makeSource({ id: 'a', url: 'https://js.example/', render: 'auto' });
    const state = { sourceId: 'a', lastAttempt: null, lastSuccess: null, lastError: null, consecutiveFailures: 0, nextAttempt: null,
      originEtag: null, originLastModified: null, rendered: { listing: 'browser' as const } };
    await store.saveState(state);
    // Remembered browser, but the browser's listing is empty this time: static works and is remembered.
    const emptyBrowser: BrowserFetch = async (url) => {
      calls.browser.push(url);
      return page(url, '<main></main>');
    };
    expect(await scrapeSource(source, { fetch, browser: emptyBrowser, store })).toMatchObject({ ok: true, created: 2 });
    expect(calls.browser).toEqual(['https://js.example/']);
    expect((await store.getState('a'))?.rendered).toEqual({ listing: 'static', article: 'static' });
  });

  it('auto without a browser stays static; browser without one says how to get one', async () => {
    const { fetch } = site(true);
    const store = await openSqliteStore(':memory:');
    const auto = await scrapeSource(makeSource({ id: 'a', url: 'https://js.example/', render: 'auto' }), { fetch, store, noBrowser: 'install one' });
    expect(auto.error).toBe('no article links found on the listing page');
    expect((await store.getState('a'))?.rendered).toBeUndefined();
    const browser = await scrapeSource(makeSource({ id: 'b', url: 'https://js.example/', render: 'browser' }), { fetch, store, noBrowser: 'install one' });
    expect(browser.error).toBe('source "b" has render: browser, but there is no browser here: install one');
  });
});

describe('render modes with site rules', () => {
  // The rule reads a kicker line as the title: automatic extraction would take the <h1>.
  const RULES = 'title: //div[@class="kicker"]\nbody: //article\n';
  const ruled = (page: string) => page.replace('<article>', (_m) => '<div class="kicker">Title by rule</div><article>');
  const resolver = siteRuleResolver(async (url) => (url.endsWith('js.txt') ? RULES : null));
  const withRules = (render: 'browser' | 'auto') =>
    makeSource({ id: `r-${render}`, url: 'https://js.example/', render: render === 'auto' ? 'auto' : { mode: 'browser' }, siteConfig: 'js.txt' }, { fileBase: 'file:///rules/' });

  for (const mode of ['browser', 'auto'] as const) {
    it(`${mode}: the rules read the page the browser rendered`, async () => {
      const { calls, fetch } = site(true);
      const browser: BrowserFetch = async (url) => {
        calls.browser.push(url);
        const real = url.endsWith('/') ? LISTING : ruled(ARTICLE(url.split('/').pop()!));
        return page(url, real);
      };
      const store = await openSqliteStore(':memory:');
      const report = await scrapeSource(withRules(mode), { fetch, browser, store, siteRules: resolver });
      expect(report).toMatchObject({ ok: true, created: 2, readBy: { article: 'browser' } });
      const items = await store.listItems(`r-${mode}`, 10);
      expect(items.map((i) => i.title)).toEqual(['Title by rule', 'Title by rule']);
      expect(items[0].contentHtml).toContain(jsArticleText(Number(items[0].url.split('/').pop())).slice(0, 40));
    });
  }
});
