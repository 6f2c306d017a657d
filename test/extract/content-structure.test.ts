/**
 * Structural ideas of the content extractor, each on a small hand-written page: threads of posts,
 * the teasers around an article that must stay out, and cleanup inside layout wrappers.
 */
import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { extractArticle } from '../../src/extract/index.ts';
import { classKind, repliesBeside, samePost, withParts } from '../../src/extract/content-parts.ts';
import { measure, type Stats } from '../../src/extract/content-measure.ts';
import { parseHtml } from '../../src/html/parse.ts';
import { cleanText } from '../../src/extract/content-dom.ts';

const URL = 'https://forum.example/threads/sourdough-starter.42/';
const text = (html: string): string => extractArticle(html, URL).text;

function page(inner: string): string {
  return `<!doctype html><html lang="en"><head><title>Sourdough starter smells of acetone</title></head><body>
  <header class="site-header"><a href="/">Forum</a> <a href="/new">New posts</a></header>
  <main>${inner}</main>
  <footer class="site-footer"><p>Forum software © 2024. Terms and rules. Privacy policy.</p></footer>
  </body></html>`;
}

const POSTS = [
  'My starter has smelled of acetone for three days now, although I feed it twice a day, keep it at about 24 degrees and use the same rye flour as always. It rises a little, then falls, and the top is covered in grey liquid by the evening. I have baked with it for two years without trouble. What am I doing wrong, and can it still be saved?',
  'That smell usually means it is hungry, not dead. Feed it at a higher ratio, say one part starter to five parts flour and water, and the smell should be gone in two days. Pour the grey liquid off before feeding, stir well, and keep an eye on how fast it doubles: that tells you more than the smell does.',
  'Same here last winter. A spoonful of wholemeal rye, a warmer spot in the kitchen, and after a week of regular feeding it was bubbly again, with a mild, sour smell. Cold kitchens slow the yeast down more than the bacteria, so the balance shifts, and the starter gets sharper and slower until it warms up again.',
  'Thanks, all of you! I switched to one to five, moved the jar next to the oven, and this morning it had doubled in four hours and smelled like yoghurt again. The loaf I baked this afternoon has an open crumb, a thin crust, and none of the sharpness of the last few, so I will keep feeding it this way from now on.',
];

/** A post as forum software writes it: author box, then the message nested several levels deep. */
const post = (i: number, author: string) => `
  <article class="message message--post" data-author="${author}" id="post-${i}">
    <div class="message-inner">
      <div class="message-cell message-cell--user"><a href="/members/${author}">${author}</a> <span>Member</span></div>
      <div class="message-cell message-cell--main"><div class="message-main"><div class="message-content">
        <div class="message-userContent"><article class="message-body"><div class="bbWrapper">${POSTS[i]}</div></article></div>
      </div></div></div>
    </div>
  </article>`;

