/** Author names from a byline's text or a metadata field (src/extract/author-names.ts). */
import { describe, expect, it } from 'vitest';
import { cleanAuthors, splitAuthors } from '../../src/extract/author-names.ts';

describe('cleanAuthors', () => {
  it('drops the label before a name, spaced, with a colon or glued to it', () => {
    expect(cleanAuthors(['Written by: Charnele Henry', 'Posted by Günter Kienitz', 'Author: Petra Ruland', 'Autor john', 'By Amitai Winehouse']))
      .toEqual(['Charnele Henry', 'Günter Kienitz', 'Petra Ruland', 'john', 'Amitai Winehouse']);
    expect(cleanAuthors(['BySummer Swann', 'Written byAAA Travel Editor, SMT', 'Written By:Cazzy Magennis', 'Submitted by admin', 'Authors:Aniruddha Roy']))
      .toEqual(['Summer Swann', 'AAA Travel Editor, SMT', 'Cazzy Magennis', 'admin', 'Aniruddha Roy']);
    expect(cleanAuthors(['Authored by: Ehsan Jazini', 'Beitrag von r23', 'Article by Barry Alleyne'])).toEqual(['Ehsan Jazini', 'r23', 'Barry Alleyne']);
    // Blogger's "Posted by" in other languages, an interview's credit, an author box's German link.
    expect(cleanAuthors(['Eingestellt von Michel', 'Geplaatst door Anke', 'Interview: Julia Lauter', 'Alles von Martin Junker', 'Mehr von Ute Lang']))
      .toEqual(['Michel', 'Anke', 'Julia Lauter', 'Martin Junker', 'Ute Lang']);
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
    // A weekday after the name, and a bracket holding a job title or a web address.
    expect(cleanAuthors(['Isabella DiBiase am Samstag', 'Jane Doe on Monday', 'Lance Ryan (Content Manager)', 'Deutsche Welle (www.dw.com)', 'Bradley M. Kuhn (http://ebb.org/bkuhn/)', 'Tim Lee (/@timlee)']))
      .toEqual(['Isabella DiBiase', 'Jane Doe', 'Lance Ryan', 'Deutsche Welle', 'Bradley M. Kuhn', 'Tim Lee']);
    // Not a name that ends in a word like a weekday's, nor a bracket that is part of the name.
    expect(cleanAuthors(['Paramita (Guha) Ghosh', 'Jean-Luc Aufranc (CNXSoft)', 'Ana Maria Son'])).toEqual(['Paramita (Guha) Ghosh', 'Jean-Luc Aufranc (CNXSoft)', 'Ana Maria Son']);
    expect(cleanAuthors(['"David Kim"', '~ Rachel M.', '& Zackery Cuevas', 'Angela Holliday-Bell, MD*', '(Al Bayan)', 'Post by galitsyn »']))
      .toEqual(['David Kim', 'Rachel M.', 'Zackery Cuevas', 'Angela Holliday-Bell, MD', 'Al Bayan', 'galitsyn']);
    // An author box's link labels, a role after a bar, and a template's unfilled variable.
    expect(cleanAuthors(['View all posts by Ray Ansari', 'Read more about The Upwork Team', 'This post was written by Dana Paul', 'Matteo Laratta| Author', 'Jan Nowak | Autor']))
      .toEqual(['Ray Ansari', 'The Upwork Team', 'Dana Paul', 'Matteo Laratta', 'Jan Nowak']);
    expect(cleanAuthors(['See more from Zander Dejah', 'Show all articles of Heiko Sauer', 'Zeige alle Beiträge von Simon Dückert →', 'View all articles by Li Wei']))
      .toEqual(['Zander Dejah', 'Heiko Sauer', 'Simon Dückert', 'Li Wei']);
    expect(cleanAuthors(['page.head.extra.author', '{{ author.name }}', '%author%', '100% Noticias', 'www.portalspozywczy.pl']))
      .toEqual(['100% Noticias', 'www.portalspozywczy.pl']);
    // An e-mail address beside the name goes; alone, it is all there is.
    expect(cleanAuthors(['Mike Cason | mcason@al.com', 'Jane Roe (jroe@example.org)', 'Li Wei <li.wei@example.com>', 'desk@example.com']))
      .toEqual(['Mike Cason', 'Jane Roe', 'Li Wei', 'desk@example.com']);
    // Brackets that belong to the name stay.
    expect(cleanAuthors(['Jean-Luc Aufranc (CNXSoft)', 'Dana Lee (Guha)'])).toEqual(['Jean-Luc Aufranc (CNXSoft)', 'Dana Lee (Guha)']);
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
    // Co-authors in brackets, written as "with".
    expect(splitAuthors('Martin Untersinger (avec Damien Leloup et Morgane Tual)')).toEqual(['Martin Untersinger', 'Damien Leloup', 'Morgane Tual']);
    expect(splitAuthors('By Ann Lee (with Bo Ray)')).toEqual(['Ann Lee', 'Bo Ray']);
    expect(splitAuthors('Paul Wiseman, Fatima Hussein, Associated Press')).toEqual(['Paul Wiseman', 'Fatima Hussein']);
    expect(splitAuthors('TOM KRISHER, AP Auto Writer')).toEqual(['TOM KRISHER']);
    // A wire's or broadcaster's acronym, also in a name given alone (one meta value per author).
    expect(splitAuthors('Sandee LaMotte, CNN')).toEqual(['Sandee LaMotte']);
    expect(cleanAuthors(['Tom Watkins, CNN', 'Li Wei, AFP', 'Jane Doe, MD'])).toEqual(['Tom Watkins', 'Li Wei', 'Jane Doe, MD']);
    expect(splitAuthors('Julie Weisenhorn, Natalie Hoidal, Extension horticulture educators')).toEqual(['Julie Weisenhorn', 'Natalie Hoidal']);
    expect(splitAuthors('Nicole Forbes, Master Horticulturalist & Garden Educator')).toEqual(['Nicole Forbes']);
  });
  it('keeps each name\'s credential with it', () => {
    expect(splitAuthors('Shelby Loos, DVM, Molly Price, DVM')).toEqual(['Shelby Loos, DVM', 'Molly Price, DVM']);
    expect(splitAuthors('Jane Doe, MD, John Roe, Ph.D.')).toEqual(['Jane Doe, MD', 'John Roe, Ph.D.']);
    expect(splitAuthors('Angela Holliday-Bell, MD')).toEqual(['Angela Holliday-Bell, MD']);
    // A name itself keeps the prepositions of other languages it begins with; a byline's are labels.
    expect(cleanAuthors(['Von Miller', 'Di Stefano', 'Par Lagerkvist'])).toEqual(['Von Miller', 'Di Stefano', 'Par Lagerkvist']);
    expect(cleanAuthors(['Von Britta Schultejans, dpa', 'Par sudinfo.be'])).toEqual(['Britta Schultejans', 'sudinfo.be']);
    expect(splitAuthors('Von Max Mustermann')).toEqual(['Max Mustermann']);
  });
  it('drops a label that stands alone', () => {
    expect(cleanAuthors(['Article by', 'Authored by']).length).toBe(0);
    expect(cleanAuthors(['By', 'Written by', 'Author', 'The Author', 'About the Author', 'Author Bio', '[Submitted on'])).toEqual([]);
    expect(cleanAuthors(['Topic Author', 'Thread starter', 'Original Poster'])).toEqual([]);
    // What an element marked "author" holds that is no byline: a comment form's prompt, a reply
    // line, the site's credit or copyright line.
    expect(cleanAuthors(['Please enter your name here', 'Replying to @Reuters', 'Developed By Heba Musa', 'Government Websites by CivicPlus®', 'The Pennsylvania State University © 2025'])).toEqual([]);
    expect(splitAuthors('Website by Acme Design')).toEqual([]);
    // A shop's brand link, a button, a price.
    expect(cleanAuthors(['Visit the Apple Store', 'Follow the author', 'Get in touch', 'or $50/mo billed monthly'])).toEqual([]);
    expect(cleanAuthors(['Pleasance Lee', 'Hosted by Ana Lee', 'Webster Byers'])).toEqual(['Pleasance Lee', 'Hosted by Ana Lee', 'Webster Byers']);
    expect(splitAuthors('Written by')).toEqual([]);
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
