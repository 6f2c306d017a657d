import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { extractMetadata } from '../../src/extract/metadata.ts';
import { articleTitle, trimSiteName } from '../../src/extract/title-site.ts';

const URL_ = 'https://www.acme-tools.example/guides/what-is-x';
const trim = (title: string, headings: string[], siteNames: string[] = [], url = URL_) => trimSiteName(title, { headings, siteNames, url });
/** The title a feed item gets from a whole page (extractMetadata with headlineTitle). */
const headline = (html: string) => extractMetadata(parseHtml(html), URL_, { headlineTitle: true }).title;

describe('trimSiteName', () => {
  it('keeps the side of a separator that the page heading repeats', () => {
    expect(trim('What is Cloud Computing? | Acme Cloud', ['What is Cloud Computing?'])).toBe('What is Cloud Computing?');
    expect(trim('How to Design a Room — Greenhouse Studio', ['How To Design A Room'])).toBe('How to Design a Room');
    expect(trim('10 Tips for Online Courses – Journey – Realize your potential.', ['10 Tips for Online Courses'])).toBe(
      '10 Tips for Online Courses',
    );
  });
  it('keeps separators inside the title when the heading has them too', () => {
    expect(trim('Tutorial - User Guide - FastAPI', ['Tutorial - User Guide¶'])).toBe('Tutorial - User Guide');
  });
  it('reads the title after a leading site name only when that part names the site', () => {
    expect(trim('Acme Tools | State of SEO in 2026', ['State of SEO in 2026'])).toBe('State of SEO in 2026');
    expect(trim('Chapter One | State of SEO in 2026', ['State of SEO in 2026'])).toBe('Chapter One | State of SEO in 2026');
  });
  it('does not take a logo heading for the title', () => {
    expect(trim('Shared Mutable History · V8', ['V8'])).toBe('Shared Mutable History · V8');
    expect(trim('Acme Tools | Home', ['Acme Tools'])).toBe('Acme Tools | Home');
    expect(trim('Greenhouse | Rooms', ['Greenhouse'], ['Greenhouse'])).toBe('Greenhouse | Rooms');
  });
  it('keeps a title whose sides no heading repeats, or that has no separator', () => {
    expect(trim('Best Cloud Stocks of 2025 | The Motley Fool', ['Some other heading'])).toBe('Best Cloud Stocks of 2025 | The Motley Fool');
    expect(trim('Best Cloud Stocks of 2025 | The Motley Fool', [])).toBe('Best Cloud Stocks of 2025 | The Motley Fool');
    expect(trim('Buy Mac', ['Buy Mac'])).toBe('Buy Mac');
  });
});

describe('trimSiteName without a heading to confirm it', () => {
  it('drops a last part that names the site (its declared name or its domain)', () => {
    expect(trim('Insurance for Rideshare Drivers | Acme Tools', [])).toBe('Insurance for Rideshare Drivers');
    expect(trim('Insurance for Rideshare Drivers - Acme', ['Some other heading'], ['Acme'], 'https://example.org/x')).toBe(
      'Insurance for Rideshare Drivers',
    );
  });
  it('keeps the title whole when the part names something else, leaves one word, or comes first', () => {
    expect(trim('Insurance for Rideshare Drivers | Other Brand', [])).toBe('Insurance for Rideshare Drivers | Other Brand');
    expect(trim('Pricing | Acme Tools', [])).toBe('Pricing | Acme Tools');
    expect(trim('Acme Tools | Project Software for Teams', [])).toBe('Acme Tools | Project Software for Teams');
  });
});

describe('extractMetadata: a site name in og:title', () => {
  const html =
    '<html><head><meta property="og:title" content="Water Bottles | REI Co-op"><meta property="og:site_name" content="REI"></head>' +
    '<body><header><a href="/">REI Co-op</a></header><main><h1>Water Bottles</h1><p>Text</p></main></body></html>';
  it('is dropped from the headline when the heading confirms the title', () => {
    expect(headline(html)).toBe('Water Bottles');
  });
  it('stays by default, as Reader View gives it', () => {
    expect(extractMetadata(parseHtml(html), URL_).title).toBe('Water Bottles | REI Co-op');
  });
});

describe('articleTitle', () => {
  const evidence = (headline: string | null, siteNames: string[] = []) => ({ headings: headline ? [headline] : [], headline, siteNames, url: URL_ });
  it("takes the article's own heading over a search title that shares words with it", () => {
    expect(articleTitle('Top 11 SEO Strategies for 2025 | Lucca', evidence('11 SEO Strategies for 2025 to Boost Rankings'))).toBe(
      '11 SEO Strategies for 2025 to Boost Rankings',
    );
    expect(articleTitle('Tasks — Celery documentation', evidence('Tasks¶'))).toBe('Tasks');
  });
  it('keeps the page title when the heading shares no word with it', () => {
    expect(articleTitle('What is Cloud Computing?', evidence('Sign up for our newsletter'))).toBe('What is Cloud Computing?');
  });
  it('does not take a heading made of the site name', () => {
    expect(articleTitle('Minecraft 1.8 - The Bountiful Update', evidence('Minecraft News', ['Minecraft Update News']))).toBe(
      'Minecraft 1.8 - The Bountiful Update',
    );
  });
});