describe('extractArticle: threads of posts', () => {
  const thread = page(`<h1>Sourdough starter smells of acetone</h1>
    <div class="block block--messages"><div class="block-body">
      ${post(0, 'baker')}${post(1, 'crumb')}${post(2, 'levain')}${post(3, 'baker')}
    </div></div>
    <div class="block block--similar"><h3>Similar threads</h3><ul>
      <li><a href="/threads/1">Starter too runny</a></li><li><a href="/threads/2">Rye or wheat for a starter?</a></li>
    </ul></div>`);

  it('keeps every post of a forum thread, the opening post first, not one reply alone', () => {
    const t = text(thread);
    for (const p of POSTS) expect(t).toContain(p);
    expect(t.indexOf(POSTS[0])).toBeLessThan(t.indexOf(POSTS[1]));
    expect(t).not.toMatch(/Similar threads|Starter too runny|Terms and rules/);
  });

  it('keeps one-line replies on a page that says it is a thread, though the opening post outscores the rest', () => {
    // The opening post is long, the replies a line each, inside the same chrome (a date link, a
    // post number). The page's microdata says it is a forum topic.
    const SHORT = ['Mine did that too, then it recovered.', 'Rye fixes everything, honestly.', 'Great tip, it worked for me as well.'];
    const message = (i: number, body: string) => `
      <article class="message message--post" id="post-${i}"><div class="message-inner">
        <div class="message-cell message-cell--user"><a href="/members/m${i}">member${i}</a></div>
        <div class="message-cell message-cell--main"><header><a href="/posts/${i}"><time datetime="2024-03-0${i}T10:00:00Z">Mar ${i}, 2024</time></a> <a href="/posts/${i}/share">Share</a> <a href="/posts/${i}">#${i}</a></header>
          <div class="message-content"><article class="message-body"><div class="bbWrapper">${body}</div></article></div></div>
      </div></article>`;
    const opening = POSTS.map((p) => `<p>${p}</p>`).join('');
    const html = `<!doctype html><html lang="en"><head><title>Sourdough starter smells of acetone</title></head><body>
      <main itemscope itemtype="https://schema.org/DiscussionForumPosting"><h1 itemprop="headline">Sourdough starter smells of acetone</h1>
      <div class="block block--messages"><div class="block-container"><div class="block-body">
        ${message(1, opening)}${message(2, SHORT[0])}${message(3, SHORT[1])}${message(4, SHORT[2])}
      </div></div></div></main></body></html>`;
    const t = text(html);
    for (const p of [...POSTS, ...SHORT]) expect(t).toContain(p);
  });

  it('finds the replies when each post\'s text is a bare <article> in a classed wrapper (an older forum\'s markup)', () => {
    // Posts are list items; each holds a member card, then its text in div.messageContent >
    // article > blockquote, then the post's number and date. The opening post's <article> has no
    // class of its own: its kind is its tag under its parent's tag and class.
    const REPLIES = [
      'Feed it at one part starter to five parts flour and water; the smell goes within two days, usually.',
      'Same here last winter. A warmer spot in the kitchen fixed it within the week, and it smells of yoghurt now.',
    ];
    const item = (i: number, body: string, wrapper = 'messageContent') => `<li class="message" id="post-${i}">
      <div class="messageUserInfo"><a href="/members/m${i}" class="username">member${i}</a></div>
      <div class="messageInfo"><div class="${wrapper}"><article><blockquote class="messageText">${body}</blockquote></article></div>
        <div class="messageDetails"><a href="/posts/${i}">#${i}</a> <span class="DateTime">May ${i}, 2025</span></div></div></li>`;
    const doc = parseHtml(`<main><ol class="messageList">${item(1, POSTS.join('<br><br>'))}${item(2, REPLIES[0])}${item(3, REPLIES[1])}
      ${item(4, 'A signature-like block of another kind, long enough to read as text, with commas, and more words.', 'signature')}</ol></main>`);
    const stats = new Map<Element, Stats>();
    measure(doc, stats);
    const top = [...stats.keys()].find((el) => el.name === 'article')!;
    const body = [...stats.keys()].find((el) => el.name === 'main')!;
    const joined = withParts([top], top, body, stats).map((el) => cleanText(el));
    expect(joined.length).toBe(3);
    expect(joined[0]).toContain(POSTS[0]);
    expect(joined.slice(1)).toEqual(REPLIES);
  });

  it('keeps replies of a word or two and a reply that is mostly its link, on a page that says it is a thread', () => {
    // Readability's shape rules drop a block of under 25 characters and one of heavy links: a
    // thread's post texts (one kind, repeated, some of them long) are posts whatever their shape.
    const message = (i: number, body: string) => `
      <article class="message message--post" id="post-${i}"><div class="message-inner">
        <div class="message-cell message-cell--user"><a href="/members/m${i}">member${i}</a></div>
        <div class="message-cell message-cell--main"><div class="message-content"><div class="bbWrapper">${body}</div></div></div>
      </div></article>`;
    const html = `<!doctype html><html lang="en"><head><title>Sourdough starter smells of acetone</title></head><body>
      <main itemscope itemtype="https://schema.org/DiscussionForumPosting"><h1 itemprop="headline">Sourdough starter smells of acetone</h1>
      <div class="block-body">
        ${message(1, POSTS[0])}${message(2, 'Rye, 1:5.')}${message(3, POSTS[1])}
        ${message(4, 'Found this on Reddit: <a href="https://www.reddit.com/r/Sourdough/comments/abc/starter_smells_of_acetone_help/">a long thread about starters</a>')}
        ${message(5, POSTS[2])}${message(6, POSTS[3])}
      </div>
      <div class="block block--similar"><h3>Similar threads</h3><ul>
        <li><a href="/threads/1">Starter too runny</a></li><li><a href="/threads/2">Rye or wheat for a starter?</a></li><li><a href="/threads/3">Starter in the fridge</a></li>
      </ul></div></main></body></html>`;
    const t = text(html);
    for (const p of [...POSTS, 'Rye, 1:5.', 'Found this on Reddit: a long thread about starters']) expect(t).toContain(p);
    expect(t).not.toMatch(/Similar threads|Starter too runny/);
  });

  it('still keeps teaser <article>s of another kind out of the article beside them', () => {
    const teaser = (n: number) =>
      `<article class="teaser"><h3><a href="/story/${n}">Another story number ${n} about bread and baking at home</a></h3><p>A short summary of story ${n}, with a few words.</p></article>`;
    const t = text(page(`<div class="stories"><article class="story"><h1>Starters</h1>${POSTS.map((p) => `<p>${p}</p>`).join('')}</article>${teaser(1)}${teaser(2)}${teaser(3)}</div>`));
    for (const p of POSTS) expect(t).toContain(p);
    expect(t).not.toMatch(/Another story|short summary/);
  });
});

