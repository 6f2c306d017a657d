import { parseHtml } from '../../src/html/parse.ts';
import { describe, expect, it } from 'vitest';
import { extractContent } from '../../src/extract/content.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { ARTICLE_PROSE as PROSE } from '../helpers/prose.ts';

const URL = 'https://site.example/news/2024/03/story/';

const body = (extra = '') => PROSE.map((p) => `<p>${p}</p>`).join('\n') + extra;

function page(inner: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><title>Council expands trams</title>${head}</head><body>
  <header class="site-header"><a href="/">Home</a> <a href="/news">News</a></header>
  <nav class="menu"><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sport</a></li></ul></nav>
  ${inner}
  <footer class="site-footer"><p>© 2024 Site Example. All rights reserved.</p></footer>
  </body></html>`;
}

const text = (html: string, options = {}) => extractArticle(html, URL, options).text;
const ARTICLE_TYPE = '<meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-02T10:00:00Z">';

describe('extractArticle: main content', () => {
  it('finds the article paragraphs and leaves header, nav and footer out', () => {
    const t = text(page(`<main><article><h1>Council expands trams</h1><div class="entry-content">${body()}</div></article></main>`));
    for (const p of PROSE) expect(t).toContain(p);
    expect(t).not.toMatch(/Politics|Home|All rights reserved/);
  });

  it('removes a "Follow us on:" share widget', () => {
    const share = '<div class="share-bar"><span class="share-label">Follow us on:</span><a href="https://facebook.com/x">Facebook</a><a href="https://twitter.com/x">Twitter</a></div>';
    const t = text(page(`<article>${share}<div class="entry-content">${body()}</div></article>`));
    expect(t).not.toMatch(/Follow us|Facebook|Twitter/);
    expect(t).toContain(PROSE[0]);
  });

  it('leaves a line break where it drops an empty block between runs of bare text, not glued words', () => {
    const spacer = '<div class="spacer"></div>';
    const a = extractArticle(page(`<article><div class="entry">${PROSE[0]}${spacer}${PROSE[1]}${spacer}<p>${PROSE[2]}</p>${body()}</div></article>`), URL);
    expect(a.text).toContain(`${PROSE[0]}\n${PROSE[1]}`);
    expect(a.html).toContain(`${PROSE[0]}<br />${PROSE[1]}`);
    // Not between text (before a block): the block just goes.
    expect(a.html).not.toMatch(/<br \/><p>/);
  });

  it('keeps the line break of inline markup that holds only a <br> (as editors paste it)', () => {
    const para = '<p>The result?<span style="font-weight: 400;"><br>\n</span><b>Less paperwork. Fewer missed jobs.</b></p>';
    const a = extractArticle(page(`<article><div class="entry">${para}${body()}</div></article>`), URL);
    expect(a.text).toContain('The result?\nLess paperwork.');
    expect(a.html).toContain('The result?<br /><b>Less paperwork.');
  });

  it('keeps the space of inline markup that holds only a space, not glued words', () => {
    const para = '<p>A dazzling intellect<strong> </strong>ensorcells the reader, <em>\u00a0</em>entertaining with one hand.</p>';
    const nested = '<p>Read it with tools like<span style="a"><span style="b">&nbsp;</span></span><a href="/pen">a pen</a> in hand.</p>';
    const a = extractArticle(page(`<article><div class="entry">${para}${nested}${body()}</div></article>`), URL);
    expect(a.text).toContain('A dazzling intellect ensorcells the reader, entertaining with one hand.');
    expect(a.text).toContain('Read it with tools like a pen in hand.');
    expect(a.html).toMatch(/intellect ensorcells/);
  });

  it('removes a share line even when its container has a neutral name', () => {
    const t = text(page(`<article><div class="x1"><span>Follow us on:</span> <a href="/f">f</a> <a href="/t">t</a></div>${body()}</article>`));
    expect(t).not.toMatch(/Follow us/);
  });

  it('keeps figures with their captions in html, and leaves captions out of text', () => {
    const fig = '<figure class="wp-caption"><img src="/img/tram.jpg" alt="A tram"><figcaption class="wp-caption-text">A new tram on its test run [City Hall]</figcaption></figure>';
    const a = extractArticle(page(`<article><div class="entry-content">${fig}${body()}</div></article>`), URL);
    expect(a.html).toContain('<figure>');
    expect(a.html).toContain('<img src="https://site.example/img/tram.jpg" alt="A tram"');
    expect(a.html).toContain('<figcaption>A new tram on its test run [City Hall]</figcaption>');
    expect(a.text).not.toContain('A new tram on its test run');
  });

  it('reads a caption and credit written without <figcaption>, in elements named for them, as captions', () => {
    const fig = '<p class="image"><img src="/img/tram.jpg" alt=""><span class="image-caption">A new tram on its test run</span><span class="credits">City Hall / Jane Doe</span></p>';
    const a = extractArticle(page(`<article><div class="entry-content">${fig}${body()}</div></article>`), URL);
    expect(a.html).toContain('A new tram on its test run');
    expect(a.text).not.toMatch(/A new tram on its test run|Jane Doe/);
    expect(a.text).toContain(PROSE[0]);
  });

  it('makes lazy images real inside the content', () => {
    const img = '<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/lazy.jpg" alt="lazy"></figure>';
    const a = extractArticle(page(`<article><div class="entry-content">${body(img)}</div></article>`), URL);
    expect(a.html).toContain('src="https://site.example/img/lazy.jpg"');
    expect(a.html).not.toContain('data:image');
  });

  it('drops a trailing related-articles list', () => {
    const related = '<h3>Related articles</h3><ul><li><a href="/x">Bus fares to rise next year, officials say</a></li><li><a href="/y">Bridge closed for repairs until the end of summer</a></li></ul>';
    const t = text(page(`<article><div class="entry-content">${body(related)}</div></article>`));
    expect(t).toContain(PROSE[3]);
    expect(t).not.toMatch(/Related articles|Bus fares|Bridge closed/);
  });

  it('keeps a closing section of prose under a heading that reads like a "related" marker', () => {
    const more = ['assembly', 'board', 'committee'].map((w) => PROSE.map((p) => `<p>${p.replace('council', w)}</p>`).join('')).join('');
    const section = `<h2>Recommended reading for commuters</h2><p>${PROSE[0].replace('city', 'region')}</p><p>${PROSE[1].replace('plan', 'scheme')}</p><p>${PROSE[2].replace('cost', 'price')}</p>`;
    const t = text(page(`<article><div class="entry-content">${body(more)}${section}</div></article>`));
    expect(t).toContain('Recommended reading for commuters');
    expect(t).toContain(PROSE[2].replace('cost', 'price'));
  });

  it('keeps the article going after a trailing-looking heading when a heading of its outline follows', () => {
    const sections = PROSE.map((p, i) => `<h2>Part ${i + 1} of the plan</h2><p>${p}</p>`).join('');
    const courses = '<h5>Recommended courses:</h5><h3>Tram planning basics</h3><p>A two-week course on timetables and depots.</p><h3>Street design</h3><p>Six lessons on stops, crossings and bike lanes.</p>';
    const after = '<h2>Free lessons on video</h2><p>The council also posts short lessons on its own channel.</p>';
    const t = text(page(`<article><div class="entry-content">${sections}${courses}${after}</div></article>`, ARTICLE_TYPE));
    expect(t).toContain('Six lessons on stops, crossings and bike lanes.');
    expect(t).toContain('The council also posts short lessons on its own channel.');
  });

  it('still cuts a trailing block when the heading after it is not of the article outline', () => {
    const sections = PROSE.map((p, i) => `<h2>Part ${i + 1} of the plan</h2><p>${p}</p>`).join('');
    const related = '<h4>You might also enjoy</h4><ul><li><a href="/a">Buses get new routes</a>, the changes coming in May</li><li><a href="/b">Bike lanes</a>, what the centre will look like</li></ul>';
    const promo = '<h3>Your job board</h3><p>Hundreds of jobs in transport wait for you on our job board. Have a look today!</p>';
    const t = text(page(`<article><div class="entry-content">${sections}${related}${promo}</div></article>`, ARTICLE_TYPE));
    expect(t).toContain(PROSE[PROSE.length - 1]);
    expect(t).not.toMatch(/Buses get new routes|Hundreds of jobs/);
  });

  it('keeps a list of links to other sites (sources, products) with entries of their own, drops one to the site itself', () => {
    const entries = ['Tram planning handbook, second edition', 'Street design guide for city centres', 'Depot and workshop standards 2024'];
    const list = (href: (i: number) => string) => `<ul>${entries.map((e, i) => `<li><a href="${href(i)}">${e}</a></li>`).join('')}</ul>`;
    const elsewhere = text(page(`<article><div class="entry-content">${body(list((i) => `https://books${i}.example.org/item/${i}`))}<p>${PROSE[0].replace('Tuesday', 'Friday')}</p></div></article>`, ARTICLE_TYPE));
    for (const e of entries) expect(elsewhere).toContain(e);
    const here = text(page(`<article><div class="entry-content">${body(list((i) => `https://www.site.example/guides/${i}`))}<p>${PROSE[0].replace('Tuesday', 'Friday')}</p></div></article>`, ARTICLE_TYPE));
    for (const e of entries) expect(here).not.toContain(e);
  });

  it('drops a related block by its name, in any language, beside the article', () => {
    const rel = '<div class="td-related"><h4>Leia também</h4><p>Outro artigo sobre os elétricos da cidade, com muitos detalhes, opiniões e números, para ler depois.</p></div>';
    const t = text(page(`<article><div class="entry-content">${body()}</div>${rel}</article>`));
    expect(t).not.toMatch(/Leia também|Outro artigo/);
  });

  it('drops comments, even when they outweigh the article', () => {
    const comment = (i: number) => `<li class="comment"><p>Comment ${i}: I have lived here for years, and honestly, the trams are late, crowded and expensive, so more of them will not help much.</p></li>`;
    const comments = `<section id="comments" class="comments-area"><h2>12 comments</h2><ol class="comment-list">${Array.from({ length: 12 }, (_, i) => comment(i)).join('')}</ol></section>`;
    const t = text(page(`<div class="site-content"><article><div class="entry-content">${body()}</div></article>${comments}</div>`));
    expect(t).toContain(PROSE[0]);
    expect(t).not.toMatch(/Comment \d/);
  });

  it('keeps the paragraphs of an article written inside its <header>, drops a header of links', () => {
    const intro = ['The region will host the championships next summer, with athletes from forty countries, and the organisers say every venue is ready.', 'Tickets go on sale in March, with prices from ten euros, and the trams will run all night on the days of the finals, the council said.', 'Volunteers, about two thousand of them, will guide visitors between the stadium, the pool and the park, in six languages.'];
    const t = text(page(`<article><header class="hero-block"><h1>Council expands trams</h1>${intro.map((p) => `<p>${p}</p>`).join('')}</header>${body()}</article>`));
    for (const p of [...intro, ...PROSE]) expect(t).toContain(p);
    expect(t).not.toMatch(/Politics|Home/);
  });

  it('keeps tables, lists, quotes and code inside the article', () => {
    const extra =
      '<table><thead><tr><th>Line</th><th>Stations</th></tr></thead><tbody><tr><td>T5</td><td>4</td></tr><tr><td>T6</td><td>8</td></tr></tbody></table>' +
      '<ul><li>Three new lines, from the station</li><li>Twelve new stations, all step-free</li><li>One depot, in the north</li></ul>' +
      '<blockquote><p>This is the biggest investment in public transport in a generation, and it will change the city.</p></blockquote>' +
      '<pre><code>route T5: A -&gt; B</code></pre>';
    const a = extractArticle(page(`<article><div class="entry-content">${body(extra)}</div></article>`), URL);
    expect(a.html).toContain('<table>');
    expect(a.text).toContain('T5 4');
    expect(a.text).toContain('Twelve new stations, all step-free');
    expect(a.html).toContain('<blockquote>');
    expect(a.html).toContain('<pre><code>route T5: A -&gt; B</code></pre>');
  });

  it('drops ads, newsletter boxes and cookie banners', () => {
    const junk =
      '<div class="ad-slot"><p>Advertisement</p></div>' +
      '<div class="newsletter-signup"><p>Get our best stories every morning, straight to your inbox, for free. Sign up now.</p></div>' +
      '<div id="cookie-banner"><p>We use cookies to improve your experience, measure traffic and show ads. Accept?</p></div>';
    const t = text(page(`${junk}<article><div class="entry-content">${body()}</div></article>`));
    expect(t).not.toMatch(/Advertisement|inbox|cookies/);
  });

  it('drops byline and date lines above the body, keeps a credit line at the end', () => {
    const top = '<div class="entry-meta"><span class="byline">By Jane Doe</span> <span class="posted-on">March 5, 2024, 10:44 am</span></div>';
    const credit = '<p><em>The Site Example with inputs from Agencies</em></p>';
    const t = text(page(`<article><h1>Council expands trams</h1>${top}<div class="entry-content">${body(credit)}</div></article>`));
    expect(t).not.toMatch(/Jane Doe|March 5/);
    expect(t).not.toContain('Council expands trams');
    expect(t.endsWith('The Site Example with inputs from Agencies')).toBe(true);
  });

  it('keeps a schedule whose rows open with dates at the top of the body, still drops a lone date line', () => {
    const rows = ['September 10 12pm-1pm Room 217 with Carrie Menke', 'September 17 12pm-1pm Room 217 with Carrie Menke', 'September 24 12pm-1pm Room 217 with Carrie Menke'];
    const schedule = `<p><strong>Schedule</strong></p><div>${rows.map((r) => `<div>${r}</div>`).join('')}</div>`;
    const t = text(page(`<article><h1>Yoga series</h1><div class="entry-content"><p>March 5, 2024</p>${schedule}${body()}</div></article>`));
    for (const r of rows) expect(t).toContain(r);
    expect(t).not.toContain('March 5');
  });

  it('keeps a "See: …" line introducing its link inside a list item that says more, drops a bare link line there', () => {
    const item = (name: string, about: string, see: string) =>
      `<li><p><a href="https://${name}.example/">${name}</a>, by a former data analyst. ${about}</p><p>See: <em><a href="https://${name}.example/p/1">“${see}”</a></em></p><p><a href="https://scholar.example/">Google Scholar</a></p></li>`;
    const list = `<ol>${item('Supervised', PROSE[1], 'Putting the brakes on the AI hype')}${item('Benn', PROSE[2], 'Is the new model the big step forward')}</ol>`;
    const t = text(page(`<article><h1>Ten newsletters</h1><div class="entry-content"><p>${PROSE[0]}</p>${list}<p>${PROSE[3]}</p></div></article>`, ARTICLE_TYPE));
    expect(t).toContain('See: “Putting the brakes on the AI hype”');
    expect(t).toContain('See: “Is the new model the big step forward”');
    expect(t).not.toContain('Google Scholar');
  });

  it('drops a breadcrumb trail and a category label (kicker) inside the article, whatever their tag', () => {
    const crumbs = '<p class="breadcrumb-navigation"><a href="/">Start</a> &gt; <a href="/news">News</a> &gt; <a href="/news/city">City hall</a> &gt; Council expands trams</p>';
    const kicker = '<span class="article-category"><a href="/transport">Public transport</a></span>';
    const t = text(page(`<div class="hentry">${crumbs}<h1>Council expands trams</h1><p>${kicker}</p>${body()}</div>`));
    expect(t).toContain(PROSE[0]);
    expect(t).not.toMatch(/Start|City hall|Public transport/);
  });

  it('finds the article when a wrapper has an unlikely name (sidebar layout)', () => {
    const t = text(page(`<div class="container has-sidebar header-style-2"><div class="post-body">${body()}</div><div class="widget"><a href="/z">Popular</a></div></div>`));
    expect(t).toContain(PROSE[2]);
  });

  it('keeps prose blocks with a weak chrome word in their name that stand among the article’s paragraphs', () => {
    // An editor's grid of plant portraits between the paragraphs, its rows named as the grid is.
    const col = (name: string, p: string) => `<div class="col-lg"><img src="/${name}.jpg" alt="${name}"><h6>${name}</h6><p>${p}</p></div>`;
    const grid = `<div class="ck-widget grid"><div class="ck-widget row">${col('Snake plant', PROSE[1])}${col('ZZ plant', PROSE[2])}</div></div>`;
    // A documentation section whose id is its heading's, beside the intro's paragraphs.
    const section = `<div class="section" id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2><p>${PROSE[3]}</p><p>${PROSE[1]} Again, in other words.</p></div>`;
    // Chrome of the same words still goes: a list of links, and a pop-up calculator with fields.
    const links = '<div class="related-widget"><a href="/a">Popular story one</a> <a href="/b">Popular story two</a></div>';
    const tool = `<div class="revenue-modal-wrapper"><p>What is your industry? Pick one to see results that match a business of your size.</p><p>${PROSE[0].slice(0, 120)}</p><p>${PROSE[2].slice(0, 120)}</p><input name="industry"></div>`;
    // An accordion named for its header's alignment, in a wrapper of its own.
    const accordion = `<div class="block-accordion"><div class="acc-wrap pane-header-alignment-left"><h3>My method</h3><p>${PROSE[0]} I scored each.</p><p>${PROSE[2]} I weighed each.</p></div></div>`;
    const t = text(page(`<article><div class="entry"><p>${PROSE[0]}</p><p>${PROSE[3]}</p>${grid}${links}${tool}${section}${accordion}<p>${PROSE[2]} That was all.</p></div></article>`, ARTICLE_TYPE));
    expect(t).toContain(`My method\n\n${PROSE[0]} I scored each.`);
    expect(t).toContain(`Snake plant\n\n${PROSE[1]}`);
    expect(t).toContain(`ZZ plant\n\n${PROSE[2]}`);
    expect(t).toContain('Sharing with a single developer');
    expect(t).toContain(`${PROSE[1]} Again, in other words.`);
    expect(t).not.toMatch(/Popular story|What is your industry/);
  });

  it('counts the paragraphs beside a weakly named block as they are, however many blocks before it were dropped', () => {
    // Pruning takes dropped blocks out of a parent's children a run at a time; a block's
    // neighbours are counted once the run is out (one paragraph beside it: not amid the text).
    const para = (w: string) => `<p>${`${w} is a sentence of the article, with words and more words, long enough to count. `.repeat(3)}</p>`;
    for (const dropped of [0, 100]) {
      const html = `<html><body><article><div class="entry">${'<div class="comment">c</div>'.repeat(dropped)}${para('Main')}` +
        `<div class="section" id="sharing-with-a-single-developer">${para('Shared one')}${para('Shared two')}</div></div>` +
        `<div class="more">${para('Closing')}${para('Final')}${para('Last')}${para('Very last')}</div></article></body></html>`;
      const t = extractArticle(html, 'https://example.com/a').text;
      expect(t).toContain('Main is a sentence');
      expect(t).toContain('Very last is a sentence');
      expect(t).not.toContain('Shared one');
    }
  });

  it('keeps the folded panels of an accordion (hidden until pressed), drops other hidden blocks', () => {
    const steps = [
      'Week one: gather twelve months of electric bills, so that installers can size the system from what the house really uses, and book an energy audit.',
      'Weeks two to four: compare at least three quotes, ask each installer about equipment lead times, and read the warranty terms before you sign anything.',
    ];
    // The disclosure pattern two ways: a button that says which block it opens, and a region labelled by its header.
    const accordion =
      `<h3><button aria-expanded="false" aria-controls="step-1">1. Understand your bill</button></h3><div id="step-1" hidden><p>${steps[0]}</p></div>` +
      `<div class="acc-head"><a role="button" id="h-2" aria-controls="step-2">2. Get quotes</a></div><div id="step-2" role="region" aria-labelledby="h-2" style="display:none"><p>${steps[1]}</p></div>`;
    const popup = '<div id="promo" style="display: none"><p>Get a free quote today: our partners will call you back within the hour, no obligation at all.</p></div>';
    const consent = '<section role="tabpanel" id="vendors" aria-labelledby="tab-vendors" hidden><p>We and our partners process your data to deliver content and measure its delivery, on the basis of consent.</p></section>';
    const t = text(page(`<article><div class="entry"><p>${PROSE[0]}</p><p>${PROSE[1]}</p>${accordion}${popup}${consent}<p>${PROSE[2]}</p></div></article>`, ARTICLE_TYPE));
    for (const s of steps) expect(t).toContain(s);
    expect(t).not.toMatch(/free quote|our partners process/);
  });

  it("keeps the closed tabs of a tab set the page shows, not the tabs of something closed", () => {
    const tabs = [
      'On Windows, install the tools with the installer from the download page, then open a new terminal so that the path is read again.',
      'On macOS, install the tools with Homebrew, then check the version they report before you go on to create your first project.',
      'On Linux, install the tools from your distribution’s packages, or download the archive and put its folder on your path by hand.',
    ];
    // One panel open, the others closed as tab scripts close them: `hidden`, or a style.
    const tabSet =
      '<div role="tablist"><button role="tab" aria-controls="win">Windows</button><button role="tab" aria-controls="mac">macOS</button><button role="tab" aria-controls="linux">Linux</button></div>' +
      `<div role="tabpanel" id="win"><p>${tabs[0]}</p></div><div role="tabpanel" id="mac" hidden><p>${tabs[1]}</p></div><div role="tabpanel" id="linux" style="display: none"><p>${tabs[2]}</p></div>`;
    // A consent dialog's tabs, all closed with it.
    const consent =
      '<div><div role="tabpanel" id="purposes" hidden><p>We and our partners store cookies to measure the delivery of content, on the basis of your consent.</p></div>' +
      '<div role="tabpanel" id="vendors" hidden><p>Our partners process your data to deliver content and measure its delivery, on the basis of consent.</p></div></div>';
    const t = text(page(`<article><div class="entry"><p>${PROSE[0]}</p><p>${PROSE[1]}</p>${tabSet}${consent}<p>${PROSE[2]}</p></div></article>`, ARTICLE_TYPE));
    for (const s of tabs) expect(t).toContain(s);
    expect(t).not.toMatch(/store cookies|partners process/);
  });

  it.each([
    ['visibility:hidden;min-height:100vh', 'an anti-flicker wrapper'],
    ['display: none', "a loader's hidden page"],
  ])('reads a page its markup keeps hidden until scripts run (%s: %s), not a hidden block beside the text', (style) => {
    const menu = '<div class="drawer" style="display:none"><p>Sign in to save articles to your reading list and follow the topics you care about.</p></div>';
    const t = text(`<!doctype html><html><head><title>Council expands trams</title>${ARTICLE_TYPE}</head><body><div id="app"><div style="${style}">` +
      `<header><a href="/">Home</a></header>${menu}<article><h1>Council expands trams</h1>${body()}</article></div></div></body></html>`);
    for (const p of PROSE) expect(t).toContain(p);
    expect(t).not.toContain('Sign in to save');
  });

  it("leaves out the article's heading and its copies, and keeps the <h1>s that head its sections", () => {
    // A landing page's builder heads every section with an <h1>; the headline is there twice (a
    // mobile and a desktop copy), as the page's title.
    const sections = ['Routes we will run', 'What it will cost', 'When the works start'];
    const t = text(page(`<article><h1 class="mobile">Council expands trams</h1><h1 class="desktop">Council expands trams</h1>` +
      sections.map((h, i) => `<section><h1>${h}</h1><p>${PROSE[i]}</p></section>`).join('') + '</article>'));
    for (const [i, h] of sections.entries()) {
      expect(t).toContain(h);
      expect(t).toContain(PROSE[i]);
    }
    expect(t).not.toContain('Council expands trams');
  });

  it('drops a hidden block that holds much of the page but not nearly all of it', () => {
    // Readability's own test page: a hidden half of an article stays out.
    const hidden = `<div style="visibility: hidden;"><p>${PROSE[0]}</p><p>${PROSE[1]}</p></div>`;
    const t = text(page(`<article><h1>Lorem</h1>${hidden}<h2>Foo</h2><div><p>${PROSE[2]}</p><p>${PROSE[3]}</p></div></article>`));
    expect(t).toContain(PROSE[2]);
    expect(t).not.toContain(PROSE[0]);
  });

  it('finds content in divs with line breaks (no <p>)', () => {
    const divs = PROSE.map((p) => `<div>${p}<br></div>`).join('');
    const t = text(page(`<div class="post-body">${divs}</div><div class="sidebar"><a href="/q">Links</a></div>`));
    for (const p of PROSE) expect(t).toContain(p);
  });

  it('tolerates broken HTML', () => {
    const broken = `<div class="story"><p>${PROSE[0]}<p>${PROSE[1]}<div><b>${PROSE[2]}</div></span><p>${PROSE[3]}`;
    const t = text(`<html><body>${broken}`);
    for (const p of PROSE) expect(t).toContain(p);
  });
});

describe('extractArticle: opening paragraphs an inline box parts from the body', () => {
  it('keeps the paragraphs before it, each wrapped in its own div, and not a note after the body', () => {
    const lead = ['Emergency services were called to the restaurant\'s curry-eating challenge after competitors fell ill, the owner said.',
      'One participant was so ill after the contest that she had to be taken to the infirmary twice in a matter of hours.'];
    const related = '<div id="related-links" class="related_links_inline"><div class="headerOne"><h2><span>Related Articles</span></h2></div><ul>' +
      ['Flag to fly above town', 'Water column forms over lake', 'Smallest aquarium holds two teaspoons'].map((t, i) => `<li><p><a href="/n/${i}">${t}</a></p><span class="date">05 Oct 2011</span></li>`).join('') + '</ul></div>';
    const note = '<div class="reuse"><p>This article may not be reproduced without the written permission of the publisher, who holds its rights.</p></div>';
    // A long body (three times the prose), so that it wins alone.
    const long = [...PROSE, ...PROSE.map((p) => p.replace(/\.$/, ' again.')), ...PROSE.map((p) => p.replace(/\.$/, ' once more.'))].map((p) => `<p>${p}</p>`).join('\n');
    const html = page(`<div id="mainBodyArea"><div class="firstPar"><p>${lead[0]}</p></div><div class="secondPar"><p>${lead[1]}</p></div>${related}<div class="body">${long}</div>${note}</div>`);
    const t = text(html);
    expect(t.indexOf(lead[0])).toBe(0);
    expect(t).toContain(lead[1]);
    expect(t).toContain(PROSE[PROSE.length - 1]);
    expect(t).not.toMatch(/Related Articles|Water column|reproduced/);
  });
});

describe('extractArticle: config selectors', () => {
  const html = page(`<article><div class="entry-content">${body()}</div></article><div class="bulletin"><p>${PROSE[1]}</p><p class="note">Editor's note: the tram map is attached.</p></div>`);

  it('content selector overrides detection', () => {
    const t = text(html, { selectors: { content: '.bulletin' } });
    expect(t).toContain(PROSE[1]);
    expect(t).not.toContain(PROSE[0]);
  });

  it('remove selectors narrow the content', () => {
    const t = text(html, { selectors: { content: '.bulletin', remove: ['.note'] } });
    expect(t).not.toContain("Editor's note");
  });

  it('metadata and content selectors together, on one page', () => {
    const a = extractArticle(html, 'https://example.com/a', {
      selectors: { title: '.note', author: '.bulletin .note', content: '.bulletin', remove: ['.note'] },
    });
    expect(a.title).toBe("Editor's note: the tram map is attached.");
    expect(a.author).toBe("Editor's note: the tram map is attached.");
    expect(a.text).toContain(PROSE[1]);
    expect(a.text).not.toContain("Editor's note");
  });

  it('an invalid or unmatched content selector falls back to detection', () => {
    expect(text(html, { selectors: { content: '.nothing-here' } })).toContain(PROSE[0]);
    expect(text(html, { selectors: { content: '[[[' } })).toContain(PROSE[0]);
  });
});

