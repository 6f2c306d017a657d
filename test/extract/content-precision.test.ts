/**
 * Boilerplate inside the chosen content that cleanup must take out, each idea on a small
 * hand-written page, with the text beside it that must stay.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';

const URL = 'https://blog.example/2024/05/kitchen-garden';
const text = (html: string): string => extractArticle(html, URL).text;

const PARAS = [
  'We planted the kitchen garden in raised beds this spring, three of them, each a metre wide so that every plant can be reached from the path without stepping on the soil.',
  'The first bed holds lettuce, radishes and spring onions, sown every two weeks in short rows, so that something is ready to pick every week from May until the end of summer.',
  'Tomatoes went into the second bed once the nights stayed above ten degrees, with basil between them, and the third bed is for beans, which climb a frame of hazel poles.',
  'By July the beds gave more than we could eat, and the neighbours took home bags of beans, while the last of the tomatoes ripened on the windowsill in October.',
];

function page(inner: string): string {
  return `<!doctype html><html lang="en"><head><title>Our kitchen garden</title></head><body>
  <header class="site-header"><a href="/">Blog</a> <a href="/about">About</a></header>
  <main><article><h1>Our kitchen garden</h1>${inner}</article></main>
  <footer class="site-footer"><p>© 2024 The Blog. All rights reserved.</p></footer>
  </body></html>`;
}

describe('extractArticle: controls drawn as links or divs', () => {
  it('leaves out a short element with role="button" ("Click to expand…"), as it does a <button>', () => {
    const html = page(`<p>${PARAS[0]}</p>
      <blockquote class="quote"><div class="quote-inner"><p>${PARAS[1]}</p></div>
        <div class="quote-expand"><a role="button" tabindex="0">Click to expand...</a></div></blockquote>
      <p>${PARAS[2]}</p><p>${PARAS[3]}</p>`);
    const out = text(html);
    expect(out).toContain(PARAS[1].slice(0, 40));
    expect(out).toContain(PARAS[3].slice(0, 40));
    expect(out).not.toContain('Click to expand');
  });

  it('keeps an element with role="button" that holds a paragraph\'s worth of text (a clickable card)', () => {
    const card = 'Beans climb a frame of hazel poles, tied at the top, which lasts two or three summers.';
    const html = page(`<p>${PARAS[0]}</p><p>${PARAS[1]}</p>
      <div role="button" tabindex="0" class="note">${card}</div>
      <p>${PARAS[2]}</p><p>${PARAS[3]}</p>`);
    expect(text(html)).toContain(card);
  });
});

describe('extractArticle: the author\'s bio at the end', () => {
  const bylined = (inner: string, author = 'Jane Doe') =>
    page(inner).replace('</head>', `<meta name="author" content="${author}"></head>`);
  const BIO = 'Jane Doe is a garden writer based in Bristol, and has grown vegetables on her allotment for twenty years.';

  it('leaves out a closing block that opens with the byline\'s name, and the name line above it', () => {
    const html = bylined(`${PARAS.map((p) => `<p>${p}</p>`).join('')}
      <div class="writer"><p><strong>Jane Doe</strong></p><p>${BIO}</p></div>`);
    const out = text(html);
    expect(out).toContain(PARAS[3].slice(0, 40));
    expect(out).not.toContain('garden writer based in Bristol');
    expect(out).not.toMatch(/^Jane Doe$/m);
  });

  it('keeps a paragraph opening with the name in the body of the article, and a closing one when the byline is not a person', () => {
    const early = 'Jane Doe is how the seed catalogue addressed me, and the beds came from its spring offer of timber frames.';
    const html = bylined(`<p>${early}</p>${PARAS.map((p) => `<p>${p}</p>`).join('')}`);
    expect(text(html)).toContain(early);
    const org = bylined(`${PARAS.map((p) => `<p>${p}</p>`).join('')}<p>Gardenly is a garden shop in Bristol that sells seeds, tools and timber frames for raised beds.</p>`, 'Gardenly');
    expect(text(org)).toContain('Gardenly is a garden shop');
  });

  it("reads a bio under its heading in another language, and the second of two authors joined by another language's \"and\"", () => {
    const html = bylined(`${PARAS.map((p) => `<p>${p}</p>`).join('')}<p>Über den Autor: ${BIO}</p>`);
    expect(text(html)).not.toContain('garden writer based in Bristol');
    const second = bylined(`${PARAS.map((p) => `<p>${p}</p>`).join('')}<p>${BIO}</p>`, 'Mario Rossi e Jane Doe');
    expect(text(second)).not.toContain('garden writer based in Bristol');
  });
});

describe('extractArticle: forms', () => {
  it('leaves out a form of fields after the article (labels and notes of a comment form)', () => {
    const html = page(`${PARAS.map((p) => `<p>${p}</p>`).join('')}
      <form action="/comment" method="post">
        <p>Your name<br><input name="name"></p><p>Your email address<br><input name="email"></p>
        <p>Your words<br><textarea name="body"></textarea></p>
        <p>Every field is needed, and what you write here is read by a person before it appears below.</p>
        <input type="submit" value="Send">
      </form>`);
    const out = text(html);
    expect(out).toContain(PARAS[3].slice(0, 40));
    expect(out).not.toContain('Your email address');
    expect(out).not.toContain('read by a person before it appears');
  });

  it('keeps a page wrapped in one form (as ASP.NET pages are) whole', () => {
    const html = `<!doctype html><html><head><title>Our kitchen garden</title></head><body>
      <form id="aspnetForm" action="/page.aspx" method="post"><input type="hidden" name="__VIEWSTATE" value="x">
        <div class="page"><h1>Our kitchen garden</h1>${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>
      </form></body></html>`;
    const out = text(html);
    for (const p of PARAS) expect(out).toContain(p.slice(0, 40));
  });
});

describe('extractArticle: a blog laid out in a table, and a "Recent posts" block', () => {
  const COMMENT = 'Great post! We tried raised beds too, but the slugs ate everything in the first week, so now we grow only herbs in pots on the balcony, well out of their reach.';
  // A blog of the 2000s: the page's columns are table cells; the post and its comments share one.
  const tablePage = (cell: string) => `<!doctype html><html lang="en"><head><title>Our kitchen garden</title></head><body>
    <div id="container"><table><tr><td class="banner"><a href="/">Blog</a></td></tr>
    <tr><td class="blog"><h2>Our kitchen garden</h2>${PARAS.map((p) => `<div class="entry-body"><p>${p}</p></div>`).join('')}${cell}</td></tr>
    <tr><td class="footer">© 2006 The Blog</td></tr></table></div></body></html>`;

  it('prunes the comments of a layout table\'s cell by their name, as it would in divs', () => {
    const t = text(tablePage(`<div class="comments-body"><p>${COMMENT}</p><span>Posted by: Ann at May 18, 2006 05:48 PM</span></div>`));
    expect(t).toContain(PARAS[0]);
    expect(t).not.toContain(COMMENT);
  });

  it('drops a block of other blogs\' "Recent posts" after the article', () => {
    const recent = '<section class="webring"><h3>Recent posts on blogs I like:</h3><section><a href="https://other.example/wreath">How to Make a Christmas Wreath</a><p>Yesterday, I made a Christmas wreath from the branches of an evergreen tree near the house, wired to a ring of willow.</p></section></section>';
    const t = text(page(`${PARAS.map((p) => `<p>${p}</p>`).join('')}${recent}`));
    expect(t).toContain(PARAS[3]);
    expect(t).not.toContain('Christmas wreath');
  });

  // A company blog's teasers of its other posts, under a heading naming them as blogs, insights or guides.
  it.each(['Recent Blogs', 'Recent blog posts', 'Latest insights', 'More guides'])('drops a "%s" block of teasers after the article', (heading) => {
    const teasers = `<div class="posts"><h2>${heading}</h2><div class="card"><h3><a href="/wreath">How to make a Christmas wreath</a></h3><p>Yesterday, I made a Christmas wreath from the branches of an evergreen tree near the house, wired to a ring of willow.</p></div></div>`;
    const t = text(page(`${PARAS.map((p) => `<p>${p}</p>`).join('')}${teasers}`));
    expect(t).toContain(PARAS[3]);
    expect(t).not.toContain('Christmas wreath');
  });

  // The same heading in the languages of the web beyond English, German, French, Spanish and Italian.
  it.each(['İlgili Haberler', 'Läs också', '3 Kommentare', 'Commentaires', 'Yorumlar', 'Комментарии', '댓글', 'Schreibe einen Kommentar', 'Související články', 'Powiązane artykuły', 'Читайте також', '관련 기사', 'Tin liên quan', 'Baca juga', 'مقالات ذات صلة', 'Σχετικά άρθρα', 'यह भी पढ़ें', 'あわせて読みたい', '相关新闻'])(
    'drops a "%s" block of teasers after the article',
    (heading) => {
      const teasers = `<div class="posts"><h2>${heading}</h2><div class="card"><h3><a href="/wreath">How to make a Christmas wreath</a></h3><p>Yesterday, I made a Christmas wreath from the branches of an evergreen tree near the house, wired to a ring of willow.</p></div></div>`;
      const t = text(page(`${PARAS.map((p) => `<p>${p}</p>`).join('')}${teasers}`));
      expect(t).toContain(PARAS[3]);
      expect(t).not.toContain('Christmas wreath');
    },
  );
});

describe('extractArticle: chrome words inside a sentence', () => {
  it('keeps a link whose text is a chrome word ("email", "Facebook") when the sentence runs through it', () => {
    const t = text(page(`<p>${PARAS[0]}</p><p>Questions about the beds? Call us or&nbsp;<a href="/contact">email</a>&nbsp;us any day.</p>
      <p>${PARAS[1]} Photos of each bed are on <a href="https://facebook.example/blog">Facebook</a>, <a href="https://twitter.example/blog">Twitter</a> and our blog.</p><p>${PARAS[2]}</p>`));
    expect(t).toContain('Call us or email us any day.');
    expect(t).toContain('Photos of each bed are on Facebook, Twitter and our blog.');
  });

  it('keeps a button inside a sentence (a name that opens a side note) as text, spaced apart', () => {
    const t = text(page(`<p>${PARAS[0]}</p><p>The beds were planned by<button class="sidenote-button" title="Ann Lee">Ann Lee,</button> who grows vegetables for the school.</p><p>${PARAS[1]}</p>`));
    expect(t).toContain('The beds were planned by Ann Lee, who grows vegetables for the school.');
    // A button after a full stop is a control.
    expect(text(page(`<p>${PARAS[0]} <button>Copy</button></p><p>${PARAS[1]}</p>`))).not.toContain('Copy');
  });

  it('keeps inline markup inside a sentence whatever its class says ("footer", "share")', () => {
    const t = text(page(`<p>${PARAS[0]} Yields doubled [<span class="footers"><a href="#ref1">1</a></span>], as a <span class="share-note">share</span> of the plot.</p><p>${PARAS[1]}</p>`));
    expect(t).toContain('Yields doubled [1], as a share of the plot.');
  });

  it('keeps a dateline that opens the first sentence, and still leaves out a dateline or byline line of its own', () => {
    const t = text(page(`<p class="byline">By Ann Lee</p><p><span class="dateline">LEEDS —</span> ${PARAS[0]}</p><p>${PARAS[1]}</p>
      <p><span class="dateline">May 4, 2024</span></p><p>${PARAS[2]}</p>`));
    expect(t).toContain(`LEEDS — ${PARAS[0]}`);
    expect(t).not.toMatch(/By Ann Lee|May 4, 2024/);
  });

  it.each(['Autor: Jan Kowalski', 'Escrito por João Silva', 'Автор: Иван Иванов', 'Geschrieben von Max Mustermann'])(
    'leaves out a byline line labelled in another language: %s',
    (line) => {
      const t = text(page(`<p>${line}</p><p>${PARAS[0]}</p><p>${PARAS[1]}</p>`));
      expect(t).toContain(PARAS[0]);
      expect(t).not.toContain(line);
    },
  );

  it('still leaves out such words standing alone, and a "Read more" after a full stop', () => {
    const t = text(page(`<div class="entry"><p>${PARAS[0]}</p><a href="/share">Share</a><div><a href="/print">Print</a></div>
      <div>${PARAS[1]} <a href="/beds">Read more</a></div><p>${PARAS[2]}</p></div>`));
    expect(t).toContain(`${PARAS[1]}`);
    expect(t).not.toMatch(/Share|Print|Read more/);
  });
});

describe('extractArticle: words only the stylesheet keeps apart', () => {
  it('spaces two side-by-side spans of different classes where the words would glue, in the text and the html', () => {
    const html = page(`<p>${PARAS[0]}</p><p>Asked which bed did best, <span class="who">Taryn</span><span class="ago">12 hours ago</span> wrote that the beans won easily.</p>
      <p>${PARAS[1]} The plan lists <span class="item-label">Lettuce and radishes</span><span class="item-when">May to September</span> for the first bed.</p><p>${PARAS[2]}</p>`);
    const a = extractArticle(html, URL);
    expect(a.text).toContain('Taryn 12 hours ago wrote');
    expect(a.text).toContain('Lettuce and radishes May to September');
    expect(a.html).toMatch(/Taryn<\/span>\s+<span>12 hours ago/);
    // The same where a configured selector chose the content.
    expect(extractArticle(html, URL, { selectors: { content: 'article' } }).text).toContain('Taryn 12 hours ago wrote');
  });

  it('leaves a word split into spans of one class, a lowercase continuation and code as written', () => {
    const t = text(page(`<p>${PARAS[0]} The <span class="glow">Kitchen</span><span class="glow">Garden</span> logo, <span class="a">garden</span><span class="b">ing</span> tools.</p>
      <pre><code><span class="n">value</span><span class="nx">Of</span></code></pre><p>${PARAS[1]}</p>`));
    expect(t).toContain('The KitchenGarden logo, gardening tools.');
    expect(t).toContain('valueOf');
  });
});

describe('extractArticle: a section judged on what is left of it', () => {
  // og:type and a date make it an article: lists of links to the site's own posts go.
  const head = '<meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-02T10:00:00Z">';
  const titles = ['Cold frames for the early lettuce', 'Hazel poles for the climbing beans', 'Raised beds from old scaffold boards', 'A rain barrel under the shed roof', 'Netting against the pigeons'];
  const links = `<ul>${titles.map((t, i) => `<li><a href="/2024/0${i + 1}/post">${t}</a></li>`).join('')}</ul>`;
  const article = (inner: string) =>
    `<!doctype html><html lang="en"><head><title>Our kitchen garden</title>${head}</head><body><main><article><h1>Our kitchen garden</h1>
    <p>${PARAS[0]}</p><p>${PARAS[1]}</p>${inner}<p>${PARAS[2]}</p><p>${PARAS[3]}</p></article></main></body></html>`;

  it('keeps the paragraphs of a section whose list of links goes (judged without that list, as Readability does)', () => {
    const section = `<div class="sect"><h2>What we built</h2><div class="sectionbody">
      <p>Most of the work went into the beds and what stands around them, and each part got a post of its own.</p>
      <p>These are the posts on what we built:</p>${links}</div></div>`;
    const out = text(article(section));
    expect(out).toContain('What we built\n\nMost of the work went into the beds');
    expect(out).toContain('These are the posts on what we built:');
    expect(out).not.toContain('Cold frames');
    for (const p of PARAS) expect(out).toContain(p);
  });
  it('still takes out a box whose list goes and leaves only a heading ("Contents")', () => {
    const out = text(article(`<div class="toc"><h2>Contents</h2>${links}</div>`));
    expect(out).not.toContain('Contents');
    expect(out).not.toContain('Cold frames');
    expect(out).toBe(PARAS.join('\n\n'));
  });
});

describe('extractArticle: headings written with blocks inside', () => {
  it('keeps a heading whose text sits in a div or a p inside it (`<h3><div>…</div></h3>`)', () => {
    const section = (h: string, p: string) => `<div class="module"><h3 class="title"><div class="richtext"><p>${h}</p></div></h3><div class="body"><p>${p}</p></div></div>`;
    const t = text(page(`${section('Raised beds', PARAS[0])}${section('What we sowed', PARAS[1])}${section('The harvest', PARAS[2])}`));
    expect(t).toContain(`Raised beds\n\n${PARAS[0]}`);
    expect(t).toContain(`What we sowed\n\n${PARAS[1]}`);
    expect(t).toContain('The harvest');
  });
});

describe('extractArticle: short paragraphs in wrappers of their own', () => {
  it('keeps a short paragraph that its CMS wraps alone in a div (a numbered step as a bold line)', () => {
    const step = (title: string, p: string) => `<div class="paragraph"><p><strong>${title}</strong></p></div><div class="paragraph"><p>${p}</p></div>`;
    const t = text(page(`${step('1. Build the beds', PARAS[0])}${step('2. Sow early', PARAS[1])}${step('3. Pick often', PARAS[2])}`));
    expect(t).toContain(`1. Build the beds\n\n${PARAS[0]}`);
    expect(t).toContain('2. Sow early');
    expect(t).toContain('3. Pick often');
  });
});

describe('extractArticle: short code blocks in wrappers of their own', () => {
  // READMEs and docs wrap each code block for its copy button or highlighter (GitHub, Sphinx,
  // Hugo): a one-line command is short, but it is the code block, not a block too short to keep.
  const code = (cmd: string) =>
    `<div class="snippet-clipboard-content position-relative"><div class="highlight"><pre><code>${cmd}</code></pre></div><div class="copy-container"><button aria-label="Copy"><svg></svg></button></div></div>`;

  it('keeps a one-line command wrapped with its copy button', () => {
    const t = text(page(`<p>${PARAS[0]}</p><p>Install the planner first:</p>${code('pip install beds')}<p>${PARAS[1]}</p>${code('beds plan --rows 3')}<p>${PARAS[2]}</p>`));
    expect(t).toContain('Install the planner first:\n\npip install beds\n\n');
    expect(t).toContain('beds plan --rows 3');
  });

  it('keeps a highlighted block\'s lines and indents, in the html and the text', () => {
    const line = (indent: string, words: string) => `<span class="line"><span class="cl"><span class="w">${indent}</span><span class="nt">${words}</span><span class="w">\n</span></span></span>`;
    const block = `<div class="highlight"><pre class="chroma"><code class="language-yaml">${line('', 'beds:')}${line('  ', 'lettuce: 3')}${line('  ', 'beans: 1')}</code></pre></div>`;
    const a = extractArticle(page(`<p>${PARAS[0]}</p>${block}<p>${PARAS[1]}</p>`), URL);
    expect(a.text).toContain('beds:\n  lettuce: 3\n  beans: 1');
    expect(a.html).toContain('<span>beds:</span>\n</span></span><span><span>  <span>lettuce: 3</span>\n');
  });
});

describe('extractArticle: an embedded post in a wrapper named for social media', () => {
  // Embed code puts the post's text in a <blockquote> (Twitter, Instagram, Facebook, TikTok), which
  // sites wrap in a block named for it ("social-media-embed"): the name and the post's links
  // would condemn the wrapper, but the quotation is what the story quotes.
  const post = (words: string, wrapper: string) =>
    `<div class="${wrapper}"><blockquote class="twitter-tweet"><p lang="en">${words} <a href="https://t.co/abc">https://t.co/abc</a></p>— Ann Gardener (@anngardens) <a href="https://twitter.com/anngardens/status/1">May 18, 2024</a></blockquote><script src="https://platform.twitter.com/widgets.js"></script></div>`;

  it('keeps the post between the paragraphs, in the text and the html', () => {
    const a = extractArticle(page(`<p>${PARAS[0]}</p><p>Readers wrote in at once.</p>${post('Our beans climbed two metres this year, a record for the street', 'social-media-embed')}<p>${PARAS[1]}</p><p>${PARAS[2]}</p>`), URL);
    expect(a.text).toContain('Readers wrote in at once.\n\nOur beans climbed two metres this year');
    expect(a.text).toContain('— Ann Gardener (@anngardens) May 18, 2024');
    expect(a.html).toContain('<blockquote><p>Our beans climbed');
  });

  it('still leaves out a quotation that is one link to another story (a link card)', () => {
    const card = '<div class="social-embed"><blockquote class="wp-embedded-content"><a href="/2024/04/seed-swap">Our spring seed swap drew two hundred gardeners</a></blockquote></div>';
    const t = text(page(`<p>${PARAS[0]}</p>${card}<p>${PARAS[1]}</p><p>${PARAS[2]}</p>`));
    expect(t).toContain(PARAS[1].slice(0, 40));
    expect(t).not.toContain('seed swap');
  });
});

describe('extractArticle: a paragraph per card', () => {
  // Page builders put each paragraph in a card of its own (`div.card > div.card-content > p`). A
  // sentence that links its source has a third of its text in the link: as a bare paragraph it
  // stays, and so it does in its card.
  const card = (inner: string) => `<div class="card collection-item"><div class="card-content"><p>${inner}</p></div></div>`;

  it('keeps a carded sentence with a link in it, and still drops a carded link line', () => {
    const sentence = 'The survey was published on Monday in the <a href="https://journal.example/beds">Journal of Kitchen Gardens</a>.';
    const cards = [PARAS[0], PARAS[1]].map(card).join('') + card(sentence) + card('<a href="/shop">Shop our seed catalogue</a>') + card(PARAS[2]);
    // A news story (og:type article), where links weigh most against a block.
    const html = page(`<div class="article-body"><div class="collection">${cards}</div></div>`).replace('</title>', '</title><meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-02T10:00:00Z">');
    const t = text(html);
    expect(t).toContain('The survey was published on Monday in the Journal of Kitchen Gardens.');
    expect(t).toContain(PARAS[2].slice(0, 40));
    expect(t).not.toContain('Shop our seed');
  });
});

describe('extractArticle: a list entry of a paragraph and link lines', () => {
  // A "best of" list: each entry a picture, a paragraph of review and links alone on their lines
  // ("Read the full review", "Compare deals"). With the links, a short entry's link density passes
  // what an article allows a block; the links are lines of their own, and the paragraph is prose.
  const REVIEW = 'Quiet and easy to set up, it cut the beds evenly and <b>never stalled</b> on the steep slope behind the house.';
  const entry = (name: string, review: string, links: string, extra = '') =>
    `<li><h2>${name}</h2><div class="entry"><div class="media"><img src="/${name}.jpg" alt="${name}"></div>` +
    `<div class="copy"><div class="markup"><p>${review}</p>${links}</div></div>${extra}</div></li>`;
  const lines = (name: string) =>
    `<p><a href="/reviews/${name}">Read the full ${name} review</a></p><p><a href="https://deals.example/${name}">Compare deals on ${name}</a></p>`;
  const listicle = (second: string) =>
    page(`<p>${PARAS[0]}</p><ol>${entry('Rover', PARAS[1], lines('Rover'))}${second}${entry('Meadow', PARAS[2], lines('Meadow'))}</ol><p>${PARAS[3]}</p>`)
      .replace('</title>', '</title><meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-02T10:00:00Z">');

  it('keeps the paragraph of an entry whose links alone would condemn it', () => {
    const t = text(listicle(entry('Mower', REVIEW, lines('Mower'))));
    expect(t).toContain('Quiet and easy to set up, it cut the beds evenly and never stalled on the steep slope behind the house.');
    expect(t).toContain(PARAS[2].slice(0, 40));
  });

  it('still drops a teaser whose link is its title, not a line of its own', () => {
    const teaser = `<h3><a href="/news/mower-recall">Mower maker recalls its cordless range after battery faults</a></h3><p>${REVIEW}</p>`;
    const t = text(listicle(`<li><div class="entry"><div class="copy"><div class="markup">${teaser}</div></div></div></li>`));
    expect(t).not.toContain('recalls its cordless range');
    expect(t).not.toContain('Quiet and easy to set up');
  });
});

describe('extractArticle: a post written as lines, not paragraphs', () => {
  // Old blog templates write the post as text and <br>s in one div, with a picture in a div of its
  // own: nothing in it scores as a paragraph, and the body is taken whole. It is cleaned as a
  // chosen block is: the headline and the meta line above the text go.
  it('leaves out the headline and the author-and-date line', () => {
    const html = `<!doctype html><html lang="en"><head><title>Our kitchen garden</title><meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-02T10:00:00Z"></head><body>
      <div class="post"><h1 class="post-title">Our kitchen garden</h1>
      <div class="post-meta"><span class="post-author"><a href="/profile">Ann Gardener</a></span> <span class="post-date">May 18, 2024</span></div>
      <div class="post-body">${PARAS[0]}<br><div class="separator"><a href="/beds.jpg"><img src="/beds-small.jpg" width="320" height="180"></a></div><br>${PARAS[1]}<br><br>${PARAS[2]}</div></div>
      </body></html>`;
    const t = text(html);
    expect(t).toContain(PARAS[0].slice(0, 40));
    expect(t).toContain(PARAS[2].slice(0, 40));
    expect(t).not.toContain('Ann Gardener');
    expect(t.startsWith('Our kitchen garden')).toBe(false);
  });
});