describe('thread posts: an opening post marked with a class of its own (content-parts)', () => {
  const REPLIES = [
    'Feed it at one part starter to five parts flour and water; the smell goes within two days, usually, and it rises again.',
    'Same here last winter. A warmer spot in the kitchen fixed it within the week, honestly, and it smells of yoghurt now.',
    'Pour the grey liquid off before feeding, and watch how fast it doubles after that, it tells you more than the smell.',
  ];
  /** Forum software marks the thread's opening post with one class more than the replies. */
  const post = (cls: string, body: string) => `<article class="${cls}"><div class="message-body">${body}</div></article>`;
  const doc = parseHtml(`<div class="block-body">${post('message message--post message-threadStarter', POSTS.join(' '))}${REPLIES.map((r) => post('message message--post', r)).join('')}
    ${post('teaser card', `<h3><a href="/t/1">${REPLIES[0]}</a></h3>${REPLIES[1]}`)}</div>`);
  const stats = new Map<Element, Stats>();
  measure(doc, stats);
  const articles = [...stats.keys()].filter((el) => el.name === 'article');
  const [starter, ...rest] = articles;

  it('takes a reply for a post like the opening one, one class told apart', () => {
    expect(samePost(rest[0], starter, stats)).toBe(true);
    expect(samePost(rest[3], starter, stats)).toBe(false);
  });

  it('finds the short replies beside the opening post, a teaser with a linked title left out', () => {
    expect(repliesBeside(starter, articles, stats)).toBe(true);
    expect(repliesBeside(starter, [starter, rest[0], rest[3]], stats)).toBe(false);
  });
});

describe('extractArticle: an unclosed <aside>', () => {
  it('keeps the article that the parser nested into an aside left open before it', () => {
    // Browsers (and the parser) make everything after an unclosed <aside> its children.
    const t = text(`<!doctype html><html><head><title>Starters</title><meta property="og:type" content="article"></head><body>
      <aside class="announcement-banner"><a href="/events">Join our baking day on Saturday</a>
      <main><article><h1>Why starters smell of acetone</h1>${POSTS.map((p) => `<p>${p}</p>`).join('')}</article></main>
      <footer><p>Forum software © 2024.</p></footer></body></html>`);
    for (const p of POSTS) expect(t).toContain(p);
  });

  it('still drops an aside that holds a small part of the page', () => {
    const t = text(page(`<article><h1>Starters</h1>${POSTS.map((p) => `<p>${p}</p>`).join('')}</article>
      <aside><p>Our bakery sells fresh rye starter every Saturday morning, ask at the counter for a jar.</p></aside>`));
    expect(t).toContain(POSTS[3]);
    expect(t).not.toContain('bakery sells');
  });
});

