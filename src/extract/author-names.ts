// Author names as feeds carry them, from a byline's text or a metadata field: a list split into
// names ("A, B and C"), each without its label ("By"), job title and employer, date, e-mail or
// stray punctuation; a credential ("MD") stays with its name.
import { isWeekday } from '../utils/dates/weekdays.ts';
import { collapse } from '../utils/text.ts';
import { BETWEEN_NAMES, BYLINE_LABEL, NAME_LABEL_SOURCE, PREPOSITION_BEFORE_NAME } from './byline-labels.ts';
import { LABEL_ONLY } from './byline-name.ts';
import { looksLikeUrl } from './meta-text.ts';

// A name after the word for "and" starts with a capital (or a script without case): "Zone Justice
// et faits divers" is one desk's name.
const BETWEEN_LISTED_NAMES = new RegExp(`(?:${BETWEEN_NAMES.source})(?!\\p{Ll})`, 'u');

const LEADING_LABEL = new RegExp(`^${BYLINE_LABEL}\\s*:?\\s+`, 'iu');

/** Separate author names from a byline: drops "By", splits "A, B and C"; keeps "Jane Doe, MD" intact. */
export function splitAuthors(byline: string | null): string[] {
  if (!byline) return [];
  const whole = collapse(byline);
  if (NOT_A_NAME.test(whole.replace(/[\s:]+$/, '')) || NOT_A_BYLINE.test(whole)) return [];
  const cleaned = withoutJobTitles(whole.replace(LEADING_LABEL, '').replace(WITH_IN_BRACKETS, ', $1'));
  const parts = cleaned.split(BETWEEN_LISTED_NAMES).flatMap((part) => {
    // A list's last comma may stand before its "and" ("A, B, and C"): no piece of its own.
    const pieces = withCredentials(part.split(COMMA).filter((p, i, all) => p !== '' || i < all.length - 1));
    // Commas separate names only when every piece looks like a full name (2+ words).
    return pieces.every((p) => p.split(' ').length >= 2) ? pieces : [part];
  });
  return cleanAuthors(parts);
}

// (Not a comma inside brackets: "Cécile Ducourtieux (Bruxelles, bureau européen)" is one name.)
const COMMA = /\s*,\s*(?![^()]*\))/;
const NEXT_NAME = new RegExp(`^(?:${BETWEEN_NAMES.source})`, 'u');

// The newspaper or wire agency after a name ("…, The Commercial Appeal", "…, Associated Press").
// (A wire's or broadcaster's acronym too: "Tom Watkins, CNN", "Li Wei, AFP"; not a credential.)
const THE_ORGANIZATION =
  /^(?:The\s+\p{Lu}|(?:The\s+)?Associated Press$|Reuters$|Agence France-Presse$|Bloomberg(?: News)?$|United Press International$|(?:AP|AFP|CNN|BBC(?: News)?|NPR|UPI|dpa|EFE|ANSA|PTI|IANS|ANI|Xinhua)$)/u;

/**
 * A byline without the job titles or newspapers after its names, nor what follows each (the
 * employer): "Brian Stevens, Vice President, Google Cloud" is one person, "Ann Lee, Head of Sales
 * & Marketing, and Bo Chen" two.
 */
function withoutJobTitles(byline: string): string {
  let dropping = false;
  const kept = byline.split(COMMA).filter((piece, i) => {
    if (NEXT_NAME.test(piece)) dropping = false;
    if (i > 0 && !dropping && (ROLE.test(piece) || JOB_TITLE.test(piece) || THE_ORGANIZATION.test(piece))) dropping = true;
    return !dropping;
  });
  return kept.length === 0 ? byline : kept.join(', ');
}

// A degree or licence written after a name: "MD", "DVM", "PhD", "RN", "Ph.D.", "M.D.".
const CREDENTIAL = /^(?:\p{Lu}{2,6}|Ph\.?\s?D\.?|M\.\s?D\.|Dr\.?\s?PH)$/u;

/** Comma pieces with each credential joined to the name before it: "Shelby Loos, DVM, Molly Price, DVM" is two names. */
function withCredentials(pieces: string[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    if (out.length && CREDENTIAL.test(piece)) out[out.length - 1] += `, ${piece}`;
    else out.push(piece);
  }
  return out;
}

