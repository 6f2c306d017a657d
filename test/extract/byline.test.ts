import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { bylineNames, cleanAuthors, markedBylineParts, splitAuthors } from '../../src/extract/byline.ts';
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

describe('cleanAuthors', () => {
  it('drops the label before a name, spaced, with a colon or glued to it', () => {
    expect(cleanAuthors(['Written by: Charnele Henry', 'Posted by Günter Kienitz', 'Author: Petra Ruland', 'Autor john', 'By Amitai Winehouse']))
      .toEqual(['Charnele Henry', 'Günter Kienitz', 'Petra Ruland', 'john', 'Amitai Winehouse']);
    expect(cleanAuthors(['BySummer Swann', 'Written byAAA Travel Editor, SMT', 'Written By:Cazzy Magennis', 'Submitted by admin', 'Authors:Aniruddha Roy']))
      .toEqual(['Summer Swann', 'AAA Travel Editor, SMT', 'Cazzy Magennis', 'admin', 'Aniruddha Roy']);
    // Credits that name the writer.
    expect(cleanAuthors(['Text by Hunter Dukes', 'Words by Ana Lee', 'Story by Kim Ode', 'Reporting by Li Wei'])).toEqual(['Hunter Dukes', 'Ana Lee', 'Kim Ode', 'Li Wei']);
    // A name that only begins like a label stays whole.
    expect(cleanAuthors(['Byron Katie', 'Story Musgrave', 'Words Matter Media', 'BYU Sports', 'Authorea Team', 'Bylund Erik', 'Duc Le', 'Anna At'])).toEqual(['Byron Katie', 'Story Musgrave', 'Words Matter Media', 'BYU Sports', 'Authorea Team', 'Bylund Erik', 'Duc Le', 'Anna At']);
  });
  it('drops a date or time written after the name, and quotes or separators around it', () => {
    expect(cleanAuthors(['FlowGuard EMEA on 04-ago-2021 5:11:10', 'Günter Kienitz at 18:52', 'Bo2man am', 'Jane Doe on Tue, 03/05/2021 - 10:12', 'Post by Arny » Mon']))
      .toEqual(['FlowGuard EMEA', 'Günter Kienitz', 'Bo2man', 'Jane Doe', 'Arny']);
    // A blog's category between the name and the date.
    expect(splitAuthors('Written by Michael Larabel in Valve on 1 June 2019 at 08:34 PM EDT.')).toEqual(['Michael Larabel']);
    expect(cleanAuthors(['"David Kim"', '~ Rachel M.', '& Zackery Cuevas', 'Angela Holliday-Bell, MD*', '(Al Bayan)', 'Post by galitsyn »']))
      .toEqual(['David Kim', 'Rachel M.', 'Zackery Cuevas', 'Angela Holliday-Bell, MD', 'Al Bayan', 'galitsyn']);
    // An author box's link labels, a role after a bar, and a template's unfilled variable.
    expect(cleanAuthors(['View all posts by Ray Ansari', 'Read more about The Upwork Team', 'This post was written by Dana Paul', 'Matteo Laratta| Author', 'Jan Nowak | Autor']))
      .toEqual(['Ray Ansari', 'The Upwork Team', 'Dana Paul', 'Matteo Laratta', 'Jan Nowak']);
    expect(cleanAuthors(['page.head.extra.author', '{{ author.name }}', '%author%', '100% Noticias', 'www.portalspozywczy.pl']))
      .toEqual(['100% Noticias', 'www.portalspozywczy.pl']);
    // An e-mail address beside the name goes; alone, it is all there is.
    expect(cleanAuthors(['Mike Cason | mcason@al.com', 'Jane Roe (jroe@example.org)', 'Li Wei <li.wei@example.com>', 'desk@example.com']))
      .toEqual(['Mike Cason', 'Jane Roe', 'Li Wei', 'desk@example.com']);
    // Brackets that belong to the name stay.
    expect(cleanAuthors(['Jean-Luc Aufranc (CNXSoft)', 'Deutsche Welle (www.dw.com)'])).toEqual(['Jean-Luc Aufranc (CNXSoft)', 'Deutsche Welle (www.dw.com)']);
  });
  it('drops labels of other languages, and a role written after the name', () => {
    expect(cleanAuthors(['Автор: Иван Иванов', 'Escrito por João Silva', 'Szerző: Kovács János', 'Tác giả: Nguyễn Văn A', 'Scritto da Mario Rossi']))
      .toEqual(['Иван Иванов', 'João Silva', 'Kovács János', 'Nguyễn Văn A', 'Mario Rossi']);
    expect(splitAuthors('Jane Doe, Staff Writer')).toEqual(['Jane Doe']);
    expect(cleanAuthors(['Senior Editor', 'Contributing Writers', 'Guest Contributor'])).toEqual([]);
  });
  it('drops a job title after a name and the employer after it, and keeps the names that follow', () => {
    expect(splitAuthors('Posted by Brian Stevens, Vice President, Google Cloud')).toEqual(['Brian Stevens']);
    expect(splitAuthors('By Jane Doe, Professor of History, Yale University')).toEqual(['Jane Doe']);
    expect(splitAuthors('Jane Doe, CEO')).toEqual(['Jane Doe']);
    expect(splitAuthors('Danielle Padula, Head of Marketing & Community Development')).toEqual(['Danielle Padula']);
    expect(splitAuthors('By Ann Smith, Product Manager, and Bob Jones, Software Engineer')).toEqual(['Ann Smith', 'Bob Jones']);
    // A credential stays; names that are no titles split as before ("Head" and "Lead" are surnames too).
    expect(splitAuthors('By Jane Doe, MD, Professor of Medicine')).toEqual(['Jane Doe, MD']);
    expect(splitAuthors('By Mary Head, John Lead')).toEqual(['Mary Head', 'John Lead']);
    // A newspaper or wire agency after the names, and a wire's title ("AP Auto Writer").
    expect(splitAuthors('By Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal')).toEqual(['Manoj Jain', 'Jagpreet Chhatwal']);
    expect(splitAuthors('Paul Wiseman, Fatima Hussein, Associated Press')).toEqual(['Paul Wiseman', 'Fatima Hussein']);
    expect(splitAuthors('TOM KRISHER, AP Auto Writer')).toEqual(['TOM KRISHER']);
    expect(splitAuthors('Julie Weisenhorn, Natalie Hoidal, Extension horticulture educators')).toEqual(['Julie Weisenhorn', 'Natalie Hoidal']);
    expect(splitAuthors('Nicole Forbes, Master Horticulturalist & Garden Educator')).toEqual(['Nicole Forbes']);
  });
  it('keeps each name\'s credential with it', () => {
    expect(splitAuthors('Shelby Loos, DVM, Molly Price, DVM')).toEqual(['Shelby Loos, DVM', 'Molly Price, DVM']);
    expect(splitAuthors('Jane Doe, MD, John Roe, Ph.D.')).toEqual(['Jane Doe, MD', 'John Roe, Ph.D.']);
    expect(splitAuthors('Angela Holliday-Bell, MD')).toEqual(['Angela Holliday-Bell, MD']);
    // A name itself keeps the prepositions of other languages it begins with; a byline's are labels.
    expect(cleanAuthors(['Von Miller', 'Di Stefano', 'Par Lagerkvist'])).toEqual(['Von Miller', 'Di Stefano', 'Par Lagerkvist']);
    expect(cleanAuthors(['Von Britta Schultejans, dpa', 'Par sudinfo.be'])).toEqual(['Britta Schultejans, dpa', 'sudinfo.be']);
    expect(splitAuthors('Von Max Mustermann')).toEqual(['Max Mustermann']);
  });
  it('drops a label that stands alone', () => {
    expect(cleanAuthors(['By', 'Written by', 'Author', 'The Author', 'About the Author', 'Author Bio', '[Submitted on'])).toEqual([]);
    expect(cleanAuthors(['Topic Author', 'Thread starter', 'Original Poster'])).toEqual([]);
    expect(splitAuthors('Written by')).toEqual([]);
  });
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

describe('splitAuthors', () => {
  it('drops "By" and splits lists of names', () => {
    expect(splitAuthors('By Ann Lee and Bob Ray')).toEqual(['Ann Lee', 'Bob Ray']);
    expect(splitAuthors('Stella Kim, Jennifer Jett')).toEqual(['Stella Kim', 'Jennifer Jett']);
  });
  it('splits a list with a comma before its "and"', () => {
    expect(splitAuthors('By Dana A. Ford, James S.A. Corey, Chien-Ming Wang, and Tom Watkins')).toEqual(['Dana A. Ford', 'James S.A. Corey', 'Chien-Ming Wang', 'Tom Watkins']);
  });
  it('does not split at the word for "and" before a lowercase word', () => {
    expect(splitAuthors('Zone Justice et faits divers - ICI.Radio-Canada.ca')).toEqual(['Zone Justice et faits divers - ICI.Radio-Canada.ca']);
    expect(splitAuthors('Marie Roy et Paul Dubé')).toEqual(['Marie Roy', 'Paul Dubé']);
  });
  it('does not split at a comma inside brackets', () => {
    expect(splitAuthors('Cécile Ducourtieux (Bruxelles, bureau européen)')).toEqual(['Cécile Ducourtieux (Bruxelles, bureau européen)']);
    expect(splitAuthors('Ann Lee (Paris), Bo Ray (Rome)')).toEqual(['Ann Lee (Paris)', 'Bo Ray (Rome)']);
  });
  it('keeps a name with a credential together', () => expect(splitAuthors('Brenda Goodman, MA')).toEqual(['Brenda Goodman, MA']));
  it('splits on the word for "and" in other languages, never inside a name', () => {
    expect(splitAuthors('Mario Rossi e Luigi Bianchi')).toEqual(['Mario Rossi', 'Luigi Bianchi']);
    expect(splitAuthors('Jan Kowalski i Anna Nowak')).toEqual(['Jan Kowalski', 'Anna Nowak']);
    expect(splitAuthors('Иван Иванов и Пётр Петров')).toEqual(['Иван Иванов', 'Пётр Петров']);
    expect(splitAuthors('JANE DOE AND JOHN ROE')).toEqual(['JANE DOE', 'JOHN ROE']);
    // "Y" before a letter of another script, a middle initial.
    expect(splitAuthors('Yazar: Ahmet Yılmaz')).toEqual(['Ahmet Yılmaz']);
    expect(splitAuthors('Jane E. Doe')).toEqual(['Jane E. Doe']);
    expect(splitAuthors('Author Bio')).toEqual([]);
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