const STORY = [
  'The regional rail operator will run twice as many trains on the coast line from June, the transport ministry said on Monday, after two years of delays to the new signalling system.',
  'Commuters have complained for years about crowded carriages, cancelled morning services and a timetable that, in their words, was written for a railway that no longer exists.',
  'The ministry said the extra trains would cost about 40 million a year, paid for partly by higher fares at peak times and partly by a grant from the national government.',
  'Unions welcomed the plan but warned that the operator still lacks drivers, and that without new hires, the promised trains would exist on paper, not on the platforms.',
];

describe('extractArticle: an article split into blocks of one kind', () => {
  it('joins same-class text blocks from sibling rows (a body broken up by ads and layout rows), in page order', () => {
    // The second row holds most of the text; each column also holds a small tools bar.
    const paras = (i: number) => (i === 1 ? STORY.slice(1).concat(STORY.slice(1)).map((p) => p.replace('The', 'Later, the')) : []).concat(STORY[i]);
    const row = (i: number) =>
      `<div class="story-row"><div class="story-column"><div class="story-tools"><span>Text size</span></div><div class="story-text">${paras(i).map((p) => `<p>${p}</p>`).join('')}</div></div></div>`;
    const ad = '<div class="ad-slot"><span>Advertisement</span></div>';
    const t = text(page(`<h1>More trains on the coast line</h1><div class="story">${row(0)}${ad}${row(1)}${ad}${row(2)}${row(3)}</div>
      <div class="more"><h3>More news</h3><ul><li><a href="/n/1">Bus fares frozen</a></li><li><a href="/n/2">Bridge closed</a></li></ul></div>`));
    for (const p of STORY) expect(t).toContain(p);
    expect(t.indexOf(STORY[0])).toBeLessThan(t.indexOf(STORY[3]));
    expect(t).not.toMatch(/Advertisement|More news|Bus fares/);
  });

  it('leaves out blocks of that class under a linked title: other posts of a listing', () => {
    const entry = (n: number) =>
      `<div class="post"><h2 class="entry-title"><a href="/blog/${n}">Another post, number ${n}</a></h2><div class="entry-content"><p>Other post ${n}: a summary of a different story, long enough to read as a paragraph of text, with commas, and more words.</p></div></div>`;
    const first = `<div class="post"><h2 class="entry-title">More trains on the coast line</h2><div class="entry-content">${STORY.map((p) => `<p>${p}</p>`).join('')}</div></div>`;
    const t = text(page(`<div class="posts">${first}${entry(1)}${entry(2)}</div>`));
    for (const p of STORY) expect(t).toContain(p);
    expect(t).not.toMatch(/Other post/);
  });
  it('joins the opening split off before a layout wrapper: blocks of the kind the wrapper holds alone', () => {
    // The chosen block is a column around row > column > text; the opening's text block sits in
    // the section before, beside an empty column of the wrapper's class. After the article,
    // blocks of that kind are other posts' teasers, and stay out.
    const texts = (ps: string[]) => `<div class="story-text">${ps.map((p) => `<p>${p}</p>`).join('')}</div>`;
    const column = (inner: string, more = '') => `<div class="column column--story${more}">${inner}</div>`;
    const doc = parseHtml(`<main><div class="page-content">
      <section class="row"><div class="container">${column('')}${column(texts(STORY.slice(0, 2)), ' center')}</div></section>
      <section class="row main-section"><div class="container">${column('', ' hide')}${column(`<div class="inner-row">${column(texts(STORY.slice(2)), ' center')}</div>`)}</div></section>
      <section class="row"><div class="container">${column('')}${column(texts(['Teaser: another story about the coast line, long enough to read as text, with commas, and more words.']), ' center')}</div></section>
    </div></main>`);
    const stats = new Map<Element, Stats>();
    measure(doc, stats);
    const top = [...stats.keys()].find((el) => el.attribs.class === 'column column--story' && stats.get(el)!.text > 0)!;
    const body = [...stats.keys()].find((el) => el.name === 'main')!;
    const joined = withParts([top], top, body, stats).map((el) => cleanText(el));
    expect(joined.length).toBe(2);
    expect(joined[0]).toContain(STORY[0]);
    expect(joined[1]).toContain(STORY[2]);
  });
});

