import { describe, expect, it } from 'vitest';
import {
  mergeSiteRules, parseSiteConfig, SiteConfigError, siteConfigCandidates,
} from '../../src/config/site-config.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { parseSource } from '../../src/config/source.ts';

describe('parseSiteConfig', () => {
  it('reads every applied directive, in order, ignoring comments and blank lines', () => {
    const rules = parseSiteConfig([
      '# a comment',
      '',
      'title: //h1',
      'title: //meta[@property="og:title"]/@content',
      'body: //div[@id="story"]',
      'author: //a[@rel="author"]',
      'date: //time/@datetime',
      'strip: //div[@class="ad"]',
      'strip_id_or_class: share',
      'strip_image_src: pixel.gif',
      'next_page_link: //a[@rel="next"]',
      'single_page_link: //a[contains(@href, "print")]',
      'native_ad_clue: //meta[@property="article:tag" and contains(@content, "Partner zone")]',
      'find_string: <amp-img',
      'replace_string: <img',
      'replace_string(<br><br>): <p>',
      'http_header(User-Agent): Mozilla/5.0 (test)',
      'prune: no',
      'tidy:yes',
      'test_url: https://example.com/a',
      'test_contains: First words',
      'test_contains: Last words',
    ].join('\r\n'), 'example.com.txt');
    expect(rules.title).toEqual(['//h1', '//meta[@property="og:title"]/@content']);
    expect(rules.body).toEqual(['//div[@id="story"]']);
    expect(rules.author).toEqual(['//a[@rel="author"]']);
    expect(rules.date).toEqual(['//time/@datetime']);
    expect(rules.strip).toEqual(['//div[@class="ad"]']);
    expect(rules.stripIdOrClass).toEqual(['share']);
    expect(rules.stripImageSrc).toEqual(['pixel.gif']);
    expect(rules.nextPageLink).toEqual(['//a[@rel="next"]']);
    expect(rules.singlePageLink).toEqual(['//a[contains(@href, "print")]']);
    expect(rules.nativeAdClue).toEqual(['//meta[@property="article:tag" and contains(@content, "Partner zone")]']);
    // The short form first (as written), then find_string/replace_string pairs.
    expect(rules.replace).toEqual([{ find: '<br><br>', replace: '<p>' }, { find: '<amp-img', replace: '<img' }]);
    expect(rules.httpHeaders).toEqual({ 'user-agent': 'Mozilla/5.0 (test)' });
    expect(rules.flags).toEqual({ prune: false, tidy: true });
    expect(rules.testUrls).toEqual(['https://example.com/a']);
    expect(rules.testContains).toEqual({ 'https://example.com/a': ['First words', 'Last words'] });
    expect(rules.notes).toEqual([]);
  });

  it('keeps directives it does not apply as notes with their line, never errors', () => {
    const rules = parseSiteConfig('body: //article\nlogin_uri: https://x/login\nmove_into(//x): //y\nfootnotes: no\n', 'x.txt');
    expect(rules.body).toEqual(['//article']);
    expect(rules.notes).toEqual([
      '2: login_uri is not supported; ignored',
      '3: move_into(//x) is not supported; ignored',
      '4: footnotes is not supported; ignored',
    ]);
    expect(rules.problems).toEqual([]);
  });

  it('reads the page-editing directives: wrap_in, dissolve, strip_attr, if_page_contains, src_lazy_load_attr, yes/no flags', () => {
    const rules = parseSiteConfig([
      'single_page_link: //a[@class="print"]',
      'if_page_contains: //div[@id="pages"]',
      'single_page_link: //link[@rel="alternate"]/@href',
      'next_page_link: //a[@rel="next"]',
      'if_page_contains: //nav[@class="pager"]',
      'wrap_in(blockquote): //div[@class="pull-quote"]',
      'wrap_in(P): //span[@class="para"]',
      'dissolve: //a[@class="glossary"]',
      'strip_attr: //img/@srcset',
      'src_lazy_load_attr: data-lazy-src',
      'skip_json_ld: yes',
      'convert_double_br_tags: yes',
      'strip_comments: no',
      'insert_detected_image: no',
    ].join('\n'), 'x.txt');
    // Each condition belongs to the link expression written last before it.
    expect(rules.linkConditions).toEqual({
      singlePageLink: { '//a[@class="print"]': '//div[@id="pages"]' },
      nextPageLink: { '//a[@rel="next"]': '//nav[@class="pager"]' },
    });
    expect(rules.singlePageLink).toEqual(['//a[@class="print"]', '//link[@rel="alternate"]/@href']);
    expect(rules.wrapIn).toEqual([{ tag: 'blockquote', expression: '//div[@class="pull-quote"]' }, { tag: 'p', expression: '//span[@class="para"]' }]);
    expect(rules.dissolve).toEqual(['//a[@class="glossary"]']);
    expect(rules.strip).toEqual(['//img/@srcset']); // strip_attr is strip's alias, as in Full-Text RSS
    expect(rules.lazySrcAttribute).toBe('data-lazy-src');
    expect(rules.flags).toEqual({ skip_json_ld: true, convert_double_br_tags: true, strip_comments: false, insert_detected_image: false });
    expect(rules.notes).toEqual([]);
    expect(rules.problems).toEqual([]);
  });

  it('reads find arguments holding parentheses and colons, and empty replacements', () => {
    const rules = parseSiteConfig([
      'replace_string(to post comments)): </div>',
      'replace_string(el.appendChild(x);):',
      'replace_string(<a href="https://x.example/">): <a>',
    ].join('\n'), 'x.txt');
    expect(rules.replace).toEqual([
      { find: 'to post comments)', replace: '</div>' },
      { find: 'el.appendChild(x);', replace: '' },
      { find: '<a href="https://x.example/">', replace: '<a>' },
    ]);
    expect(rules.problems).toEqual([]);
  });

  it('skips the lines Full-Text RSS skips, naming file and line, and keeps the rest of the file', () => {
    const rules = parseSiteConfig([
      'body: //div[@id="story"]',
      '// remove the last div: a comment written the wrong way',
      'this line has no colon',
      'title:',
      'prune: maybe',
      'titl: //h1',
      'http_header(host): evil.example',
      'http_header(): x',
      'wrap_in(marquee): //div',
      'if_page_contains: //div',
      'test_contains: no test_url before it',
      'strip: //aside',
    ].join('\n'), 'rules/example.com.txt');
    expect(rules.body).toEqual(['//div[@id="story"]']);
    expect(rules.strip).toEqual(['//aside']);
    expect(rules.title).toEqual([]);
    expect(rules.flags).toEqual({});
    expect(rules.httpHeaders).toEqual({});
    expect(rules.wrapIn).toEqual([]);
    expect(rules.problems).toHaveLength(10);
    expect(rules.problems[0]).toMatch(/^rules\/example\.com\.txt:2: expected "directive: value" .*got "\/\/ remove the last div: a comment/);
    expect(rules.problems[1]).toBe('rules/example.com.txt:3: expected "directive: value" (such as "body: //article"), got "this line has no colon"; line ignored');
    expect(rules.problems.slice(2).map((p) => p.replace(/;.*$/, ''))).toEqual([
      'rules/example.com.txt:4: title needs a value',
      'rules/example.com.txt:5: prune must be yes or no, got "maybe"',
      'rules/example.com.txt:6: unknown directive titl',
      'rules/example.com.txt:7: http_header(host) cannot be set by a rule (the fetcher sets it)',
      'rules/example.com.txt:8: http_header needs a header name in parentheses, such as "http_header(user-agent): …"',
      expect.stringMatching(/^rules\/example\.com\.txt:9: wrap_in\(marquee\): a wrapper must be one of blockquote, p, div/),
      'rules/example.com.txt:10: if_page_contains must follow the single_page_link or next_page_link it conditions',
      'rules/example.com.txt:11: test_contains must follow the test_url it checks',
    ]);
  });

  it('applies no find_string when find_string and replace_string lines do not pair up', () => {
    const uneven = parseSiteConfig('find_string: a\nfind_string: b\nreplace_string: c\nreplace_string(d): e', 'r.txt');
    expect(uneven.replace).toEqual([{ find: 'd', replace: 'e' }]);
    expect(uneven.problems).toEqual(['r.txt:2: find_string without a matching replace_string (write one replace_string per find_string, in order); no find_string of the file applied']);
    expect(parseSiteConfig('replace_string: c', 'r.txt').problems).toEqual(['r.txt: 1 replace_string line(s) without a find_string before them; no find_string of the file applied']);
  });

  it('refuses a file too large to be a rule file, naming it', () => {
    expect(() => parseSiteConfig(`body: //x\n${'#'.repeat(300 * 1024)}`, 'rules/big.txt')).toThrow(SiteConfigError);
    expect(() => parseSiteConfig(`body: //x\n${'#'.repeat(300 * 1024)}`, 'rules/big.txt')).toThrow(/^rules\/big\.txt: larger than/);
  });

  it('merges a site file with the global fallback, the site first', () => {
    const site = parseSiteConfig('title: //h1\nhttp_header(user-agent): site\nprune: no', 'a.com.txt');
    const global = parseSiteConfig('title: //title\nstrip_id_or_class: ad\nnative_ad_clue: //*[@class="sponsored"]\nhttp_header(user-agent): global\nhttp_header(cookie): c=1', 'global.txt');
    const merged = mergeSiteRules(site, global);
    expect(merged.file).toBe('a.com.txt + global.txt');
    expect(merged.title).toEqual(['//h1', '//title']);
    expect(merged.stripIdOrClass).toEqual(['ad']);
    expect(merged.nativeAdClue).toEqual(['//*[@class="sponsored"]']);
    expect(merged.httpHeaders).toEqual({ 'user-agent': 'site', cookie: 'c=1' });
    expect(merged.flags).toEqual({ prune: false });
  });
});

describe('siteConfigCandidates (Full-Text RSS file naming)', () => {
  it('tries the host without www, then wildcard files of each parent domain', () => {
    expect(siteConfigCandidates('example.com')).toEqual(['example.com.txt']);
    expect(siteConfigCandidates('www.example.com')).toEqual(['example.com.txt']);
    expect(siteConfigCandidates('sport.example.com')).toEqual(['sport.example.com.txt', '.example.com.txt']);
    expect(siteConfigCandidates('a.news.Example.co.uk')).toEqual([
      'a.news.example.co.uk.txt', '.news.example.co.uk.txt', '.example.co.uk.txt', '.co.uk.txt',
    ]);
    expect(siteConfigCandidates('127.0.0.1')).toEqual(['127.0.0.1.txt', '.0.0.1.txt', '.0.1.txt']);
  });
});

describe('siteConfig keys', () => {
  it('resolve against the config file folder, on sources and at the top level', () => {
    const config = parseConfig(
      'siteConfig: rules\nsources:\n  - id: a\n    url: https://a.example/\n    siteConfig: rules/a.example.txt\n',
      'conf/feedwright.yaml', { fileBase: 'file:///srv/conf/' },
    );
    expect(config.siteConfig).toBe('file:///srv/conf/rules');
    expect(config.sources[0].siteConfig).toBe('file:///srv/conf/rules/a.example.txt');
  });

  it('are refused on sources stored outside the config file (API, D1)', () => {
    const parsed = parseSource({ id: 'a', url: 'https://a.example/', siteConfig: '/etc/passwd' }, { fileUrls: false });
    expect(parsed.problems).toEqual(['siteConfig: site rule files are allowed only in the config file']);
  });
});