describe('extractContent', () => {
  it('returns raw (unsanitized) HTML of the chosen content', () => {
    const html = extractContent(parseHtml(page(`<article><div class="entry-content">${body()}</div></article>`)));
    expect(html).toContain(PROSE[0]);
    expect(html).not.toContain('<nav');
  });

  it('never throws on empty or text-only input', () => {
    expect(() => extractArticle('', URL)).not.toThrow();
    expect(extractArticle('', URL).text).toBe('');
    expect(extractArticle('just some words', URL).text).toBe('just some words');
  });
});

describe('extractArticle: cleanup keeps the article’s own wrappers', () => {
  it('never drops, for its shape, a block holding half the chosen text (a glossary entry dense with links)', () => {
    // Page builders wrap the whole body in widget divs; an entry that links its terms has a link
    // density that would otherwise condemn the wrapper.
    const linked = (p: string) => p.replace(/(\w+ \w+) (\w+)\b/g, (_, a, b) => `<a href="/glossary/${b}">${a}</a> ${b}`);
    const entry = ['The storage battery keeps the solar power of the day for the evening hours.', 'Lead batteries were cheap per kilowatt hour and long the usual choice.', 'Lithium cells now dominate: they last longer and lose less energy.'];
    const t = text(page(`<article><div class="entry-widget"><div class="widget-container">${entry.map((p) => `<p>${linked(p)}</p>`).join('')}</div></div></article>`));
    for (const p of entry) expect(t).toContain(p);
  });

  // Pruning leaves a dropped child in its slot of the parent's array until the level settles: the
  // widget must still be read as the content block's only element after a sibling dropped for its
  // tag, for being hidden, or as a comment.
  it.each(['', '<button>Share</button>', '<div hidden>Subscribe</div>', '<script>var a = 1</script>', '<!-- ad -->'])(
    'keeps a widget that is the only element of a block named for content, after %j',
    (before) => {
      const widget = 'The widget paragraph holds words of its own about the trams and the council, long enough to count as prose in any reading of it.';
      const paras = (ps: string[]) => ps.map((p) => `<p>${p}</p>`).join('');
      const t = text(page(`<article><div class="entry-content">${paras(PROSE.slice(0, 3))}</div><div class="post-content">${before}<div class="widget-text"><p>${widget}</p></div></div>${paras(PROSE.slice(3))}</article>`));
      expect(t).toContain(widget);
      expect(t).not.toMatch(/Subscribe|Share/);
    },
  );
});