describe('extractArticle: page-builder rows', () => {
  it('joins text blocks of one kind nested five levels deep in sibling layout rows (row > column > inner > wrapper > block)', () => {
    // Each column holds a picture or a divider beside the text block, so no block is a lone child.
    const row = (paras: string[], extra: string) =>
      `<div class="layout-row"><div class="layout-column"><div class="column-inner"><div class="column-wrapper">
        ${extra}<div class="text-block"><div class="text-wrapper">${paras.map((p) => `<p>${p}</p>`).join('')}</div></div>
      </div></div></div></div>`;
    const longer = STORY.slice(1).concat(STORY.slice(1)).map((p) => p.replace('The', 'Later, the'));
    const t = text(page(`<h1>More trains on the coast line</h1><div class="entry">
      ${row([STORY[0]], '<div class="divider"></div>')}
      ${row(longer, '<div class="picture"><img src="/train.jpg" alt=""></div>')}
      ${row([STORY[1]], '<div class="divider"></div>')}
      ${row([STORY[2], STORY[3]], '<div class="divider"></div>')}
    </div>`));
    for (const p of STORY) expect(t).toContain(p);
    expect(t.indexOf(STORY[0])).toBeLessThan(t.indexOf(longer[0]));
    expect(t.indexOf(longer[0])).toBeLessThan(t.indexOf(STORY[3]));
  });
});

describe('extractArticle: page-builder sections told apart only by generated ids', () => {
  // Each element of a section carries the builder's id for it ("element-18061dd", a uuid's tail)
  // beside the classes every such element has; the second section holds most of the text, four
  // levels down (too far for the sections' parent to score as their container).
  const section = (id: string, paras: string[]) =>
    `<div class="builder-element builder-element-${id} builder-section"><div class="builder-element builder-element-${id}1 builder-inner"><div class="builder-element builder-element-${id}2 builder-text"><div class="text-container">${paras.map((p) => `<p>${p}</p>`).join('')}</div></div></div><div class="section-picture"><img src="/${id}.jpg" alt=""></div></div>`;
  // A news site's article, not a forum's page: the URL of this file's other tests reads the page as
  // a thread, and a page that does not say it is an article may be read whole from its <main>.
  const pageText = (inner: string): string =>
    extractArticle(
      `<!doctype html><html lang="en"><head><title>More trains on the coast line</title><meta property="og:type" content="article"></head><body>
      <header class="site-header"><a href="/">News</a> <a href="/rail">Rail</a></header><main>${inner}</main></body></html>`,
      'https://news.example/2024/06/more-trains',
    ).text;
  const longer = [
    STORY[1],
    STORY[2],
    'Passengers on the branch lines will see no change this year, the operator said, because their single-track sections cannot carry more trains until the passing loops are built.',
    'The first new timetable will be published in April, with a month of consultation in which towns along the line, and the passengers\' association, may ask for changes.',
  ];

  it('joins the sections whose classes differ only in their ids', () => {
    const t = pageText(`<h1>More trains on the coast line</h1><div class="builder-page">
      ${section('fefe56a', [STORY[0]])}${section('18061dd', longer)}${section('a538-604853a6160d', [STORY[3]])}</div>`);
    for (const p of [...STORY, ...longer]) expect(t).toContain(p);
    expect(t.indexOf(STORY[0])).toBeLessThan(t.indexOf(longer[0]));
    expect(t.indexOf(longer[3])).toBeLessThan(t.indexOf(STORY[3]));
  });

  it('reads a kind from a class list without its generated ids, and keeps a list of nothing but hashes as it is', () => {
    expect(classKind('elementor-element elementor-element-18061dd e-con e-parent')).toBe('elementor-element e-con e-parent');
    expect(classKind('box vc_custom_1454411234567')).toBe('box');
    expect(classKind('layout cms_layout_a7613b29-497a-a538-604853a6160d')).toBe('layout');
    // An index beside the class it numbers.
    expect(classKind('et_pb_module et_pb_text et_pb_text_2')).toBe('et_pb_module et_pb_text');
    expect(classKind('fusion-text fusion-text-1')).toBe('fusion-text');
    expect(classKind('step step-3 active')).toBe('step active');
    // A grid's column, a number with no class it numbers, a CSS module's style hash, a hash alone:
    // kinds, not ids.
    expect(classKind('col col-md-8')).toBe('col col-md-8');
    expect(classKind('grid-item span-2')).toBe('grid-item span-2');
    expect(classKind('Card_body__x1Fq3 Card_wide__a9RtQ')).toBe('Card_body__x1Fq3 Card_wide__a9RtQ');
    expect(classKind('css-1a2b3c')).toBe('css-1a2b3c');
  });
});

