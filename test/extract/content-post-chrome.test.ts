/**
 * On a thread's page (a forum topic, a question with its answers), the small blocks every post
 * carries beside its text (poster's card, "answered …" line, reputation, "Last edited") are left
 * out; the posts, short ones too, and a quote's "… said:" header stay.
 */
import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { extractArticle } from '../../src/extract/index.ts';
import { holdsMemberCards, postTexts } from '../../src/extract/content-post-chrome.ts';
import { measure, type Stats } from '../../src/extract/content-measure.ts';
import { parseHtml } from '../../src/html/parse.ts';

const URL = 'https://garden.example/questions/42/why-do-my-beans-not-climb';

const POSTS = [
  'My runner beans were sown in May along a frame of hazel poles, but six weeks later they still lie on the ground and the leaves are turning pale. What am I doing wrong?',
  'Runner beans twine anticlockwise around their support, so if you tied them the other way they unwind and fall off. Guide the tips around the poles once and they find their way.',
  'Pale leaves after six weeks usually mean cold soil. Beans sown before the nights stay above ten degrees sit still for weeks; a second sowing in June often overtakes the first.',
];
/** Replies a few words long: posts all the same, sentences. */
const SHORT = ['Thanks, that was exactly it, they climb now.', 'Same here, mine are climbing again now!', 'Worked for my runner beans as well, thanks.'];

/** One post: its text, then the post's card (who, when, reputation), as Q&A sites lay them out. */
function post(kind: 'asked' | 'answered', body: string, who: string, when: string, rep: string, extra = ''): string {
  return `<div class="post-layout"><div class="s-prose js-post-body"><p>${body}</p>${extra}</div>
    <div class="post-signature"><div class="user-action-time">${kind} ${when}</div>
      <div class="user-details"><a href="/users/${who}">${who}</a><div class="user-flair"><span class="reputation-score">${rep}</span> 3 silver badges</div></div></div></div>`;
}

/** A quoted passage with its header, as forum software draws it. */
const quote = (who: string, words: string): string => `<blockquote class="bbCodeBlock"><div class="bbCodeBlock-title">${who} said:</div><p>${words}</p></blockquote>`;

function page(thread: boolean, replies = false): string {
  const ld = thread ? `<script type="application/ld+json">{"@context":"https://schema.org","@type":"QAPage","mainEntity":{"@type":"Question","name":"Why do my beans not climb?"}}</script>` : '';
  return `<!doctype html><html lang="en"><head><title>Why do my beans not climb?</title>${ld}</head><body>
  <header class="site-header"><a href="/">Garden Q&amp;A</a></header>
  <main><h1>Why do my beans not climb?</h1>
  <div id="question">${post('asked', POSTS[0], 'hazelpole', 'Jun 29, 2012 at 10:51', '1,992', quote('gardener', 'beans want warm soil'))}</div>
  <div id="answers">
    <div class="answer">${post('answered', POSTS[1], 'twiner', 'Jul 7, 2012 at 3:07', '23.8k', quote('hazelpole', 'along a frame of hazel poles'))}</div>
    <div class="answer">${post('answered', POSTS[2], 'coldsoil', 'Jan 22, 2013 at 22:36', '1,069', quote('hazelpole', 'the leaves are turning pale'))}</div>
  ${replies ? SHORT.map((r, i) => `<div class="reply"><div class="reply-text">${r}</div><div class="reply-date">Jan ${23 + i}, 2013</div></div>`).join('') : ''}
  </div></main>
  <footer class="site-footer"><p>Garden Q&amp;A, a community of gardeners.</p></footer>
  </body></html>`;
}

describe('extractArticle: the chrome of a thread\'s posts', () => {
  it('leaves out the blocks repeated beside every post, and keeps every post and a quote\'s header', () => {
    const out = extractArticle(page(true), URL).text;
    for (const p of POSTS) expect(out).toContain(p);
    expect(out).toContain('hazelpole said:');
    expect(out).toContain('gardener said:');
    expect(out).not.toMatch(/answered (Jul|Jan)/);
    expect(out).not.toContain('asked Jun 29');
    expect(out).not.toContain('silver badges');
    expect(out).not.toContain('23.8k');
  });

  it('keeps short replies that are sentences, though each is a few words of one repeated kind', () => {
    const out = extractArticle(page(true, true), URL).text;
    for (const r of SHORT) expect(out).toContain(r);
    expect(out).not.toContain('Jan 24, 2013');
  });

  it('leaves such blocks to the rest of cleanup on a page that does not say it is a thread', () => {
    // Repeated short blocks on other pages are as often the page's own lines (a product's specs, a
    // list of features), so the rule is kept to threads. (The cards are renamed here: a block
    // named for a signature goes on any page, see below.)
    const out = extractArticle(page(false).replaceAll('post-signature', 'post-card'), URL).text;
    expect(out).toContain(POSTS[1]);
    expect(out).toContain('answered Jul 7, 2012');
  });
});

