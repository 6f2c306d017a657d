/**
 * Sections of an article that the content search used to lose or keep wrongly (WCXB's dev split):
 * a section's own `<header>`, an "Explore more" block of cards, a page written straight into its
 * `<body>`, and lists whose items say something about their links. Small hand-written pages, one
 * idea each.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';

const URL = 'https://www.example.com/guides/desk-setup';
const text = (html: string): string => extractArticle(html, URL).text;

const STEPS = [
  ['Sit up straight', 'Adjust the height of your chair so that your knees are close to a right angle and your feet rest flat on the floor, with your back against the backrest.'],
  ['Relax your shoulders', 'Raise or lower the desk until your elbows rest level with its surface, so that your shoulders can drop and stay relaxed while you type for hours.'],
  ['Keep the screen at arm\'s length', 'Place the screen about an arm away from you, with the top of it at eye level, so that you look slightly down at the middle of the page without bending your neck.'],
];

/** More paragraphs of the same article, where a test needs a longer body. */
const MORE = [
  'Light the desk from the side rather than from behind the screen, so that the screen does not compete with a bright window and your eyes do not tire by the afternoon.',
  'Stand up every half hour, even for a minute: walk to the window, stretch your arms over your head, and let your eyes rest on something far away before you sit down again.',
  'Keep the things you use every day within reach, and move the rest to a shelf, so that the desk stays clear and you do not twist in your chair to reach for them.',
];

function page(inner: string): string {
  return `<!doctype html><html lang="en"><head><title>Desk setup in three steps</title><meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-02T10:00:00Z"></head><body>
  <header class="site-header"><a href="/">Home</a> <a href="/guides">Guides</a></header>
  <main><h1>Desk setup in three steps</h1>${inner}</main>
  <footer class="site-footer"><p>© 2025 Example. All rights reserved.</p></footer>
  </body></html>`;
}

/** Each step an <article> of its own, its heading in the step's <header> (a design system's section). */
const stepSections = STEPS.map(
  ([title, body], i) => `<article class="step"><header><div class="eyebrow">Step ${i + 1}</div><h3>${title}</h3></header><div class="content"><p>${body}</p></div></article>`,
).join('');

describe('extractArticle: a section\'s own <header>', () => {
  it('keeps the heading in the <header> of each section of the article', () => {
    const t = text(page(`<section>${stepSections}</section>`));
    for (const [title, body] of STEPS) {
      expect(t).toContain(title);
      expect(t).toContain(body);
    }
    expect(t.indexOf('Relax your shoulders')).toBeLessThan(t.indexOf(STEPS[1][1]));
  });

  it('still drops the site\'s <header> and a section header of links', () => {
    const links = '<header><h3><a href="/guides/chairs">Chairs</a></h3> <a href="/guides/desks">Desks</a> <a href="/guides/lamps">Lamps</a></header>';
    const t = text(page(`<section>${links}${stepSections}</section>`));
    expect(t).toContain(STEPS[2][1]);
    expect(t).not.toMatch(/Home|Lamps/);
  });
});

describe('extractArticle: an "Explore more" block', () => {
  const cards = ['Is an ergonomic mouse better for me?', 'Do ergonomic keyboards really help?', 'Mouse or touchpad: does it matter?'].map(
    (title) => `<article class="card"><img src="/c.jpg" alt=""><h3>${title}</h3><p>Research on posture and strain, summed up in a few minutes of reading for people who work at a desk.</p><a href="/c">Learn more</a></article>`,
  );
  const html = (heading: string) =>
    page(`<section>${stepSections}</section><section class="media-cards"><div class="head"><h2>${heading}</h2></div><div class="grid">${cards.join('')}</div></section>`);

  for (const heading of ['Explore more', 'More to explore', 'Discover more articles']) {
    it(`leaves out a block of cards under "${heading}"`, () => {
      const t = text(html(heading));
      expect(t).toContain(STEPS[2][1]);
      expect(t).not.toContain('ergonomic keyboards');
    });
  }
});