describe('extractArticle: boilerplate lines in several languages', () => {
  const withLines = (before: string[], after: string[]) =>
    page(`<article><div class="entry-content">${before.map((l) => `<p>${l}</p>`).join('')}${body()}${after.map((l) => `<p>${l}</p>`).join('')}</div></article>`);

  it('drops date lines at the top written in German, French or Spanish', () => {
    const t = text(withLines(['Veröffentlicht am 2. Februar 2022', 'Publié le 3 mars 2024', 'Actualizado el 5 de marzo'], []));
    expect(t).not.toMatch(/Veröffentlicht|Publié|Actualizado/);
    expect(t.startsWith(PROSE[0])).toBe(true);
  });

  it('drops picture credits written as a line of their own', () => {
    const t = text(withLines(['Foto: Instagram/dannibuechner'], ['Titelbild: Jane Doe/picture-alliance', 'Photo: John Smith/Getty Images']));
    expect(t).not.toMatch(/Instagram|picture-alliance|Getty/);
    expect(t).toContain(PROSE[3]);
  });

  it('drops picture credits set inline beside their caption, keeps the caption', () => {
    const figure = (caption: string, credit: string) => `<div class="image"><img src="/a.jpg" alt=""><p>${caption} ${credit}</p></div>`;
    const t = text(
      withLines(
        [figure('The new tram at the depot.', '<span class="credit">Foto: Jane Doe/dpa</span>')],
        [figure('The mayor after the vote.', '<em>© Press Office | John Smith</em>'), figure('The planned route.', '<small>(Bild: Tram Works)</small>')],
      ),
    );
    expect(t).not.toMatch(/Jane Doe|John Smith|Tram Works/);
    expect(t).toContain('The new tram at the depot.');
    expect(t).toContain('The mayor after the vote.');
    expect(t).toContain(PROSE[3]);
  });

  it('drops credits that name a photographer and an agency, on a line of their own or after a caption\'s ©', () => {
    const figure = (caption: string) => `<div class="image"><img src="/a.jpg" alt=""><p>${caption}</p></div>`;
    const t = text(
      withLines(
        ['Tim Robberts/Getty Images', 'Getty Images / Holger Leue', figure('Kim Kyung-Hoon/Reuters'), 'DGLimages via Getty Images', 'Image credit: www.example.com/in/'],
        [
          figure('Marco Odermatt, ski star from Switzerland. © AFP / MARCO BERTORELLO'),
          figure('Lee Elder was blessed with talent. | © Augusta National/Getty Images'),
          figure('Bild © Johannes Gregor/hr'),
        ],
      ),
    );
    expect(t).not.toMatch(/Robberts|Leue|Kyung-Hoon|DGLimages|example\.com|BERTORELLO|Augusta National|Gregor|©|Bild/);
    expect(t).toContain('Marco Odermatt, ski star from Switzerland.');
    expect(t).toMatch(/Lee Elder was blessed with talent\.$/m);
    expect(t.startsWith(PROSE[0])).toBe(true);
    expect(t).toContain(PROSE[3]);
  });

  it('reads a caption without its cut credit when it looks for repeated captions', () => {
    const figure = (caption: string) => `<div class="image"><img src="/a.jpg" alt=""><p>${caption}</p></div>`;
    const t = text(withLines([figure('The new tram at the depot. © AFP / Jane Doe')], [figure('The new tram at the depot. © AFP / John Roe')]));
    expect(t.split('The new tram at the depot.').length - 1).toBe(1);
  });

  it('keeps agencies named in the text, a heading of them, and a copyright year after a ©', () => {
    const t = text(withLines(['A Reuters/Ipsos poll found most residents back the plan.'], ['<h3>Pexels / Unsplash</h3>', 'The first map of the line. © 1998 The Author']));
    expect(t).toContain('A Reuters/Ipsos poll found most residents back the plan.');
    expect(t).toContain('Pexels / Unsplash');
    expect(t).toContain('The first map of the line. © 1998 The Author');
  });

  it('drops filing lines, navigation words and rating prompts at the end', () => {
    const t = text(withLines([], ['Category : Press Releases', 'Schlagwörter: Tram, Stadtrat', 'Weitere Informationen:', 'Kontakt:', 'Previous article', 'Wie bewerten Sie diesen Artikel?', 'If you enjoyed reading this post, would you consider supporting our work?']));
    expect(t).not.toMatch(/Press Releases|Schlagwörter|Weitere Informationen|Kontakt|Previous article|bewerten|enjoyed/);
    const filed = ['Etiketler: tramvay, belediye', 'Tagi: tramwaj, rada', 'Метки: трамвай', 'Štítky: tramvaj', 'Ετικέτες: τραμ', 'タグ：路面電車', '标签：有轨电车', 'الوسوم: ترام'];
    expect(text(withLines([], filed))).not.toMatch(/Etiketler|Tagi|Метки|Štítky|Ετικέτες|タグ|标签|الوسوم/);
    expect(t.endsWith(PROSE[3])).toBe(true);
  });

  it('keeps prose that merely mentions a photo, a category or a contact', () => {
    const prose = ['Photo: the word opens this sentence, yet it goes on for long enough, with commas, to be plain article prose that a reader wants.', 'The contact between the two teams, the council said, would continue through the summer, with meetings every second week.'];
    const t = text(withLines([], prose));
    for (const p of prose) expect(t).toContain(p);
  });
});

