import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../src/config/site-config.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { applySiteRules, RULE_BODY_ATTRIBUTE } from '../../src/extract/site-rules.ts';
import { paragraphsFromBrRuns } from '../../src/extract/site-rules-edits.ts';
import { parseHtml } from '../../src/html/parse.ts';
import { serializeHtml } from '../../src/html/serialize.ts';

const URL_ = 'https://news.example/2025/story';
const apply = (rules: string, body: string, head = '') =>
  applySiteRules(`<html><head>${head}</head><body>${body}</body></html>`, URL_, parseSiteConfig(rules, 'news.example.txt'));
/** The rule body of a ruled page, as serialized (marker attribute left out). */
const bodyOf = (r: ReturnType<typeof apply>) => (r.bodyHtml ?? "").replace(new RegExp(` ${RULE_BODY_ATTRIBUTE}(?:="")?`), "");

describe('applySiteRules: page edits', () => {
  it('wrap_in wraps each matched element, dissolve keeps only the children', () => {
    const r = apply(
      'body: //article\nwrap_in(blockquote): //div[@class="pull"]\ndissolve: //a[@class="gloss"]',
      '<article><p>A <a class="gloss" href="/g/x">term</a> here.</p><div class="pull">Quoted words</div><div class="pull">More</div></article>',
    );
    expect(bodyOf(r)).toBe('<article><p>A term here.</p><blockquote><div class="pull">Quoted words</div></blockquote><blockquote><div class="pull">More</div></blockquote></article>');
  });

  it('strip and strip_attr remove attributes an expression selects, elements otherwise', () => {
    const r = apply(
      'body: //article\nstrip_attr: //img/@srcset\nstrip: //h2[contains(@class, "wp-block")]/@class\nstrip: //aside',
      '<article><h2 class="wp-block-heading">Part</h2><img src="/a.jpg" srcset="/tiny.jpg 10w"><aside>Ad</aside></article>',
    );
    expect(bodyOf(r)).toBe('<article><h2>Part</h2><img src="/a.jpg"></article>');
  });

  it('strip_id_or_class matches as Full-Text RSS does: whole tokens, several in a row, quotes ignored', () => {
    const r = apply(
      'body: //article\nstrip_id_or_class: toc fixed\nstrip_id_or_class: "share"',
      '<article><p>Text</p><div class="toc  fixed wide">TOC</div><div class="toc">kept</div><div id="share">S</div><div class="shared">kept too</div></article>',
    );
    expect(bodyOf(r)).toBe('<article><p>Text</p><div class="toc">kept</div><div class="shared">kept too</div></article>');
  });

  it('if_page_contains: a link counts only on pages its condition matches', () => {
    const rules = 'single_page_link: //a[@class="full"]\nif_page_contains: //div[@id="paged"]\nnext_page_link: //a[@rel="next"]';
    const links = '<a class="full" href="/2025/story?all=1">all</a><a rel="next" href="/2025/story/2">next</a>';
    expect(apply(rules, `<div id="paged"></div>${links}`).singlePage).toBe('https://news.example/2025/story?all=1');
    const plain = apply(rules, links);
    expect(plain.singlePage).toBeNull();
    expect(plain.nextPage).toBe('https://news.example/2025/story/2'); // no condition of its own
  });

  it('native_ad_clue: a page is a native ad when any clue selects something (or is true), read before strip rules', () => {
    const rules = 'body: //article\nstrip: //meta[@property="article:tag"]\nnative_ad_clue: //meta[@property="article:tag" and contains(@content, "Partner zone")]\nnative_ad_clue: count(//div[@class="sponsor"]) > 1';
    const partner = '<meta property="article:tag" content="Partner zone Unilever">';
    expect(apply(rules, '<article><p>Text</p></article>', partner).nativeAd).toBe(true);
    expect(apply(rules, '<article><p>Text</p></article>', '<meta property="article:tag" content="Politics">').nativeAd).toBe(false);
    expect(apply(rules, '<div class="sponsor"></div><div class="sponsor"></div><article><p>Text</p></article>').nativeAd).toBe(true);
    expect(apply(rules, '<div class="sponsor"></div><article><p>Text</p></article>').nativeAd).toBe(false);
    // An expression that cannot be evaluated is a failure reported, not a native ad.
    const broken = apply('body: //article\nnative_ad_clue: //meta[', '<article><p>Text</p></article>');
    expect(broken.nativeAd).toBe(false);
    expect(broken.failures).toHaveLength(1);
    expect(broken.failures[0]).toMatch(/^news\.example\.txt: native_ad_clue "\/\/meta\[":/);
  });

  it('skip_json_ld: the page JSON-LD is read neither for metadata nor as a body', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"JSON-LD headline","author":{"name":"Wrong Person"}}</script>';
    const page = '<article><h1>Page headline</h1><p>' + 'Real text of the article. '.repeat(20) + '</p></article>';
    const skipped = apply('skip_json_ld: yes', page, ld);
    expect(skipped.html).not.toContain('ld+json');
    expect(extractArticle(skipped.html, URL_).author ?? '').not.toContain('Wrong Person');
    const kept = apply('skip_json_ld: no', page, ld);
    expect(extractArticle(kept.html, URL_).author).toBe('Wrong Person');
  });

  it('src_lazy_load_attr gives lazy images their real source', () => {
    const r = apply('body: //article\nsrc_lazy_load_attr: data-lazy', '<article><img src="data:image/gif;base64,R0lG" data-lazy="/real.jpg"><img src="/b.jpg"></article>');
    expect(bodyOf(r)).toBe('<article><img src="/real.jpg" data-lazy="/real.jpg"><img src="/b.jpg"></article>');
  });

  it('convert_double_br_tags makes paragraphs of text split by <br><br>', () => {
    const r = apply('body: //div[@id="text"]\nconvert_double_br_tags: yes', '<div id="text">First part<br><br>Second <b>part</b><br>same line<br> <br><br>Third part</div>');
    expect(bodyOf(r)).toBe('<div id="text">First part<p>Second <b>part</b><br>same line</p><p>Third part</p> </div>');
    const off = apply('body: //div[@id="text"]', '<div id="text">a<br><br>b</div>');
    expect(bodyOf(off)).toBe('<div id="text">a<br><br>b</div>');
  });
});