describe('extractArticle: a page written straight into its <body>', () => {
  // Hand-written pages of the early web: headings, lists and text with no container, paragraphs
  // opened by an unclosed <P>.
  const LOOSE = 'What shapes can result from folding a sheet of paper flat and making one complete straight cut?';
  const PARAS = [
    'The answer turns out to be any pattern of straight cuts, which we proved by two different methods, one based on the straight skeleton and one on disk packing.',
    'The first published reference to folding and cutting is a Japanese book of puzzles from 1721, which asks the reader to cut out a crest of three rhombi.',
    'A magazine article of 1873 tells how a five-pointed star can be folded and cut, and magicians have used the trick on stage ever since.',
  ];
  const html = `<HTML><HEAD><TITLE>The fold-and-cut problem</TITLE><META PROPERTY="og:type" CONTENT="article"><META PROPERTY="article:published_time" CONTENT="2024-05-02T10:00:00Z"></HEAD><BODY>
    <H1><A HREF="/">Home</A>: The fold-and-cut problem</H1>
    <H2>Problem</H2>
    ${LOOSE}
    <OL><LI>Take a piece of paper.<LI>Fold it flat.<LI>Make one cut.</OL>
    <P>${PARAS[0]}
    <H2>History</H2>
    <P>${PARAS[1]}
    <P>${PARAS[2]}
    <DIV CLASS="float"><P CLASS="image"><IMG SRC="crest.gif"><BR><I>Wakoku Chiyekurabe</I> by Kan Chu Sen, 1721.</P></DIV>
    </BODY></HTML>`;

  it('reads the whole body as the article: its headings, lists, paragraphs and the text between them', () => {
    const t = text(html);
    expect(t).toContain(LOOSE);
    for (const p of PARAS) expect(t).toContain(p);
    expect(t).toContain('Fold it flat.');
    expect(t).toMatch(/^History$/m);
    expect(t.indexOf(LOOSE)).toBeLessThan(t.indexOf(PARAS[0]));
  });

  it('counts the text between blocks as paragraphs of the body (most of such a page is loose text)', () => {
    const RUNS = [
      'Take a piece of paper, fold it flat, make one complete straight cut, and unfold the pieces: which shapes can you get, and can you get all of them?',
      'We proved that every pattern of straight cuts can be made this way, by two methods, and both of them are described, with examples, in our book.',
    ];
    const loose = `<HTML><HEAD><TITLE>The fold-and-cut problem</TITLE><META PROPERTY="og:type" CONTENT="article"><META PROPERTY="article:published_time" CONTENT="2024-05-02T10:00:00Z"></HEAD><BODY>
      <H2>Problem</H2>
      ${RUNS[0]}
      <OL><LI>Take a piece of paper.<LI>Fold it flat.</OL>
      ${RUNS[1]}
      <P>${PARAS[1]}
      <DIV CLASS="float"><P CLASS="image"><IMG SRC="crest.gif"><BR><I>Wakoku Chiyekurabe</I>, by Kan Chu Sen, Kyoto, 1721.</P></DIV>
      </BODY></HTML>`;
    const t = text(loose);
    for (const run of RUNS) expect(t).toContain(run);
    expect(t).toContain(PARAS[1]);
  });
});

describe('extractArticle: a list whose items say something about their links', () => {
  const INTRO = [
    'Park Hyatt hotels reflect the character of their city, with art programmes, quiet design and restaurants run by well-known chefs, and the service is among the best of any chain.',
    'The brand has grown slowly, which keeps its hotels small, and most of them sit in the centre of the cities they serve, close to museums, parks and the business districts.',
    'Six Senses builds resorts in remote places, and each one is run with an eye on the land around it, with gardens, spas and programmes for sleep and wellbeing.',
  ];
  // More of its text is in links than outside them, as in a list of links.
  const facts = `<ul>
    <li><strong>Official website</strong>: <a href="https://www.hyatt.example/park">Park Hyatt Hotels and Resorts</a></li>
    <li><strong>Flagship hotel</strong>: <a href="https://www.hyatt.example/park/new-york">Park Hyatt New York on 57th Street</a>, USA</li>
    <li><strong>My favourite</strong>: <a href="/reviews/park-hyatt-bangkok">my review of Park Hyatt Bangkok</a></li></ul>`;
  const linkList = `<ul><li><a href="/best-hotels-bangkok">The ten best hotels in Bangkok</a></li>
    <li><a href="/best-new-hotels">The best new hotels of the year</a></li>
    <li><a href="/best-spas">The best hotel spas in the world</a></li></ul>`;

  it('keeps the list of facts with their links (official site, flagship, review)', () => {
    const t = text(page(`<p>${INTRO[0]}</p>${facts}<p>${INTRO[1]}</p><p>${INTRO[2]}</p>`));
    expect(t).toContain('Official website: Park Hyatt Hotels and Resorts');
    expect(t).toContain('My favourite: my review of Park Hyatt Bangkok');
    expect(t).toContain(INTRO[2]);
  });

  it('keeps items that are mostly links but say something of their own (a fifth of their text)', () => {
    const lists = `<ul>
      <li>This hotel is on my lists of the <a href="/best-city-hotels">best city hotels in Asia for a long weekend away</a>, the <a href="/best-rooftop-pools">most beautiful rooftop swimming pools in the world</a> and <a href="/best-bars">the best hotel bars for a quiet cocktail</a>.</li>
      <li>This hotel is on my lists of the <a href="/best-spa-hotels">best hotel spas in the world for a few days of rest</a>, the <a href="/quiet-hotels">quietest hotels in a capital city, far from the traffic</a> and <a href="/best-views">the rooms with the best views of a skyline</a>.</li>
      <li>Read my review of the hotel <a href="/reviews/park-hyatt-bangkok">here</a>.</li></ul>`;
    const t = text(page(`<p>${INTRO[0]}</p>${lists}<p>${INTRO[1]}</p><p>${INTRO[2]}</p>`));
    expect(t).toContain('This hotel is on my lists of the best hotel spas in the world for a few days of rest');
    expect(t).toContain('Read my review of the hotel here.');
  });

  it('still drops a list of links in the middle of the article', () => {
    const t = text(page(`<p>${INTRO[0]}</p>${linkList}<p>${INTRO[1]}</p><p>${INTRO[2]}</p>`));
    expect(t).toContain(INTRO[1]);
    expect(t).not.toContain('best hotel spas');
  });
});