describe('extractArticle: content a browser would move out of <head>', () => {
  const article = `<div class="article">${body()}</div>`;
  it.each([
    ['before <body>', `<!doctype html><html><head><title>T</title><meta charset="utf-8">${article}</head><body><footer>© Site</footer></body></html>`],
    ['in a page without a <body> tag', `<!doctype html><html><head><title>T</title>${article}<footer>© Site</footer></head></html>`],
  ])('finds the article when its markup starts %s', (_, html) => {
    const t = text(html);
    for (const p of PROSE) expect(t).toContain(p);
  });
});

describe('extractArticle: a page with neither <html> nor <body>', () => {
  // A fragment, or a page whose start was cut off: the search starts from the document node,
  // which can then be chosen whole (it used to be wrapped as if it were an element, and threw).
  it('finds the article and throws nothing', () => {
    const html = `<meta charset="utf-8"><link rel="stylesheet" href="/s.css"><div><p>${PROSE[0]}</p><p>${PROSE[1]}</p></div><p>${PROSE[2]}</p>`;
    const t = text(html);
    expect(t).toContain(PROSE[0]);
    expect(t).toContain(PROSE[1]);
  });

  it('reads a page of thousands of unclosed tags (nested past the parser’s bound) without overflowing the stack', () => {
    const html = `<title>T</title>${'<div><font>'.repeat(3000)}<div class="article">${body()}</div>`;
    const t = text(html);
    for (const p of PROSE) expect(t).toContain(p);
  });
});