describe('applySiteRules: edits on a wide parent', () => {
  // Past 64 children a parent's edits are batched (content-remove.ts): 300 siblings take that
  // path, 3 the direct one, and both must give each unit's result, in order.
  const cases: [string, string, (n: number) => string][] = [
    ['wrap_in(blockquote): //span', '<span>x</span><i>y</i>', (n) => '<blockquote><span>x</span></blockquote><i>y</i>'.repeat(n)],
    ['dissolve: //span', '<span>x <b>y</b></span><i>z</i>', (n) => 'x <b>y</b><i>z</i>'.repeat(n)],
    ['strip: //span', '<span>x</span><i>y</i>', (n) => '<i>y</i>'.repeat(n)],
    ['strip_id_or_class: ad', '<i class="ad">x</i><b>y</b>', (n) => '<b>y</b>'.repeat(n)],
    ['convert_double_br_tags: yes', '<i>w</i><br><br>', (n) => '<i>w</i>' + '<p><i>w</i></p>'.repeat(n - 1) + '<p></p>'],
  ];
  for (const [rule, unit, expected] of cases) {
    it(rule, () => {
      for (const n of [3, 300]) {
        const r = apply(`body: //div[@id="t"]\n${rule}`, `<div id="t">${unit.repeat(n)}</div><p>after</p>`);
        expect(bodyOf(r)).toBe(`<div id="t">${expected(n)}</div>`);
        expect(r.html).toContain(`${expected(n)}</div><p>after</p>`);
      }
    });
  }
});

describe('applySiteRules: an expression too costly for the page', () => {
  it('is stopped and reported, and the other rules still apply', () => {
    const rules = 'body: //div[@id="t"]\nstrip: //p[following-sibling::span]\nstrip: //b';
    const r = apply(rules, `<div id="t">${'<p>p</p><span>s</span>'.repeat(1500)}<b>x</b></div>`);
    expect(r.failures).toEqual([expect.stringMatching(/^news\.example\.txt: strip "\/\/p\[following-sibling::span\]": stopped after 1,000,000 steps/)]);
    expect(r.body).toBe(true);
    expect(bodyOf(r)).not.toContain('<b>');
    expect(bodyOf(r)).toContain('<p>p</p><span>s</span>');
    // On a page of ordinary size the same rule is evaluated.
    const small = apply(rules, `<div id="t">${'<p>p</p><span>s</span>'.repeat(50)}</div>`);
    expect(small.failures).toEqual([]);
    expect(bodyOf(small)).toBe(`<div id="t">${'<span>s</span>'.repeat(50)}</div>`);
  });
});

describe('paragraphsFromBrRuns', () => {
  it('stops a paragraph at a block, and turns a paragraph holding paragraphs into a div', () => {
    const doc = parseHtml('<p>a<br><br>b<ul><li>x</li></ul>c</p><section>d<br><br>e<div>f</div>g</section>');
    paragraphsFromBrRuns(doc);
    // The parser closes the <p> before the <ul> (as browsers do): the run's paragraph ends there.
    expect(serializeHtml(doc)).toBe('<div>a<p>b</p></div><ul><li>x</li></ul>c<p></p><section>d<p>e</p><div>f</div>g</section>');
  });
});