describe('extractArticle: a heading left at the end', () => {
  const PARAS = STEPS.map(([, body]) => `<p>${body}</p>`).join('');
  it('leaves out a heading whose block went in cleanup (an "Authors:" box of links)', () => {
    const t = text(page(`${PARAS}<div class="box"><h4>Authors:</h4></div><div class="box"><a href="/authors/jane">Jane Doe</a>, <a href="/authors/john">John Roe</a></div>`));
    expect(t).toContain(STEPS[2][1]);
    expect(t).not.toContain('Authors:');
    expect(t).not.toContain('Jane Doe');
  });

  it('keeps headings in a row at the end: items written as headings', () => {
    const t = text(page(`${PARAS}<h2>What we used</h2><ul><li><h3>A chair with a backrest</h3></li><li><h3>A desk of adjustable height</h3></li></ul>`));
    expect(t).toContain('A chair with a backrest');
    expect(t).toContain('A desk of adjustable height');
  });
});

describe('extractArticle: a lead written in a <div> beside the body', () => {
  const LEAD = 'Before buying a robotic mower, ask which model suits your own garden: it should cut well, need little care and stay out of the way while you rest, so start with the size of your lawn.';
  it('adds a div holding only text next to the body, as it adds a paragraph', () => {
    const html = page(`<div class="x2lLT"><span class="when">17.05.2021</span><div class="x3Dam">${LEAD}</div><img src="/mower.jpg" alt="">
      <div class="x4tTp"><div class="x1sJR">${[...STEPS.map(([, body]) => body), ...MORE].map((p) => `<p>${p}</p>`).join('')}</div></div></div>`);
    const t = text(html);
    expect(t).toContain(LEAD);
    expect(t.indexOf(LEAD)).toBeLessThan(t.indexOf(STEPS[0][1]));
  });
});

describe('extractArticle: an affiliate disclosure', () => {
  it('leaves out "This post may contain affiliate links" above the article', () => {
    const t = text(page(`<p><em>This post may contain affiliate links. Please see my disclosure page.</em></p>${STEPS.map(([, body]) => `<p>${body}</p>`).join('')}`));
    expect(t).toContain(STEPS[0][1]);
    expect(t).not.toContain('affiliate');
  });
});

describe('extractArticle: a page builder\'s modules, all named alike', () => {
  // Every module of the page sits in a wrapper named "…widget", the article's text too.
  const FAQ = [
    'An event plan is a series of steps: set the goals, gather a team, fix a budget, pick a date and a venue, then tell people about it and follow up once it is over.',
    'Start six months ahead for a large event, three for a small one, and leave a few weeks at the end for the things that always come up late.',
    'Count the venue, food, staff, equipment and marketing, then add a tenth of the total for the costs nobody thought of when the budget was set.',
  ];
  const html = page(`<div class="content side-content">
      <div class="cms_wrapper cms_wrapper_widget type_rich_text">${[...STEPS.map(([, body]) => body), ...MORE].map((p) => `<p>${p}</p>`).join('')}</div>
      <div class="cms_wrapper cms_wrapper_widget type_module"><div class="faq"><h2>Frequently asked questions</h2>${FAQ.map((a, i) => `<h3>Question ${i + 1}</h3><p>${a}</p>`).join('')}</div></div>
    </div>
    <div class="sidebar"><div class="cms_wrapper cms_wrapper_widget"><p>Subscribe to our newsletter for more guides like this one, every week in your inbox.</p></div></div>`);

  it('keeps a module beside the article\'s own when the article carries the same name', () => {
    const t = text(html);
    expect(t).toContain(STEPS[2][1]);
    for (const answer of FAQ) expect(t).toContain(answer);
    expect(t).not.toContain('Subscribe to our newsletter');
  });
});