describe('extractArticle: a forum topic told by its member cards', () => {
  const who = [
    ['hazelpole', '138', '4. Jul 2012, 16:09', 'Kent'],
    ['twiner', '9179', 'Wed Feb 04, 2015 6:38 pm', 'Devon'],
    ['coldsoil', '2', 'Sun Dec 17, 2023 11:18 am', 'Fife'],
  ];
  // phpBB's layout, with no schema.org markup: each post's text, then its poster's card.
  const topic = (n: number) =>
    `<!doctype html><html lang="en"><head><title>Why do my beans not climb?</title></head><body><header><a href="/">Garden forum</a></header>
    <div id="page-body"><h2 class="topic-title">Why do my beans not climb?</h2>${POSTS.slice(0, n)
      .map((p, i) => `<div class="post has-profile"><div class="inner"><div class="postbody"><p class="author">Post by ${who[i][0]} » 29. Jun 2024</p><div class="content">${p}</div></div>
      <dl class="postprofile"><dt><a href="/u/${i}">${who[i][0]}</a></dt><dd class="profile-posts"><strong>Posts:</strong> <a href="/s/${i}">${who[i][1]}</a></dd>
      <dd class="profile-joined"><strong>Joined:</strong> ${who[i][2]}</dd><dd class="profile-location"><strong>Location:</strong> ${who[i][3]}</dd></dl></div></div>`)
      .join('')}</div><footer><p>Garden forum, a community of gardeners.</p></footer></body></html>`;

  it('leaves out the cards (posts, joined, location) beside every post, and keeps every post', () => {
    const out = extractArticle(topic(3), 'https://garden.example/viewtopic.php?t=42').text;
    for (const p of POSTS) expect(out).toContain(p);
    expect(out).not.toMatch(/Joined|Posts: \d|Location: (Kent|Devon|Fife)/);
  });

  it('takes two lines of their own saying when a member joined for cards, not one, nor a sentence', () => {
    const el = (html: string) => parseHtml(`<div>${html}</div>`).children[0] as Element;
    const card = (joined: string) => `<dl class="postprofile"><dt>hazelpole</dt><dd>Posts: 138</dd><dd>${joined}</dd></dl>`;
    expect(holdsMemberCards(el(`${card('Joined: 4. Jul 2012')}<p>${POSTS[0]}</p>${card('Mitglied seit 12.03.2011')}`))).toBe(true);
    expect(holdsMemberCards(el(`${card('Joined: 4. Jul 2012')}<p>${POSTS[0]}</p>`))).toBe(false);
    // In a sentence, in a quote, or after more words than a label: not a card's line.
    expect(holdsMemberCards(el('<p>She joined the club in 2012.</p><p>He joined the board on 4 July 2012, after a vote of the members.</p>'))).toBe(false);
    expect(holdsMemberCards(el(`<blockquote>${card('Joined: 4. Jul 2012')}${card('Joined: 5. Jul 2012')}</blockquote>`))).toBe(false);
    expect(holdsMemberCards(el('<p>The gardeners of the valley who joined 2012</p><p>The gardeners of the valley who joined 2013</p>'))).toBe(false);
    const long = 'as a volunteer in 2012, and has run the spring show of the valley every year since';
    expect(holdsMemberCards(el(`<p>Joined the club ${long}.</p><p>Joined the board ${long}.</p>`))).toBe(false);
    // With no date: a heading's words, not a card's line. A company's founding year is no member's.
    expect(holdsMemberCards(el('<h3>Registered users</h3><p>Sign in here.</p><h3>Registered members</h3>'))).toBe(false);
    expect(holdsMemberCards(el('<div><b>Founded:</b> 1998</div><div><b>Founded:</b> 2004</div>'))).toBe(false);
  });
});

describe('extractArticle: a poster\'s signature', () => {
  // Forum software (phpBB, vBulletin, XenForo, MyBB, SMF…) prints each poster's signature under
  // every post, in a block named for it; it is the poster's, not the thread's.
  const SIGS = [
    'Growing beans on an allotment in Leeds since 1998, mostly runners and a few borlotti.',
    'Any advice given is what worked in my garden; your soil, your rules, your mileage may vary.',
    'Currently reading: The Vegetable Garden Displayed, and losing a war against the slugs.',
  ];
  const html = `<!doctype html><html lang="en"><head><title>Beans not climbing - Garden Forum</title></head><body>
    <div id="page-body"><h2 class="topic-title">Beans not climbing</h2>
    ${POSTS.map((p, i) => `<div id="p${i}" class="post bg${i % 2}"><div class="postbody">
      <p class="author">by <strong>user${i}</strong> » Tue Aug 27, 2019 1:4${i} am</p>
      <div class="content">${p}</div>
      <div id="sig${i}" class="signature">${SIGS[i]}</div></div></div>`).join('\n')}
    </div></body></html>`;

  it('is left out; every post stays', () => {
    const out = extractArticle(html, 'https://forum.example/viewtopic.php?t=42').text;
    for (const p of POSTS) expect(out).toContain(p);
    for (const s of SIGS) expect(out).not.toContain(s);
  });
});

describe('postTexts: a thread\'s post texts, which shape rules do not judge', () => {
  const find = (html: string): string[] => {
    const root = parseHtml(`<div>${html}</div>`).children[0] as Element;
    const stats = new Map<Element, Stats>();
    measure(root, stats);
    return [...postTexts(root, stats)].map((el) => `${el.name}.${el.attribs.class}`);
  };
  const post = (body: string) => `<div class="post"><div class="card">member</div><div class="text">${body}</div></div>`;

  it('finds a kind repeated in every post, with a long one among them, short ones included', () => {
    const found = find(POSTS.map(post).join('') + post('Yes!'));
    expect(found.filter((k) => k === 'div.text')).toHaveLength(4);
    // The posts as a whole are such a kind too; the member cards (one word each) are not.
    expect(found).toContain('div.post');
    expect(found).not.toContain('div.card');
  });

  it('leaves out a list of links and a kind found inside another of its own kind', () => {
    const links = [1, 2, 3].map((i) => `<li class="similar"><a href="/t/${i}">A similar thread about runner beans that do not climb, number ${i}</a></li>`).join('');
    expect(find(`<ul>${links}</ul>`)).toEqual([]);
    const nested = `<div class="box">${POSTS[0]}<div class="box">${POSTS[1]}<div class="box">${POSTS[2]}</div></div></div>`;
    expect(find(nested)).toEqual([]);
  });
});
