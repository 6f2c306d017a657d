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
      'find_string: <amp-img',
      'replace_string: <img',
      'replace_string(<br><br>): <p>',
      'http_header(User-Agent): Mozilla/5.0 (test)',
      'prune: no',
      'tidy:yes',
      'test_url: https://example.com/a',
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
    // The short form first (as written), then find_string/replace_string pairs.
    expect(rules.replace).toEqual([{ find: '<br><br>', replace: '<p>' }, { find: '<amp-img', replace: '<img' }]);
    expect(rules.httpHeaders).toEqual({ 'user-agent': 'Mozilla/5.0 (test)' });
    expect(rules.flags).toEqual({ prune: false, tidy: true });
    expect(rules.testUrls).toEqual(['https://example.com/a']);
    expect(rules.notes).toEqual([]);
  });

  it('keeps directives it does not apply as notes with their line, never errors', () => {
    const rules = parseSiteConfig('body: //article\nlogin_uri: https://x/login\nwrap_in(p): //x\nmade_up: 1\n', 'x.txt');
    expect(rules.body).toEqual(['//article']);
    expect(rules.notes).toEqual([
      '2: login_uri is not supported; ignored',
      '3: wrap_in(p) is not supported; ignored',
      '4: unknown directive made_up; ignored',
    ]);
  });

  it('names the file and line of what it cannot read', () => {
    const error = (text: string) => {
      try {
        parseSiteConfig(text, 'rules/example.com.txt');
      } catch (err) {
        expect(err).toBeInstanceOf(SiteConfigError);
        return (err as Error).message;
      }
      throw new Error('no error');
    };
    expect(error('body: //a\nthis is not a rule')).toMatch(/^rules\/example\.com\.txt:2: expected "directive: value"/);
    expect(error('body:\n')).toBe('rules/example.com.txt:1: body needs a value');
    expect(error('prune: maybe')).toMatch(/^rules\/example\.com\.txt:1: prune must be yes or no/);
    expect(error('http_header(host): evil.example')).toMatch(/:1: http_header\(host\) cannot be set/);
    expect(error('http_header(): x')).toMatch(/:1: http_header needs a header name/);
    expect(error('find_string: a\nfind_string: b\nreplace_string: c')).toMatch(/^rules\/example\.com\.txt:2: find_string without a matching replace_string/);
    expect(error('replace_string: c')).toMatch(/replace_string line\(s\) without a find_string/);
  });

  it('merges a site file with the global fallback, the site first', () => {
    const site = parseSiteConfig('title: //h1\nhttp_header(user-agent): site\nprune: no', 'a.com.txt');
    const global = parseSiteConfig('title: //title\nstrip_id_or_class: ad\nhttp_header(user-agent): global\nhttp_header(cookie): c=1', 'global.txt');
    const merged = mergeSiteRules(site, global);
    expect(merged.file).toBe('a.com.txt + global.txt');
    expect(merged.title).toEqual(['//h1', '//title']);
    expect(merged.stripIdOrClass).toEqual(['ad']);
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
