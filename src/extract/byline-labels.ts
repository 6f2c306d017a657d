// The words pages write before an author's name ("By", "Von", "Escrito por", "Автор:"), in the
// languages of the web's most used and a few more: one table for every reader of bylines (the
// byline search, the authors' names, the content's byline lines). Generic by language, never by
// site. Left out on purpose: words that also begin names or are common words before a capital
// ("de", "per", "от", Greek "του"/"της": "De Gaulle", "Per Svensson").
import { wordAlternation } from '../utils/text.ts';

/** A preposition, then the name: "By Jane Doe", "Von …", "Par …", "Oleh …". */
const BY = ['by', 'von', 'par', 'por', 'di', 'door', 'av', 'af', 'oleh', 'bởi'];
/** A verb and a preposition: "Written by", "Geschrieben von", "Escrito por", "Scritto da". */
const WRITTEN_BY = [
  'written by', 'posted by', 'post by', 'submitted by', 'published by', 'authored by', 'article by', 'text by', 'words by', 'story by', 'reporting by',
  'beitrag von', 'eingestellt von', 'geplaatst door', 'postado por', 'postato da',
  'geschrieben von', 'verfasst von', 'écrit par', 'rédigé par', 'publié par', 'escrito por', 'publicado por', 'scritto da',
  'pubblicato da', 'a cura di', 'geschreven door', 'skrevet av', 'skrevet af', 'skriven av', 'scris de', 'napisał', 'napisała',
  'írta', 'yazan',
];
/**
 * An author box's link or sentence: "View all posts by …", "This post was written by …". Labels of
 * a name, not of a byline line: the sentence is the article's own note at its end.
 */
const AUTHOR_BOX = [
  'view all posts by', 'see all posts by', 'all posts by', 'more posts by', 'more articles by', 'read more about',
  'view all articles by', 'show all articles of', 'show all posts by', 'see more from', 'zeige alle beiträge von', 'alle beiträge von',
  'alles von', 'mehr von',
  'this post was written by', 'this article was written by', 'this story was written by',
];
/** A noun, with or without a colon: "Author: Jane Doe", "Autorin …", "Автор: …", "Yazar: …". */
const AUTHOR = [
  'authors', 'author', 'autoren', 'autorin', 'autorka', 'autora', 'autore', 'autrice', 'autor', 'auteurs', 'auteur', 'författare',
  'forfatter', 'kirjoittaja', 'penulis', 'yazar', 'szerző', 'tác giả', 'авторы', 'автор', 'аутор',
];
/** A noun that labels a name only with its colon: "Text: Jane Doe", "Interview: …" ("Text" alone begins sentences). */
const TEXT = ['text', 'tekst', 'teksti', 'texto', 'текст', 'interview'];

const alt = wordAlternation;
/** A label among `words` as a whole word, or one of TEXT with its colon (case-insensitive, with the `u` flag). */
const labelSource = (words: string[]): string => `(?:(?:${alt(words)})(?![\\p{L}])|(?:${alt(TEXT)})\\s*:)`;

/** The label's source: a regex alternation, the colon included where one is needed. */
export const BYLINE_LABEL = labelSource([...AUTHOR_BOX, ...WRITTEN_BY, ...BY, ...AUTHOR]);
/**
 * The labels a name itself may carry ("Author: Jane Doe" as a JSON-LD name): the same without the
 * prepositions other than "by", which begin names too ("Von Miller", "Di Stefano").
 */
export const NAME_LABEL_SOURCE = labelSource([...AUTHOR_BOX, ...WRITTEN_BY, 'by', ...AUTHOR]);
/**
 * Those prepositions, as a name's label only before what is plainly more than a one-word name: two
 * words or more, or a lowercase start ("Von Britta Schultejans, dpa", "Par sudinfo.be"; not "Von Miller").
 */
export const PREPOSITION_BEFORE_NAME = new RegExp(
  `^(?:${BY.filter((w) => w !== 'by').map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`).join('|')})\\s+(?=\\S+\\s+\\S|\\p{Ll})`,
  'u',
);
// A byline line opens with a preposition or a verb phrase ("By Jane Doe and …", "Escrito por …"),
// or with a noun and its colon ("Autor: Jan Nowak"): a noun alone may open a sentence.
const BYLINE_LINE = new RegExp(`^(?:(?:${alt([...WRITTEN_BY, ...BY])})\\s|(?:${alt([...AUTHOR, ...TEXT])})\\s*:)`, 'iu');

/** Whether a line of text opens as a byline does. */
export function opensWithByline(line: string): boolean {
  return BYLINE_LINE.test(line);
}

/** The heading of an author's bio box: "About the author", "Über den Autor", "Sobre el autor"… */
export const ABOUT_THE_AUTHOR =
  /^(?:about\s+the\s+author|über\s+(?:den\s+autor|die\s+autorin)|à\s+propos\s+de\s+l['’]auteur|sobre\s+(?:el|la|o|a)\s+autor[a]?|l['’]autore|over\s+de\s+auteur|o\s+autor(?:ze|ce)|об\s+авторе|yazar\s+hakkında|om\s+forfatteren|om\s+skribenten)\s*:?\s*/i;

/**
 * What stands between two names in a byline: a semicolon, "&", or the word for "and" between spaces
 * (in capitals too: "JANE DOE AND JOHN ROE"); a single letter only in lowercase ("Jane E. Doe" is one name).
 */
export const BETWEEN_NAMES =
  /\s*(?:;|\s&\s)\s*|(?:^|\s+)(?:[Aa]nd|AND|[Uu]nd|UND|et|ET|y|Y|e|i|og|och|ve|és|dan|và|ja|и|і|та)\s+/u;
