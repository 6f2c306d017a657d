import { describe, expect, it } from 'vitest';
import { siteRuleResolver, type ReadSiteConfig } from '../../src/pipeline/site-rules.ts';

const DIR = 'file:///rules/';

/** An in-memory rule directory that counts reads. */
function files(map: Record<string, string>): ReadSiteConfig & { reads: string[] } {
  const reads: string[] = [];
  const read = async (url: string) => {
    reads.push(url);
    const name = decodeURIComponent(url.slice(DIR.length));
    return name in map ? map[name] : null;
  };
  return Object.assign(read, { reads });
}

describe('siteRuleResolver: host matching as Full-Text RSS', () => {
  const dir = {
    'example.com.txt': 'body: //exact',
    '.example.com.txt': 'body: //wildcard',
    'only.sub.example.org.txt': 'body: //sub',
    '.blogs.example.net.txt': 'body: //blogs',
    'global.txt': 'title: //global-title',
  };

  it('matches example.com.txt for the bare host and www, never the wildcard', async () => {
    const resolve = siteRuleResolver(files(dir), DIR);
    for (const url of ['https://example.com/a', 'https://www.example.com/b']) {
      const { rules } = await resolve(url);
      expect(rules?.body).toEqual(['//exact']);
      expect(rules?.title).toEqual(['//global-title']); // global.txt appended
      expect(rules?.file).toBe('/rules/example.com.txt + /rules/global.txt');
    }
  });

  it('matches .example.com.txt for subdomains, at any depth, unless a file names the host', async () => {
    const resolve = siteRuleResolver(files(dir), DIR);
    expect((await resolve('https://news.example.com/x')).rules?.body).toEqual(['//wildcard']);
    expect((await resolve('https://a.b.example.com/x')).rules?.body).toEqual(['//wildcard']);
    expect((await resolve('https://only.sub.example.org/x')).rules?.body).toEqual(['//sub']);
    expect((await resolve('https://x.blogs.example.net/x')).rules?.body).toEqual(['//blogs']);
    expect((await resolve('https://blogs.example.net/x')).rules?.body).toEqual([]); // the wildcard is for subdomains
  });

  it('falls back to global.txt alone, and to nothing without a directory', async () => {
    const resolve = siteRuleResolver(files(dir), DIR);
    const other = await resolve('https://unknown.example/x');
    expect(other.rules?.file).toBe('/rules/global.txt');
    expect(other.rules?.body).toEqual([]);
    expect((await siteRuleResolver(files(dir))('https://example.com/')).rules).toBeNull();
    expect((await siteRuleResolver(files({}), DIR)('https://example.com/')).rules).toBeNull();
  });

  it("uses the source's own file instead of the directory, reading each file once", async () => {
    const read = files({ ...dir, 'mine.txt': 'body: //mine' });
    const resolve = siteRuleResolver(read, DIR);
    for (let i = 0; i < 3; i++) expect((await resolve('https://example.com/', `${DIR}mine.txt`)).rules?.body).toEqual(['//mine']);
    expect(read.reads).toEqual([`${DIR}mine.txt`]);
    const missing = await resolve('https://example.com/', `${DIR}gone.txt`);
    expect(missing).toEqual({ rules: null, problems: ["site rules /rules/gone.txt: no such file (the source's siteConfig)"] });
  });

  it('reports lines it skips with file and line, and keeps the rest of the file', async () => {
    const resolve = siteRuleResolver(files({ 'example.com.txt': 'body: //a\nnonsense', 'global.txt': 'title: //t\ntitl: //h1' }), DIR);
    const { rules, problems } = await resolve('https://example.com/');
    expect(problems).toEqual([
      'site rules /rules/example.com.txt:2: expected "directive: value" (such as "body: //article"), got "nonsense"; line ignored',
      'site rules /rules/global.txt:2: unknown directive titl; line ignored',
    ]);
    expect(rules?.file).toBe('/rules/example.com.txt + /rules/global.txt');
    expect(rules?.body).toEqual(['//a']);
  });

  it('reports a file that cannot be read, and goes on without it', async () => {
    const big = siteRuleResolver(files({ 'example.com.txt': `body: //a\n${'#'.repeat(300 * 1024)}`, 'global.txt': 'title: //t' }), DIR);
    const { rules, problems } = await big('https://example.com/');
    expect(problems).toEqual([expect.stringMatching(/^site rules \/rules\/example\.com\.txt: larger than/)]);
    expect(rules?.file).toBe('/rules/global.txt');
    const failing = siteRuleResolver(async () => { throw new Error('cannot read (EACCES)'); }, DIR);
    expect((await failing('https://example.com/')).problems).toContain('site rules /rules/example.com.txt: cannot read (EACCES)');
  });
});