describe('extractArticle: a block dropped inside a link', () => {
  // A sign-up box wrapped in a link inside the article: pruned for its name, its text must leave
  // the link's and the article's link text too, or the article reads as a block of links.
  const SIGNUP = 'Sign up for our weekly letter with the best guides, offers from our partners and news from the team, delivered every Friday morning to your inbox, free of charge, and you can leave whenever you like with one click on the link at the bottom of every letter we send. '.repeat(3);
  const ABOUT = [
    'We are a small team of designers and writers, based in two cities, who have tested office furniture since 2015 and publish what we learn.',
    'Our guides are free to read, and we never accept payment for a place in them, so that what we recommend is what we would buy ourselves.',
  ];
  const html = page(`<div class="entry">${[...STEPS.map(([, body]) => body), ...MORE].map((p) => `<p>${p}</p>`).join('')}
      <a href="/letter"><div class="newsletter-box"><p>${SIGNUP}</p></div><span>Sign up</span></a></div>
    <div class="about-us">${ABOUT.map((p) => `<p>${p}</p>`).join('')}</div>`);

  it('still reads the article, not the block beside it', () => {
    const t = text(html);
    expect(t).toContain(STEPS[0][1]);
    expect(t).toContain(MORE[2]);
    expect(t).not.toContain('Sign up for our weekly letter');
  });
});

describe('extractArticle: a section named by its own heading', () => {
  // Documentation generators give each section the id of its heading, and a permalink to it in the
  // heading: "respond-to-review-comments" names the section's topic, not a block of comments.
  const section = (id: string, title: string, body: string) =>
    `<section id="${id}"><h2>${title}<a class="headerlink" href="#${id}" title="Permalink to this heading">¶</a></h2><p>${body}</p></section>`;
  const REVIEW = 'Your patch will almost certainly get comments from reviewers on ways in which it can be improved. Answer each of them, and thank the reviewers for their time.';
  const SHARE = 'Share the desk with a colleague only when both of you can set it to your own height in seconds, or one of you will work at the wrong height every day.';
  const docs = section('sit-up-straight', STEPS[0][0], STEPS[0][1]) + section('respond-to-review-comments', 'Respond to review comments', REVIEW) +
    section('sharing-the-desk', 'Sharing the desk', SHARE) + section('relax-your-shoulders', STEPS[1][0], STEPS[1][1]);

  it('keeps it whatever its id says', () => {
    const t = text(page(docs));
    for (const s of [STEPS[0][1], REVIEW, SHARE, STEPS[1][1]]) expect(t).toContain(s);
  });

  it('leaves out the permalinks beside headings, terms and sections, and keeps other in-page links', () => {
    const term = `<dl><dt id="desk.height">desk.height(cm)<a class="headerlink" href="#desk.height">¶</a></dt><dd><p>${MORE[0]}</p></dd></dl>`;
    const impl = `<section id="impl-desk" class="impl"><a class="src" href="/src/desk.rs">Source</a><a href="#impl-desk" class="anchor">§</a><h3>impl Desk</h3></section><div class="docblock"><p>${MORE[2]}</p></div>`;
    const note = `<p>${MORE[1]} See <a href="#respond-to-review-comments">§</a> above, and <a href="#sit-up-straight">the first step</a>.</p>`;
    const t = text(page(docs + term + impl + note));
    expect(t).toContain('Respond to review comments\n');
    expect(t).toContain('desk.height(cm)\n');
    expect(t).toContain(MORE[2]);
    expect(t).not.toMatch(/¶/);
    expect(t.match(/§/g)).toHaveLength(1);
    expect(t).toContain('See § above, and the first step.');
  });

  it('still drops a block of comments whose heading is only its label', () => {
    const comments = `<div id="comments"><h3>Comments<a href="#comments">#</a></h3><div class="comment"><p>Great tips, my back already thanks you for them, and so do my shoulders after a long day.</p></div></div>`;
    const t = text(page(docs + comments));
    expect(t).toContain(REVIEW);
    expect(t).not.toContain('my back already thanks you');
  });
});