describe('extractMetadata: the headline inside the article', () => {
  const html =
    '<html><head><meta property="og:title" content="Using Machine Learning To Personalize Shopping"></head><body>' +
    '<h1 class="logo">Acme Tools</h1><article><h1>How Machine Learning Personalizes Shopping</h1><p>Text</p></article></body></html>';
  it('is the headline', () => {
    expect(headline(html)).toBe('How Machine Learning Personalizes Shopping');
  });
  it('is not the default title (Reader View)', () => {
    expect(extractMetadata(parseHtml(html), URL_).title).toBe('Using Machine Learning To Personalize Shopping');
  });
});

describe('the headline read from the heading', () => {
  it('reads a line break in the heading as a space', () => {
    const html =
      '<html><head><meta property="og:title" content="Data Analytics Agency for Retail | Northwind"></head>' +
      '<body><main><h1>Data Analytics<span><br>Agency</span></h1><p>Text</p></main></body></html>';
    expect(headline(html)).toBe('Data Analytics Agency');
  });
  it('drops the site name from a heading that copies the page title', () => {
    const html =
      '<html><head><title>Smoking Brisket at Home | Acme Tools</title></head>' +
      '<body><main><h1>Smoking Brisket at Home | Acme Tools</h1><p>Text</p></main></body></html>';
    expect(headline(html)).toBe('Smoking Brisket at Home');
  });
  it('reads an animated heading as a screen reader does: the copy for readers, not the hidden split words', () => {
    // Split-text animations hide their word spans (one set per screen size) from assistive
    // technology and give readers one plain copy; read whole, every copy runs together.
    const split = (words: string[], cls: string) => words.map((w) => `<span style="display:inline-block" class="${cls}">${w}</span>`).join('');
    const html =
      '<html><head><meta property="og:title" content="Northwind – The system for product development"></head>' +
      `<body><main><h1><span aria-hidden="true">${split(['The product', 'development', 'system for teams'], 'mobile')}${split(['The product development', 'system for teams'], 'desktop')}</span>` +
      '<span class="visually-hidden">The product development system for teams</span></h1><p>Text</p></main></body></html>';
    expect(headline(html)).toBe('The product development system for teams');
  });
  it('keeps a hidden dash or icon between the heading\'s parts: what sighted readers see', () => {
    const html =
      '<html><head><title>Coronavirus und andere Zoonosen – Wie Umweltzerstörung neue Epidemien begünstigt</title></head>' +
      '<body><main><h1><span>Coronavirus und andere Zoonosen</span><span aria-hidden="true"> – </span><span>Wie Umweltzerstörung neue Epidemien begünstigt</span></h1><p>Text</p></main></body></html>';
    expect(headline(html)).toBe('Coronavirus und andere Zoonosen – Wie Umweltzerstörung neue Epidemien begünstigt');
  });
  it('decodes what the page escaped twice in the heading', () => {
    const html =
      '<html><head><title>Q&amp;A for Beginners</title></head>' +
      '<body><main><h1>Q&amp;#x26;A for Beginners</h1><p>Text</p></main></body></html>';
    expect(headline(html)).toBe('Q&A for Beginners');
  });
});

describe('a heading that adds a label or a date to the page title', () => {
  it('gives the page title when one part of the heading is that title', () => {
    const html =
      '<html><head><meta property="og:title" content="Which lathe for a small shop?"></head>' +
      '<body><main><h1><span class="label">Tips</span> Which lathe for a small shop?</h1><p>Text</p></main></body></html>';
    expect(headline(html)).toBe('Which lathe for a small shop?');
    const dated =
      '<html><head><meta property="og:title" content="Moving the build farm"></head>' +
      '<body><main><h1><a href="/p"><time datetime="2025-12-18">Dec 18 2025</time> Moving the build farm</a></h1><p>Text</p></main></body></html>';
    expect(headline(dated)).toBe('Moving the build farm');
  });
  it('keeps a heading that extends the page title in the same text', () => {
    const html =
      '<html><head><meta property="og:title" content="Best Lathes for a Small Shop"></head>' +
      '<body><main><h1>Best Lathes for a Small Shop, Tested by Machinists</h1><p>Text</p></main></body></html>';
    expect(headline(html)).toBe('Best Lathes for a Small Shop, Tested by Machinists');
  });
});
