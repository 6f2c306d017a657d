import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { bylineNames, markedBylineParts } from '../../src/extract/byline.ts';
import { textByline } from '../../src/extract/byline-unmarked.ts';

// The name a marked byline gives (rule 1); `textByline` is rule 2, "By Jane Doe" as plain text.
const doc = (body: string) => parseHtml(`<html><body>${body}</body></html>`);
const byline = (body: string) => markedBylineParts(doc(body))?.name ?? null;

describe('markedBylineParts', () => {
  it('reads rel=author', () => expect(byline('<p>x</p><a rel="author" href="/u/j">Jane Doe</a>')).toBe('Jane Doe'));
  it('reads itemprop=author, preferring its itemprop=name', () =>
    expect(byline('<div itemprop="author"><img alt=""><span itemprop="name">Ann Lee</span> Staff writer</div>')).toBe('Ann Lee'));
  it('reads an itemprop=name written as a <meta> beside the visible link', () =>
    expect(
      byline(
        '<div class="user-details" itemprop="author" itemscope itemtype="http://schema.org/Person">' +
          '<a href="/users/4818/kumiko" itemprop="url">Kumiko</a><meta itemprop="name" content="Kumiko"> 15 silver badges</div>',
      ),
    ).toBe('Kumiko'));
  it('reads the element named as the name inside an author box, not the role beside it', () => {
    expect(byline('<div class="post-author"><span class="post-author__name">Mia Dale</span><span class="post-author__role">Founder at Acme</span></div>')).toBe('Mia Dale');
    expect(byline('<div class="author-card"><img alt=""><h3 class="author-name">Tom Ng</h3><p>Tom is an editor at Acme.</p></div>')).toBe('Tom Ng');
    // An element holding only the "By" label is not the name.
    expect(byline('<div class="byline"><p class="byline__name--label">By&nbsp;</p><p class="byline__name"><a href="/p/1">Ann Lee</a></p></div>')).toBe('Ann Lee');
  });
  it('reads an element with class byline', () => expect(byline('<div class="story-byline">By Sam Poe</div>')).toBe('By Sam Poe'));
  it('skips a form\'s author field, not a form that only sends a button', () => {
    const comments = '<form id="commentform"><p class="comment-form-author"><label for="author">Name <span class="required">*</span></label><input id="author" name="author" type="text"></p></form>';
    expect(byline(`<article><p>Text.</p></article>${comments}`)).toBeNull();
    expect(byline(`${comments}<span class="byline">By Sam Poe</span>`)).toBe('By Sam Poe');
    // As Reader View reads it: a "Follow author" form holds no field a reader fills in.
    const follow = '<form class="follow-author-form" method="post"><input type="hidden" name="returnUrl" value="/a"><button type="submit">Follow Author</button></form>';
    expect(byline(follow)).toBe('Follow Author');
  });
  it('skips hidden elements', () =>
    expect(byline('<span class="author" style="display:none">Hidden Name</span><span class="author">Shown Name</span>')).toBe('Shown Name'));
  it('skips texts of 100 characters or more', () => expect(byline(`<div class="author">${'word '.repeat(30)}</div>`)).toBeNull());
  it('prefers a byline outside page-header containers, using one inside only as a fallback', () => {
    expect(byline('<div class="site-header"><span class="author">Header Name</span></div><span class="byline">Body Name</span>')).toBe('Body Name');
    expect(byline('<div class="site-header"><span class="author">Header Name</span></div>')).toBe('Header Name');
  });
  it('judges a container unlikely by every ancestor of the byline, except inside a table or code, or the body', () => {
    // Unlikely: a role, an ancestor several levels up.
    expect(byline('<div role="complementary"><p><span class="author">Aside Name</span></p></div><span class="byline">Body Name</span>')).toBe('Body Name');
    expect(byline('<div class="sidebar"><div><div><span class="author">Deep Name</span></div></div></div><span class="byline">Body Name</span>')).toBe('Body Name');
    // Not unlikely: a name-matched container inside a table, one rescued by its name, the body itself.
    expect(byline('<table><tr><td class="sidebar"><span class="author">Cell Name</span></td></tr></table><span class="byline">Body Name</span>')).toBe('Cell Name');
    expect(byline('<div class="sidebar-content"><span class="author">Rescued Name</span></div><span class="byline">Body Name</span>')).toBe('Rescued Name');
    expect(byline('<html><body class="footer"><span class="author">Only Name</span><span class="byline">Body Name</span></body></html>')).toBe('Only Name');
  });
  it('finds "By Jane Doe" written as plain text', () =>
    expect(textByline(doc('<article><h1>T</h1><p>By Jane Doe</p><p>Body text here.</p></article>'))).toBe('Jane Doe'));
  it('finds a name labelled in other languages written as plain text', () => {
    const text = (line: string) => textByline(doc(`<article><h1>T</h1><p>${line}</p><p>Body text here.</p></article>`));
    expect(text('Автор: Иван Иванов')).toBe('Иван Иванов');
    expect(text('Yazar: Ahmet Yılmaz')).toBe('Ahmet Yılmaz');
    expect(text('Geschrieben von Max Mustermann')).toBe('Max Mustermann');
    expect(text('Oleh Budi Santoso')).toBe('Budi Santoso');
    expect(text('Teksti: Matti Meikäläinen')).toBe('Matti Meikäläinen');
    // "Text" begins sentences: a label only with its colon. "Per" and "De" begin names.
    expect(text('Text Matti Meikäläinen')).toBeNull();
    expect(text('Per Svensson')).toBeNull();
  });
  it('reads no name glued from a list of names', () =>
    expect(textByline(doc('<article><div><span>Written by <ul><li><a href="/a">Emily Walker</a></li><li><a href="/b">Casey Roe</a></li></ul></span></div></article>'))).toBeNull());
});