describe('extractArticle: a page builder\'s widgets', () => {
  // Page builders wrap every block twice: a widget named for what it is ("…-post-content",
  // "…-heading", "…-posts") around a container named for the builder ("widget-container").
  const widget = (kind: string, inner: string) =>
    `<div class="builder-element builder-widget builder-widget-${kind}"><div class="builder-widget-container">${inner}</div></div>`;
  const TEASERS = [0, 1, 2, 3].map(
    (i) => `Teaser ${i}: when an insurer denies a claim, it can feel like a dead end, but there are remedies, deadlines and appeals that most applicants never hear about, and a lawyer can explain which of them apply to you, what they cost, how long they take, and what to bring to the first meeting.`,
  );
  const teaserList = TEASERS.map(
    (t, i) => `<article class="builder-post post"><div class="builder-post__text"><h3 class="builder-post__title"><a href="/blog/post-${i}/">Post ${i}</a></h3>
      <div class="builder-post__excerpt"><p>${t}</p></div><a class="builder-post__read-more" href="/blog/post-${i}/">Read More</a></div></article>`,
  ).join('');
  const builderPage = (heading: string) =>
    page(`<h1>More trains on the coast line</h1>
      <div class="builder-section">
        ${widget('theme-post-content', STORY.map((p) => `<p>${p}</p>`).join(''))}
        ${heading}
        ${widget('posts', `<div class="builder-posts-container">${teaserList}</div>`)}
      </div>`);

  it('reads the article in the widget container of a block named for the post\'s content, not the teasers of the list widget beside it', () => {
    const html = builderPage(widget('heading', '<h2 class="builder-heading-title">Latest News</h2>'));
    const t = text(html);
    for (const p of STORY) expect(t).toContain(p);
    for (const p of TEASERS) expect(t).not.toContain(p);
  });

  it('still drops a widget container whose block is not named for content', () => {
    const t = text(page(`<h1>More trains on the coast line</h1><div class="entry-content">${STORY.map((p) => `<p>${p}</p>`).join('')}</div>
      ${widget('text-editor', '<p>Our office is open from nine to five, Monday to Friday, and on Saturdays by appointment, in the old town hall.</p>')}`));
    expect(t).toContain(STORY[0]);
    expect(t).not.toContain('Our office is open');
  });

  it('keeps a block after a bare "Recommended …:" heading of the article\'s own (only a heading alone in its wrappers introduces a list)', () => {
    const courses = 'This course will help you start building real skills with guidance from experienced tutors, over twelve weeks of lessons, projects and feedback on every piece you hand in.';
    const t = text(page(`<h1>More trains on the coast line</h1><div class="entry-content">${STORY.map((p) => `<p>${p}</p>`).join('')}
      <h5><strong>Recommended courses:</strong></h5><div style="padding: 40px"><h3>Foundation course</h3><p>${courses}</p></div><p>${STORY[0].replace('The', 'Again, the')}</p></div>`));
    expect(t).toContain(courses);
  });
});

