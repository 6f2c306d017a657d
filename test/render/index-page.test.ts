import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderIndexPage } from '../../src/render/index-page.ts';

describe('renderIndexPage', () => {
  const feeds = [
    { id: 'news', title: 'News & <b>Views</b> "q"', siteUrl: 'https://news.example/', itemCount: 3, updated: '2024-03-05T12:00:00.000Z' },
    { id: 'blog', title: 'Blog', siteUrl: 'https://blog.example/' },
  ];
  const html = renderIndexPage(feeds, { baseUrl: 'https://feeds.example' });
  const { document } = parseHTML(html);

  it('has one autodiscovery link per feed and format', () => {
    const links = [...document.querySelectorAll('link[rel="alternate"]')].map((l) => [l.getAttribute('type'), l.getAttribute('href'), l.getAttribute('title')]);
    expect(links).toEqual([
      ['application/rss+xml', 'https://feeds.example/feeds/news.rss', 'News & <b>Views</b> "q" (RSS)'],
      ['application/atom+xml', 'https://feeds.example/feeds/news.atom', 'News & <b>Views</b> "q" (Atom)'],
      ['application/feed+json', 'https://feeds.example/feeds/news.json', 'News & <b>Views</b> "q" (JSON Feed)'],
      ['application/rss+xml', 'https://feeds.example/feeds/blog.rss', 'Blog (RSS)'],
      ['application/atom+xml', 'https://feeds.example/feeds/blog.atom', 'Blog (Atom)'],
      ['application/feed+json', 'https://feeds.example/feeds/blog.json', 'Blog (JSON Feed)'],
    ]);
  });

  it('lists every feed with its three links, escaping titles', () => {
    const rows = [...document.querySelectorAll('li')];
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('.feed')?.textContent).toBe('News & <b>Views</b> "q"');
    expect(rows[0].querySelector('b')).toBeNull();
    expect([...rows[0].querySelectorAll('.links a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://feeds.example/feeds/news.rss',
      'https://feeds.example/feeds/news.atom',
      'https://feeds.example/feeds/news.json',
    ]);
    expect(rows[0].querySelector('.meta')?.textContent).toContain('3 items');
  });

  it('loads no external assets', () => {
    expect(document.querySelectorAll('script, link[rel="stylesheet"], img')).toHaveLength(0);
  });
});

