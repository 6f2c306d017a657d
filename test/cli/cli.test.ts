import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseFeed } from 'feedsmith';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DIR, demoWorkspace } from '../helpers/demo-config.ts';

const BIN = fileURLToPath(new URL('../../bin/feedwright.mjs', import.meta.url));
const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, FEEDWRIGHT_CONFIG: '', FEEDWRIGHT_DB: '' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let ws: ReturnType<typeof demoWorkspace>;
beforeEach(() => { ws = demoWorkspace(); });
afterEach(() => ws.cleanup());

// Each case spawns the CLI (tsx compiles on the fly), so allow for a slow, loaded machine.
describe('feedwright CLI', { timeout: 90_000 }, () => {
  it('has --help for the program and every command', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    for (const name of ['serve', 'scrape', 'build', 'extract', 'preview']) {
      expect(top.stdout).toContain(name);
      const sub = await cli(name, '--help');
      expect(sub.code).toBe(0);
      expect(sub.stdout).toMatch(new RegExp(`Usage: feedwright ${name}`));
    }
    const bad = await cli('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command');
  });

  it('scrape runs a source and prints what it found; a second run adds nothing', async () => {
    const first = await cli('scrape', 'brics-post', '--config', ws.config, '--db', ws.db);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\[brics-post\] found 5 links, read 5 articles: 5 new/);
    // Not a terminal: progress comes as plain lines with counts, before the report.
    expect(first.stdout).toContain('[brics-post] started\n[brics-post] 5 links found, reading 5 article pages\n');
    expect(first.stdout).toContain('[brics-post] 5/5 article pages read\n[brics-post] done (1/1 sources)\n');
    const second = await cli('scrape', '--all', '--config', ws.config, '--db', ws.db);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 new/);
    const unknown = await cli('scrape', 'nope', '--config', ws.config, '--db', ws.db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown source(s): nope');
  });

  it('scrape --json keeps stdout pure JSON, progress goes to stderr', async () => {
    const res = await cli('scrape', '--all', '--json', '--config', ws.config, '--db', ws.db);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)[0]).toMatchObject({ sourceId: 'brics-post', ok: true, created: 5 });
    expect(res.stderr).toContain('[brics-post] 5 links found, reading 5 article pages');
  });

  it('refuses an invalid config naming file, source and field', async () => {
    writeFileSync(ws.config, 'sources:\n  - id: broken\n    url: https://example.org/\n    schedule: "not cron"\n');
    const res = await cli('scrape', '--all', '--config', ws.config, '--db', ws.db);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(ws.config);
    expect(res.stderr).toContain('"broken"');
    expect(res.stderr).toContain('schedule');
  });

  it('build writes every feed as static files in the URL layout of the server', async () => {
    const out = join(ws.dir, 'out');
    const res = await cli('build', '--out', out, '--config', ws.config, '--db', ws.db);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('[brics-post] 5 links found, reading 5 article pages');
    for (const f of ['feeds/brics-post.rss', 'feeds/brics-post.atom', 'feeds/brics-post.json', 'index.html', 'feeds.opml', 'feed.xsl', 'local/brics-post/index.html']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const rssText = readFileSync(join(out, 'feeds/brics-post.rss'), 'utf8');
    const rss = parseFeed(rssText) as { feed: any };
    expect(rss.feed.items.map((i: any) => i.title)).toContain('Putin, Trump issue joint Syria statement');
    // The stylesheet reference resolves, from feeds/, to the feed.xsl written beside index.html.
    expect(rssText).toContain('<?xml-stylesheet type="text/xsl" href="../feed.xsl"?>');
    const atom = readFileSync(join(out, 'feeds/brics-post.atom'), 'utf8');
    expect(atom).toContain('href="https://feeds.example.org/feeds/brics-post.atom"');
    const json = JSON.parse(readFileSync(join(out, 'feeds/brics-post.json'), 'utf8'));
    expect(json.feed_url).toBe('https://feeds.example.org/feeds/brics-post.json');
    // Every link of the index page and the OPML points at a file the build wrote.
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const opml = readFileSync(join(out, 'feeds.opml'), 'utf8');
    const ours = [...`${index}${opml}`.matchAll(/(?:href|xmlUrl)="https:\/\/feeds\.example\.org\/([^"]*)"/g)].map((m) => m[1]);
    expect(ours).toContain('feeds/brics-post.rss');
    for (const path of ours) expect(existsSync(join(out, path)), path).toBe(true);
    expect(index).not.toContain('/health');
  });

  it('build warns when baseUrl is unset (links would point at localhost)', async () => {
    writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace(/^baseUrl:.*\n/m, ''));
    const out = join(ws.dir, 'out');
    const res = await cli('build', '--out', out, '--config', ws.config, '--db', ws.db);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`warning: ${ws.config} sets no baseUrl`);
    expect(res.stderr).toContain('http://localhost:8787');
    expect(readFileSync(join(out, 'feeds/brics-post.rss'), 'utf8')).toContain('http://localhost:8787/feeds/brics-post.rss');
  });

  it('extract prints one article as JSON', async () => {
    const file = join(DEMO_DIR, 'putin-trump-issue-joint-syria-statement.html');
    const res = await cli('extract', file, '--url', 'https://thebricspost.example/2017/putin-trump/', '--timezone', 'Asia/Kolkata');
    expect(res.code).toBe(0);
    const article = JSON.parse(res.stdout);
    expect(article.title).toBe('Putin, Trump issue joint Syria statement');
    expect(article.date).toMatch(/^2017-11-12T10:44:00(\.000)?\+05:30$/);
    expect(article.siteName).toBe('The BRICS Post');
    expect(article.image).toBe('https://thebricspost.example/2017/putin-trump/images/putin-trump-apec.jpg');
    expect(article.text).toContain('Moscow condemned the shoot-down');
    expect(article.text).not.toContain('Follow us on');
  });

  it('extract --rules reads the page under a rule file or a rule directory, warning of skipped lines', async () => {
    const file = join(DEMO_DIR, 'putin-trump-issue-joint-syria-statement.html');
    const url = 'https://thebricspost.example/2017/putin-trump/';
    const caption = 'APEC Leader’s Meeting in Da Nang';
    const plain = await cli('extract', file, '--url', url);
    expect(JSON.parse(plain.stdout).html).toContain(caption);
    const ruled = await cli('extract', file, '--url', url, '--rules', join(DEMO_DIR, '../site-config/demo.txt'));
    expect(ruled.code).toBe(0);
    expect(ruled.stderr).toBe('');
    expect(JSON.parse(ruled.stdout).html).not.toContain(caption);
    expect(JSON.parse(ruled.stdout).text).toContain('Moscow condemned the shoot-down');

    const dir = join(ws.dir, 'rules');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thebricspost.example.txt'), "title: //title\ntitl: //h1\nbody: //div[@class='entry-content']\nstrip_id_or_class: wp-caption-text\nsingle_page_link: concat('https://thebricspost.example/print/', 'putin-trump')\n");
    const looked = await cli('extract', file, '--url', url, '--rules', dir);
    expect(looked.code).toBe(0);
    expect(looked.stderr).toContain(`warning: site rules ${join(dir, 'thebricspost.example.txt')}:2: unknown directive titl; line ignored`);
    // A saved FILE is the only page read: the rule's single-page link is reported, not fetched.
    expect(looked.stderr).toContain('single-page version https://thebricspost.example/print/putin-trump failed, kept the first page (not read: the page is a saved FILE');
    expect(JSON.parse(looked.stdout).title).toMatch(/^Putin, Trump issue joint Syria statement \S+ The BRICS Post$/);
    expect(JSON.parse(looked.stdout).html).not.toContain(caption);

    const none = await cli('extract', file, '--url', 'https://other.example/a', '--rules', dir);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('--rules: no rule file in');
  });

  it('extract gives the headline the article shows, as feed items carry it', async () => {
    const file = join(ws.dir, 'headline.html');
    writeFileSync(
      file,
      '<html><head><meta property="og:title" content="Trams | City Paper"><meta property="og:site_name" content="City Paper"></head>' +
        '<body><header><a href="/">City Paper</a></header><article><h1>Trams</h1><p>The council voted, after a long debate, to extend the tram network.</p></article></body></html>',
    );
    const res = await cli('extract', file, '--url', 'https://news.example/trams');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).title).toBe('Trams');
  });

  it('extract --language reads an "en" page\'s numeric date in the English it names, and refuses a bad tag', async () => {
    const file = join(ws.dir, 'dated.html');
    writeFileSync(file, '<html lang="en"><body><article><h1>Budget</h1><p class="dateline">06/09/2026</p><p>The chancellor set out the budget.</p></article></body></html>');
    const read = async (...extra: string[]) => JSON.parse((await cli('extract', file, '--url', 'https://news.example/budget', ...extra)).stdout).date;
    expect(await read()).toMatch(/^2026-06-09/);
    expect(await read('--language', 'en-GB')).toMatch(/^2026-09-06/);
    const bad = await cli('extract', file, '--language', 'en_GB');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--language: invalid BCP 47 language tag "en_GB" (did you mean "en-GB"?)');
  });
});