// What a byline element holds besides the name, seen on many sites: a label before it ("Written
// by:", "Posted by", Drupal's "Submitted by", "Author:", a credit's "Text by"), glued to it when the
// label and the name are two elements ("BySummer Swann"), a date or time after it ("… on
// 04-ago-2021", "… at 18:52"), quotes or a separator around it, or nothing but the label ("By",
// "About the Author").
const NAME_LABEL = new RegExp(`^${NAME_LABEL_SOURCE}\\s*:?\\s*`, 'iu');
// Case matters: the label's end is seen by the capital that starts the name ("Byron" stays).
const GLUED_LABEL = /^(?:(?:[Ww]ritten|[Pp]osted|[Ss]ubmitted) [Bb]y(?=\p{Lu})|(?:B[Yy]|by)(?=\p{Lu}\p{Ll}))/u;
// (Forums mark the thread's own author beside the name: "Topic Author", "Thread starter".)
const NOT_A_NAME =
  /^(?:(?:about\s+)?the\s+author|about\s+(?:the\s+)?author|(?:author(?:'s|’s)?\s+)?bio(?:graphy)?|submitted|(?:topic|thread)\s+(?:author|starter)|original\s+poster)$/i;
// What an element marked "author" holds that is no byline: a comment form's prompt ("Please enter
// your name here"), an embedded post's reply line ("Replying to @Reuters"), the site's credit
// ("Developed by …", "Government Websites by CivicPlus®") or copyright line ("… © 2025").
// ("Visit the … Store" and "Follow the author": a shop's brand link and a button; a price.)
const NOT_A_BYLINE =
  /^(?:please\s|replying\s+to\s|(?:visit|follow)\s+the\s|get\s+in\s+touch$)|^(?:(?:developed|designed|powered)\s+by|(?:\p{L}+\s+)?(?:web)?sites?\s+by)\s|©|[$€£]\s?\d/iu;
// A role written after the name ("Jane Doe, Staff Writer"): no name of its own.
const ROLE =
  /^(?:(?:senior|staff|contributing|special|guest|chief|political|sports?|business|managing|deputy|associate|executive|freelance|foreign)\s+)*(?:writer|reporter|editor|correspondent|contributor|columnist|journalist|photographer|critic|producer)s?$/i;
// A job title written after the name, often before its employer ("Vice President, Google Cloud",
// "Professor of History", "CEO"). Head, lead, partner, fellow and member (surnames too) only with
// what they are of.
const JOB_TITLE = new RegExp(
  String.raw`^(?:[\p{L}&.'’-]+\s+){0,4}?(?:(?:co-?)?founder|educator|expert|adviser|advisor|dietitian|nutritionist|therapist|writer|reporter|editor|correspondent|columnist|journalist|photographer|president|ceo|cto|cfo|coo|cmo|cio|c?vp|svp|evp|director|professor|manager|engineer|analyst|researcher|scientist|officer|chair(?:man|woman|person)?|economist|strategist|consultant|attorney|advocate|evangelist|lecturer|specialist|coordinator|(?:head|lead|partner|fellow|member)(?=\s+(?:of|at|for|in)\s))s?(?:\s+(?:of|at|for|in|on)\s.*)?$`,
  'iu',
);
// A preposition left dangling by a date cut off before ("Bo2man am") is lowercase; "Duc Le" is a name.
// Forums write "Post by Arny » Mon Jan 01, 2024": what follows a » is the post's date.
const AFTER_NAME = /\s+(?:[Oo]n\s+(?=.*\d).*|[Aa]t\s+\d{1,2}[:.]\d{2}.*|».*|on|at|am|um)$/;
// A blog's category after the name, before the date: "Written by Michael Larabel in Valve on 1 June".
const IN_CATEGORY = /\s+in\s+\p{Lu}[\p{L}\p{N}&'’ -]*$/u;
// A weekday after the name: "Isabella Di Biase am Samstag", "Jane Doe on Monday".
const ON_WEEKDAY = /\s+(?:[Oo]n|am|le|el)\s+(\p{L}+\.?)$/u;
const withoutWeekday = (name: string): string => name.replace(ON_WEEKDAY, (m, day: string) => (isWeekday(day) ? '' : m));
// A bracket after the name holding a job title or a web address: "Lance Ryan (Content Manager)",
// "Deutsche Welle (www.dw.com)"; not a maiden name or a nickname ("Paramita (Guha) Ghosh").
const BRACKET_AFTER_NAME = /\s*\(([^()]*)\)$/;
const withoutBracketNote = (name: string): string =>
  name.replace(BRACKET_AFTER_NAME, (m, inside: string) => (ROLE.test(inside) || JOB_TITLE.test(inside) || looksLikeUrl(inside) ? '' : m));
// Co-authors in brackets, written as "with": "Martin Untersinger (avec Damien Leloup et Morgane Tual)".
const WITH_IN_BRACKETS = /\s*\((?:with|avec|mit|con|com)\s+([^()]+)\)/giu;
const AROUND_NAME = /^[\s"“”'‘’«»&~•|:;,–—-]+|[\s"“”'‘’«»*→›]+$/gu;
// A template's variable left unfilled: "page.head.extra.author", "{{ author }}", "%author%".
const PLACEHOLDER = /^[\w-]+(?:\.[\w-]+){3,}$|\{\{|\$\{|%\w+%/;
// A role or label after a bar: "Matteo Laratta | Author".
const withoutRoles = (name: string): string =>
  name.includes('|') ? name.split(/\s*\|\s*/).filter((p) => !ROLE.test(p) && !LABEL_ONLY.test(p)).join(' | ') : name;
// An e-mail address beside the name ("Mike Cason | mcason@al.com"); an address alone stays.
const EMAIL_AFTER_NAME = /(?<=\p{L}\.?)(?:\s*[|/,:–—-]\s*|\s+)[(<]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>]?$/u;
// Brackets go when they wrap the whole name or open without closing ("[Submitted on").
const BRACKETS = /^\((.*)\)$|^[[(](?!.*[\])])/su;

/** Author names as feeds carry them: labels, dates and stray punctuation around a name dropped; labels alone dropped. */
export function cleanAuthors(names: string[]): string[] {
  const out = names.map((raw) => {
    const name = withoutJobTitles(collapse(raw).replace(AROUND_NAME, '').replace(BRACKETS, '$1'));
    if (NOT_A_NAME.test(name) || NOT_A_BYLINE.test(name)) return '';
    const bare = withoutRoles(name).replace(EMAIL_AFTER_NAME, '').replace(GLUED_LABEL, '').replace(NAME_LABEL, '').replace(PREPOSITION_BEFORE_NAME, '').replace(AFTER_NAME, '').replace(IN_CATEGORY, '');
    return withoutBracketNote(withoutWeekday(bare)).replace(AROUND_NAME, '');
  });
  return [...new Set(out.filter((p) => p.length > 1 && !NOT_A_NAME.test(p) && !ROLE.test(p) && !PLACEHOLDER.test(p)))];
}