describe('extractArticle: content a browser would move into <body>', () => {
  const article = `<div class="article">${body()}</div>`;
  it.each([
    ['after </html>', `<!doctype html><html><head><title>T</title></head><body><footer>© Site</footer></body></html>${article}`],
    ['after </body>', `<!doctype html><html><head><title>T</title></head><body><footer>© Site</footer></body>${article}</html>`],
    ['after </html> in a page that opens <html> twice', `<!doctype html><html><html><head><title>T</title></head><body><p>Hi</p></body></html></html>${article}`],
  ])('finds the article when its markup comes %s', (_, html) => {
    const t = text(html);
    for (const p of PROSE) expect(t).toContain(p);
  });
});

describe('extractArticle: a post teaser at the end of the article', () => {
  it('keeps the article, not the "next post" <article> inside its wrappers', () => {
    const teaser = `<div class="nav-next"><article class="post-box"><div class="post-box__container"><a href="/next">Next post: ten tips for the road</a><p>${PROSE[0]} ${PROSE[1]}</p></div></article></div>`;
    const more = ['assembly', 'board', 'committee'].map((w) => PROSE.map((p) => `<p>${p.replace('council', w)}</p>`).join('')).join('');
    const t = text(page(`<main><h1>Council expands trams</h1><article class="content"><div class="container"><div class="content-box">${body()}${more}${teaser}</div></div></article></main>`));
    expect(t).toContain(PROSE[3]);
    expect(t).toContain(PROSE[2].replace('council', 'assembly'));
  });
});

