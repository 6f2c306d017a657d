import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPreview } from '../../../src/cli/preview-format.ts';
import type { PreviewResult } from '../../../src/server/preview-types.ts';
import { startPreviewSite, storyPath, storyTitle, STORIES, type PreviewSite } from '../../helpers/preview-site.ts';

const BIN = fileURLToPath(new URL('../../../bin/feedwright.mjs', import.meta.url));
const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'preview', ...args], { env: { ...process.env, FEEDWRIGHT_CONFIG: '', FEEDWRIGHT_DB: '' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let site: PreviewSite;
beforeAll(async () => { site = await startPreviewSite(); });
afterAll(() => site.close());

// Each case spawns the CLI (tsx compiles on the fly), so allow for a slow, loaded machine.
describe('feedwright preview', { timeout: 90_000 }, () => {
  it('--json prints the same result as POST /api/preview, selectors taken from flags', async () => {
    const res = await cli(site.origin.url, '--allow-private', '--json', '--item', 'ul.stories > li', '--date', 'span.date', '--articles', '1');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = JSON.parse(res.stdout) as PreviewResult;
    expect(result.items.map((i) => i.url)).toEqual(Array.from({ length: STORIES }, (_, i) => site.origin.at(storyPath(i + 1))));
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0].title).toEqual({ value: storyTitle(1), from: 'json-ld' });
    expect(result.warnings).toContainEqual(expect.objectContaining({ kind: 'unmatched-selector', field: 'list.date' }));
  });

  it('prints readable tables by default', async () => {
    const res = await cli(site.origin.url, '--allow-private', '--articles', '2');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`${site.origin.url}: html (detected)`);
    expect(res.stdout).toContain(site.origin.at('/feed.xml'));
    expect(res.stdout).toMatch(/1\*\s+[\d.]+\s+6\s+item: ul\.stories > li\s+Harbour story number 1/);
    expect(res.stdout).toMatch(/title\s+Harbour story number 1\s+\[json-ld\]/);
    expect(res.stdout).toMatch(/date\s+2026-11-02T09:30:00\.000Z\s+\[markup\]/);
  });

  it('--rules reads article pages under a rule file, each field saying when the rule gave it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedwright-rules-'));
    try {
      const file = join(dir, 'harbour.txt');
      writeFileSync(file, "title: concat('Rule: ', //h1)\nbody: //article\nbogus line\n");
      const res = await cli(site.origin.url, '--allow-private', '--json', '--articles', '1', '--rules', file);
      expect(res.code).toBe(0);
      const result = JSON.parse(res.stdout) as PreviewResult;
      expect(result.articles[0].title).toEqual({ value: `Rule: ${storyTitle(1)}`, from: 'rule' });
      expect(result.articles[0].text.from).toBe('rule');
      expect(result.warnings).toContainEqual({ kind: 'site-rules', message: `site rules ${file}:3: expected "directive: value" (such as "body: //article"), got "bogus line"; line ignored` });
      const missing = await cli(site.origin.url, '--allow-private', '--rules', join(dir, 'nope.txt'));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('--rules: no such file or directory');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses private addresses unless allowed, and invalid options, naming the flag', async () => {
    const blocked = await cli(site.origin.url);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/error: .*(private|loopback)/i);
    const bad = await cli(site.origin.url, '--allow-private', '--item', 'li[', '--articles', '50');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--item: ');
    expect(bad.stderr).toContain('--articles: must be a whole number from 0 to 10, got 50');
    expect((await cli()).stderr).toContain('give exactly one URL');
  });
});

describe('formatPreview', () => {
  it('shows a failed page, warnings and an approximate group', () => {
    const none = { value: null, from: null };
    const text = formatPreview({
      url: 'https://example.com/', finalUrl: 'https://example.com/news', type: 'html', detected: false, readBy: 'static', feeds: [], error: null,
      groups: [{ score: 1, links: 2, chosen: false, menu: false, sample: ['A', 'B'], list: { item: 'ul > li' }, exact: false }],
      items: [{ url: 'https://example.com/a', title: 'A', date: null, summary: null, image: null }],
      articles: [{ url: 'https://example.com/a', error: 'HTTP 500', title: none, authors: none, date: none, image: none, summary: none, text: none, words: 0 }],
      warnings: [{ kind: 'missing-field', field: 'date', message: '1 of 1 items have no date' }],
    });
    expect(text).toContain('https://example.com/ → https://example.com/news: html\n');
    expect(text).toContain('item: ul > li (approximate)');
    expect(text).toMatch(/-\s+A\s+https:\/\/example\.com\/a/);
    expect(text).toContain('failed: HTTP 500');
    expect(text).toContain('! missing-field (date): 1 of 1 items have no date');
  });
});