describe('extractArticle: the body of an <article> named for its tool', () => {
  // A news site's URL: the forum URL of this file's other tests reads the page as a thread.
  const newsText = (html: string): string => extractArticle(html, 'https://news.example/2024/06/more-trains').text;
  const story = STORY.map((p) => `<p>${p}</p>`).join('');
  // A sign-up box with a paragraph's worth of text: what is left when the article's body goes.
  const signup = `<div class="signup-box"><p>Join 800,000 subscribers to get regular emails on trains, timetables and travel tools from our editors, free of charge.</p>
    <p>You will also receive our Rail Digest, a curated collection of our most useful guides: the complete timetable toolkit, the season ticket guide and the night train map.</p>
    <p>Thank you! Your submission has been received, and your first issue is on its way.</p><form><input type="email"><button>Subscribe</button></form></div>`;

  it('keeps the only block with text inside an <article>, though its name says "newsletter" (a newsletter archive\'s rich-text block)', () => {
    const t = newsText(page(`<h1>More trains on the coast line</h1>${signup}<article class="issue-content"><div class="rich-text-newsletter-cms">${story}</div><div class="issue-card"></div></article>`));
    for (const p of STORY) expect(t).toContain(p);
    expect(t).not.toContain('Join 800,000');
  });

  it('still drops the body of a comment: an <article> named for a comment is a comment', () => {
    const comment = 'I have taken that line every morning for ten years and I will believe in twice as many trains when I see them, not before, given how the last three promises went.';
    // WordPress's comment markup: each comment an <article>, its author in a <footer>.
    const reply = (i: number, who: string, said: string) =>
      `<li class="comment even" id="comment-${i}"><article class="comment-body" id="div-comment-${i}"><footer class="comment-meta"><div class="comment-author"><b class="fn">${who}</b> says:</div></footer><div class="comment-content"><p>${said}</p></div></article></li>`;
    const t = newsText(page(`<article class="post"><h1>More trains on the coast line</h1>${story}
      <footer class="entry-footer"><div class="comments-container"><div class="comments-area" id="comments"><h2>12 responses to “More trains on the coast line”</h2>
      <ol class="comment-list">${[...Array(12).keys()].map((i) => reply(i, `Reader ${i}`, `${i + 1}. ${comment}`)).join('')}</ol></div></div></footer></article>`));
    expect(t).toContain(STORY[0]);
    expect(t).not.toContain(comment.slice(0, 40));
  });
});

describe('extractArticle: a winner by name alone', () => {
  it('does not take a block with under a paragraph of text, however article-like its class and id, over the prose beside it', () => {
    const t = text(page(`<h1>More trains on the coast line</h1>
      <div class="wrap"><div class="col">${STORY.map((p) => `<p>${p}</p>`).join('')}</div></div>
      <div class="box"><div class="post-rating" id="post-rating-4711"><span>How do you like this article so far?</span></div></div>`));
    for (const p of STORY) expect(t).toContain(p);
    expect(t).not.toContain('How do you like');
  });
});

describe('extractArticle: cleanup inside a wrapper around <main> or <article>', () => {
  const PARAS = [
    'The council voted on Tuesday to turn the old tram depot into a covered market, ending a debate that has run, on and off, for eleven years and through three different mayors.',
    'Traders who sell at the open-air market on the square today will get the first stalls, at the same rent for five years, and the remaining places will be let by lottery in the spring.',
    'Work on the roof begins in March; the builders expect the hall to open the following autumn, provided the listed facade can be kept as the heritage office has asked, which adds some months.',
    'Residents of the streets around the depot asked for limits on deliveries before seven in the morning, and the council agreed to write them into the lease of every trader in the new hall.',
  ];
  // The chosen block is the layout <div> around <main>: its lines are still judged one by one.
  const depot = `<!doctype html><html lang="en"><head><title>Tram depot becomes a market</title></head><body>
    <div class="canvas"><main>
      <p>${PARAS[0]}</p><p>${PARAS[1]}</p>
      <p>Related: <a href="/news/market-hours">Market hours change for the summer</a></p>
      <p>${PARAS[2]}</p><p>${PARAS[3]}</p>
      <p><audio controls src="/media/depot.mp3"><a href="/media/depot.mp3">/media/depot.mp3</a></audio> <a href="/media/depot.mp3">The council debate as MP3</a></p>
    </main></div>
    <footer><a href="/about">About</a> <a href="/contact">Contact</a></footer></body></html>`;
  const out = extractArticle(depot, 'https://news.example/depot');

  it('drops a promo line inside it, as it would in the <main> itself', () => {
    for (const p of PARAS) expect(out.text).toContain(p);
    expect(out.text).not.toContain('Market hours change');
  });

  it('keeps a paragraph holding an audio player with its download link (media, not a link-only line)', () => {
    expect(out.text).toContain('The council debate as MP3');
    expect(out.html).toContain('<audio');
  });
});
