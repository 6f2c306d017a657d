import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
    for (const name of ['serve', 'scrape', 'build', 'extract']) {
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
    const second = await cli('scrape', '--all', '--config', ws.config, '--db', ws.db);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 new/);
    const unknown = await cli('scrape', 'nope', '--config', ws.config, '--db', ws.db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown source(s): nope');
  });

  it('refuses an invalid config naming file, source and field', async () => {
    writeFileSync(ws.config, 'sources:\n  - id: broken\n    url: https://example.org/\n    schedule: "not cron"\n');
    const res = await cli('scrape', '--all', '--config', ws.config, '--db', ws.db);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(ws.config);
    expect(res.stderr).toContain('"broken"');
    expect(res.stderr).toContain('schedule');
  });

  it('build writes every feed as static files', async () => {
    const out = join(ws.dir, 'out');
    const res = await cli('build', '--out', out, '--config', ws.config, '--db', ws.db);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    for (const f of ['brics-post.rss', 'brics-post.atom', 'brics-post.json', 'index.html', 'feeds.opml']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const rss = parseFeed(readFileSync(join(out, 'brics-post.rss'), 'utf8')) as { feed: any };
    expect(rss.feed.items.map((i: any) => i.title)).toContain('Putin, Trump issue joint Syria statement');
    const atom = readFileSync(join(out, 'brics-post.atom'), 'utf8');
    expect(atom).toContain('href="https://feeds.example.org/brics-post.atom"');
    const json = JSON.parse(readFileSync(join(out, 'brics-post.json'), 'utf8'));
    expect(json.feed_url).toBe('https://feeds.example.org/brics-post.json');
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
});