describe('extractArticle: promos, disclosures and credits in several languages', () => {
  const withLines = (before: string[], after: string[]) =>
    page(`<article><div class="entry-content">${before.map((l) => `<p>${l}</p>`).join('')}${body()}${after.map((l) => `<p>${l}</p>`).join('')}</div></article>`);

  it('drops "see also" promos, advertising disclosures, © credits and closed-comment notes', () => {
    const t = text(
      withLines(
        ['*Werbung. Dieser Beitrag enthält Werbung für eine Marke.', '© AFP / Jane Doe'],
        ['LE PUEDE INTERESAR: La ficha del caso en Nueva York', 'Dowiedz się więcej: Kto jak głosował?', 'Zurück zum Newsroom', 'Teilen Sie dies mit:', 'For the latest stories and breaking news updates download the Example News apps for iOS and Android.', 'Comments are closed.'],
      ),
    );
    expect(t).not.toMatch(/Werbung|AFP|INTERESAR|Dowiedz|Newsroom|Teilen|download|Comments are closed/);
    const promos = ['Baca juga: Trem baru ke pelabuhan', 'Читайте также: Новый трамвай', 'यह भी पढ़ें: नई ट्राम', 'Xem thêm: Tàu điện mới', 'Läs också: Den nya spårvagnen'];
    expect(text(withLines([], promos))).not.toMatch(/Baca|Читайте|पढ़ें|Xem|Läs/);
    expect(t.startsWith(PROSE[0])).toBe(true);
    expect(t.endsWith(PROSE[3])).toBe(true);
  });

  it.each(['Udostępnij', 'Поделиться', 'Реклама', 'Paylaş', 'Compartilhar', 'Delen', 'Bagikan', 'Chia sẻ', 'إعلان', 'שתף', '공유', '広告', '分享', 'ブックマーク', 'メール', '[PR]', '인쇄', '列印'])(
    'drops a "%s" line standing alone',
    (line) => {
      const t = text(withLines([line], [line]));
      expect(t).not.toContain(line);
      expect(t.startsWith(PROSE[0])).toBe(true);
    },
  );

  it('drops a paragraph of links to other stories under its own label line, in the middle of the story', () => {
    // Tabloids put a "DON'T MISS" paragraph between the story's paragraphs: a label, a line break,
    // then linked headlines, each with a tag. It is longer than a bare link line.
    const links = ['Tram fares to rise for the first time in ten years, council warns', 'Cyclists ask for a lane beside the new line on the harbour road', 'Residents vote on the name of the last stop'];
    const promo = `<p><strong>DON'T MISS</strong><br>${links.map((l, i) => `<strong><a href="/news/${i}">${l}</a> [${['INSIGHT', 'REVEAL', 'POLL'][i]}]</strong>`).join('<br>')}</p>`;
    const t = text(page(`<article><div class="entry-content"><p>${PROSE[0]}</p><p>${PROSE[1]}</p>${promo}<p>${PROSE[2]}</p><p>${PROSE[3]}</p></div></article>`));
    expect(t).not.toMatch(/DON'T MISS|Tram fares|Cyclists|Residents vote/);
    expect(t).toContain(PROSE[2]);
  });

  it('drops affiliate disclosures, a few sentences long, and keeps a sentence about commissions', () => {
    const disclosures = [
      'Just so you know, we review everything we recommend. When you buy through links on this page, we may earn a commission at no extra cost to you. Learn more about our affiliate links and how we choose what to test, and why the commissions never decide which trams and timetables we write about here.',
      '*As an Amazon Associate I earn from qualifying purchases.',
      'Products are chosen independently by our editors. Purchases made through our links may earn us a commission.',
    ];
    const kept = 'The operator says drivers earn a commission on every season ticket they sell on board.';
    const t = text(withLines([], [kept, ...disclosures]).replace('</title>', '</title><meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-02T10:00:00Z">'));
    expect(disclosures[0].length).toBeGreaterThan(250);
    expect(t).not.toMatch(/Just so you know|Amazon Associate|chosen independently/);
    expect(t).toContain(kept);
  });

  it('cuts a "Ähnliche Beiträge" block at the end', () => {
    const t = text(page(`<article><div class="entry-content">${body()}<h3>Ähnliche Beiträge</h3><p>Ein anderer Beitrag über Straßenbahnen, mit einem langen Satz, damit er zählt.</p></div></article>`));
    expect(t).not.toMatch(/Ähnliche|anderer Beitrag/);
  });
});

describe('a content selector and prune', () => {
  const page = `<html><body><div class="story">
    <p>The harbour works begin in spring and will last two years, the council said on Monday evening.</p>
    <nav><a href="/">Home</a> <a href="/city">City</a></nav>
    <p>Ships will be diverted to the northern quay while the southern basin is dredged and rebuilt.</p>
    <ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/s${i}">Related story number ${i}</a></li>`).join('')}</ul>
    <form><p>Get our newsletter</p><input name="email"></form>
  </div><div class="aside">Elsewhere</div></body></html>`;
  const content = (prune?: boolean) => extractContent(parseHtml(page), { content: '.story', ...(prune === undefined ? {} : { prune }) });

  it('prune: true cleans inside the matches as automatic content; false keeps them as matched', () => {
    const pruned = content(true);
    expect(pruned).toContain('northern quay');
    expect(pruned).not.toMatch(/Related story|newsletter|City/);
    const kept = content(false);
    expect(kept).toMatch(/Related story number 7[\s\S]*Get our newsletter/);
    expect(kept).toContain('<nav>');
    expect(kept).not.toContain('Elsewhere');
    // A configured selector's own blocks are kept whatever their shape, chrome aside.
    const selected = content();
    expect(selected).toContain('Related story number 7');
    expect(selected).not.toContain('<nav>');
  });
});