describe('bylineNames', () => {
  const names = (body: string) => bylineNames(parseHtml(`<html><body>${body}</body></html>`));
  it('does not take a comment\'s author for the names beside the byline', () => {
    const page = '<div class="wrap"><div class="byline">Editor <span>December 20, 2016</span></div><p>Text.</p>' +
      '<ol class="comment-list"><li class="comment comment-author-marilyn-80"><div class="comment-author vcard"><cite class="fn">Marilyn</cite> <span class="says">says:</span></div></li></ol></div>';
    expect(names(page)).toEqual([]);
  });
  it('reads the names beside a byline that is only its label', () => {
    // Reader View's byline here is "By" (markedBylineParts keeps it); the names are in the next element.
    const page = '<h1>T</h1><div class="info"><p class="authors--byline">By</p><span itemprop="author"><a href="/a/sb">Sara Brown</a></span></div>';
    expect(byline(page)).toBe('By');
    expect(names(page)).toEqual(['Sara Brown']);
    // An author box: its heading is the label, the name is inside the box.
    expect(names('<section class="author-box"><h3 class="author-title">About the Author</h3><div><span class="author-name">Jeffrey Zeldman</span></div></section>'))
      .toEqual(['Jeffrey Zeldman']);
    // A forum post's profile: the thread's author marked as such, the user name beside it.
    expect(names('<dl class="postprofile"><dt><div class="showtopicauthor">Topic Author</div> <a href="./memberlist.php?u=1" class="username">changingtimes</a></dt></dl>'))
      .toEqual(['changingtimes']);
  });
  it('takes no date, initials or byline far from the label', () => {
    expect(names('<div><p class="byline">Written by</p><span class="author-date">Feb 11, 2019</span></div>')).toEqual([]);
    expect(names('<div><p class="byline">The Author</p><span class="author-avatar">NB</span></div>')).toEqual([]);
    expect(names('<div><div><p class="byline">By</p></div></div><aside><div><div><span class="author">Other Writer</span></div></div></aside>')).toEqual([]);
  });
});

describe('markedBylineParts: a page whose thread is in <noscript>', () => {
  const thread = `<noscript><div id="main-outlet"><div class="topic-body crawler-post"><div class="crawler-post-meta">
    <span class="creator" itemprop="author" itemscope><a href="/u/mahaloth"><span itemprop="name">Mahaloth</span></a></span></div>
    <div class="post"><p>Which films of 2024 did you like?</p></div></div>
    <div class="topic-body crawler-post"><div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope>
    <a href="/u/kim"><span itemprop="name">Kim</span></a></span></div><div class="post"><p>Dune.</p></div></div></div></noscript>`;
  it("reads the first post's author there when the page has no byline of its own", () => {
    expect(byline(`<div id="app"></div>${thread}`)).toBe('Mahaloth');
  });
  it('prefers a byline outside it', () => {
    expect(byline(`<div id="app"><p class="byline">Jane Roe</p></div>${thread}`)).toBe('Jane Roe');
  });
});

describe('markedBylineParts: a forum user name', () => {
  it("reads class=username (phpBB, XenForo) and vBulletin's bigusername as the post's author", () => {
    expect(byline('<div class="post"><div class="postprofile"><a href="/member/1" class="username">b.scherer</a></div><p>My Pi will not boot.</p></div>')).toBe('b.scherer');
    expect(byline('<table><tr><td><a class="bigusername" href="member.php?u=2">microfast</a></td><td>Which encoder?</td></tr></table>')).toBe('microfast');
  });
  it("reads a thread header's starter when it links to the member, not the reader's greeting in the page header", () => {
    const starter = '<div class="p-body-header"><ul><li>Thread starter <a href="/members/samuel.1/" class="username u-concealed">SamuelMIz</a></li></ul></div><article><p>Guide.</p></article>';
    expect(byline(starter)).toBe('SamuelMIz');
    const greeting = '<div class="site-header"><div class="username">Hi <span class="welcome-name"></span></div></div><article><p>Almond thins.</p></article>';
    expect(byline(greeting)).toBeNull();
    expect(byline('<main><span class="username-sign-in">Sign in</span><p>Almond thins.</p></main>')).toBeNull();
  });
});

describe('markedBylineParts: a microdata author that shows nothing', () => {
  it('reads the name from its <meta itemprop=name>', () => {
    const page = `<article itemscope itemtype="https://schema.org/DiscussionForumPosting"><h1>Hybrid computing</h1>
      <span itemprop="author" itemscope itemtype="https://schema.org/Person"><meta itemprop="name" content="Alphabyte1"><meta itemprop="url" content="/alphabyte1"></span>
      <p>Quantum and classical.</p></article>`;
    expect(byline(page)).toBe('Alphabyte1');
  });
});

describe('markedBylineParts: what Reader View reads comes first', () => {
  it('takes a marked byline with text before a user name or a microdata author without text', () => {
    expect(byline('<div class="bar"><a class="username" href="/u/me">someone</a></div><article><p class="byline">By Jane Roe</p><p>Text.</p></article>')).toBe('By Jane Roe');
    const hidden = '<span itemprop="author" itemscope><meta itemprop="name" content="Loshaun Dixon"></span><div class="byline">By Loshaun Dixon</div>';
    expect(byline(hidden)).toBe('By Loshaun Dixon');
  });
});