describe('renderIndexPage: source states and how to add a site', () => {
  const feeds = [
    { id: 'ok', title: 'Fine', siteUrl: 'https://ok.example/', status: {
      state: 'ok' as const, lastSuccess: '2024-03-10T10:00:00.000Z', lastError: null, lastErrorAt: null,
      consecutiveFailures: 0, nextRun: '2024-03-10T11:00:00.000Z' } },
    { id: 'bad', title: 'Broken', siteUrl: 'https://bad.example/', status: {
      state: 'failing' as const, lastSuccess: '2024-03-08T06:30:00.000Z', lastError: 'HTTP 503 from https://bad.example/ <b>',
      lastErrorAt: '2024-03-10T10:05:00.000Z', consecutiveFailures: 3, nextRun: '2024-03-10T10:13:00.000Z' } },
    { id: 'new', title: 'New', siteUrl: 'https://new.example/', status: {
      state: 'failing' as const, lastSuccess: null, lastError: 'timed out after 15000 ms', lastErrorAt: null,
      consecutiveFailures: 1, nextRun: null } },
    { id: 'wait', title: 'Waiting', siteUrl: 'https://wait.example/', status: {
      state: 'pending' as const, lastSuccess: null, lastError: null, lastErrorAt: null, consecutiveFailures: 0, nextRun: '2024-03-10T10:30:00.000Z' } },
    { id: 'wire', title: 'Wire', siteUrl: '', status: {
      state: 'push' as const, lastSuccess: null, lastError: null, lastErrorAt: null, consecutiveFailures: 0, nextRun: null } },
  ];
  const { document } = parseHTML(renderIndexPage(feeds, { baseUrl: 'https://feeds.example' }));
  const rows = [...document.querySelectorAll('li')];
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

  it('says in words how each source is doing and when it runs next', () => {
    expect(text(rows[0].querySelector('.state'))).toBe('ok · last run 2024-03-10 10:00 UTC · next run 2024-03-10 11:00 UTC');
    expect(text(rows[1].querySelector('.state'))).toBe(
      'failing: no success since 2024-03-08 06:30 UTC (3 failed attempts in a row) · next try 2024-03-10 10:13 UTC');
    expect(text(rows[1].querySelector('.error'))).toBe('last error (2024-03-10 10:05 UTC): HTTP 503 from https://bad.example/ <b>');
    expect(rows[1].querySelector('.error b')).toBeNull();
    expect(text(rows[2].querySelector('.state'))).toBe('failing: never succeeded (1 failed attempt in a row)');
    expect(text(rows[2].querySelector('.error'))).toBe('last error: timed out after 15000 ms');
    expect(text(rows[3].querySelector('.state'))).toBe('waiting for its first run · next run 2024-03-10 10:30 UTC');
    expect(text(rows[4].querySelector('.state'))).toBe('items arrive through the push API');
    expect(rows[0].querySelector('.error')).toBeNull();
    expect(rows[0].querySelector('.state time')?.getAttribute('datetime')).toBe('2024-03-10T10:00:00.000Z');
  });

  it('names the state of a source that is blocked, drifted or stale, since when and why', () => {
    const base = { lastSuccess: '2024-03-10T10:00:00.000Z', lastError: null, lastErrorAt: null, consecutiveFailures: 0, nextRun: null };
    const page = parseHTML(renderIndexPage([
      { id: 'walled', title: 'Walled', siteUrl: 'https://w.example/', status: { ...base, state: 'failing' as const, consecutiveFailures: 2,
        lastError: 'HTTP 403 from https://w.example/', sourceState: 'blocked' as const, stateSince: '2024-03-09T08:00:00.000Z' } },
      { id: 'quiet', title: 'Quiet', siteUrl: 'https://q.example/', status: { ...base, state: 'ok' as const, sourceState: 'stale' as const,
        stateSince: '2024-03-09T08:00:00.000Z', stateReason: 'no new item for 9 days; this source usually has one every 1 day' } },
      { id: 'fine', title: 'Fine', siteUrl: 'https://f.example/', status: { ...base, state: 'ok' as const, sourceState: 'ok' as const, stateReason: 'the last run succeeded' } },
    ], { baseUrl: 'https://feeds.example' })).document;
    const [walled, quiet, fine] = [...page.querySelectorAll('li')];
    expect(text(walled.querySelector('.state'))).toBe('blocked: no success since 2024-03-10 10:00 UTC (2 failed attempts in a row)');
    expect(text(quiet.querySelector('.state'))).toBe('stale since 2024-03-09 08:00 UTC · last run 2024-03-10 10:00 UTC');
    expect(text(quiet.querySelector('.error'))).toBe('no new item for 9 days; this source usually has one every 1 day');
    expect(text(fine.querySelector('.state'))).toBe('ok · last run 2024-03-10 10:00 UTC');
    expect(fine.querySelector('.error')).toBeNull();
  });

  it('says how to add a site, also when there is none yet', () => {
    expect(text(document.querySelector('.add'))).toMatch(/To add a site, add an entry .* under sources: in the config file \(data\/sources\.yaml/);
    const empty = parseHTML(renderIndexPage([], { baseUrl: 'https://feeds.example' })).document;
    expect(text(empty.querySelector('.add'))).toContain('To add a site');
    const custom = parseHTML(renderIndexPage([], { baseUrl: 'https://feeds.example', howToAdd: 'Edit <x>.' })).document;
    expect(text(custom.querySelector('.add'))).toBe('Edit <x>.');
  });

  it('links the health page unless told there is none', () => {
    expect(document.querySelector('a[href="https://feeds.example/health"]')).not.toBeNull();
    const html = renderIndexPage(feeds, { baseUrl: 'https://feeds.example', healthUrl: null });
    expect(html).not.toContain('/health');
  });
});
