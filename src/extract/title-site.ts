// The article's title as its page shows it, from the page title (og:title, JSON-LD, <title>):
//   1. the article's own heading (first <h1> in its article/main, or the page's only <h1>) when it
//      shares words with the page title: sites write a search title for og:title and <title> and
//      the headline for readers;
//   2. else the page title without a site name ("What is X? | Acme", "Acme | What is X?",
//      "What is X? – Tagline – Acme"): when an <h1> repeats one side of a separator, that side is
//      the title, unless it is the site's own name (a logo in an <h1>). With no heading confirming
//      where the title ends, only a last part that names the site (og:site_name, the host) goes.
// Reader View keeps the page title as is, and so does extractArticle unless asked for the headline
// (ExtractOptions.headlineTitle).
import { siteOf } from '../list/url.ts';
import { namesSite } from '../utils/site-name.ts';

export interface TitleEvidence {
  /** Texts of the page's main headings (<h1>), in document order. */
  headings: string[];
  /** The article's own heading: the first <h1> inside its article/main element, or the page's only <h1>. */
  headline?: string | null;
  /** Texts of the headline's elements and text nodes, each on its own. */
  headlineParts?: string[];
  /** Names the page gives itself (og:site_name, application-name, JSON-LD publisher). */
  siteNames: string[];
  /** The page URL (its host names the site too). */
  url: string;
}

// Separators between a title and a site name: | – — • · » / \ :: and a spaced hyphen.
const SEPARATOR = /\s+(?:[|–—•·»\/\\~]|::|-)\s+|\s*\|\s*|\s+[–—]\s*/g;

// Anchor marks documentation generators put after headings ("Tutorial¶", "Install #").
const TRAILING_MARKS = /[\s¶#:]+$/;

/** Share of words the headline must have in common with the page title to be taken instead (Jaccard). */
const HEADLINE_OVERLAP = 0.1;
const MAX_HEADLINE_CHARS = 200;
/** Shortest page title that, found as a part of the heading, marks the heading's other parts as additions. */
const MIN_PART_CHARS = 12;

/** Rule 1, then rule 2 (see the top of this file). */
export function articleTitle(title: string, evidence: TitleEvidence): string {
  const trimmed = trimSiteName(title, evidence);
  const heading = evidence.headline?.replace(TRAILING_MARKS, '').trim();
  if (!heading || heading.length > MAX_HEADLINE_CHARS) return trimmed;
  // A heading that copies the page title ("Catering Tips | Cookshack") loses its site name too.
  const headline = trimSiteName(heading, { ...evidence, headings: [] });
  const b = words(headline);
  // A heading made of the site's name ("Minecraft News" on "Minecraft Update News") is its logo.
  const isSiteName = (name: string): boolean => {
    const n = words(name);
    return [...b].every((w) => n.has(w));
  };
  if (evidence.siteNames.some(isSiteName)) return trimmed;
  // A heading whose own part (an element, a text) is the page title, beside a label, a date or a
  // count in another ("<span>News</span> Digital Cameras: …", "<time>Dec 18</time> Preparing …").
  const t = norm(trimmed);
  if (t.length >= MIN_PART_CHARS && norm(headline) !== t && evidence.headlineParts?.some((p) => norm(p) === t)) return trimmed;
  const a = words(trimmed);
  const shared = [...a].filter((w) => b.has(w)).length;
  return shared / (a.size + b.size - shared || 1) >= HEADLINE_OVERLAP ? headline : trimmed;
}

const words = (s: string): Set<string> => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));

interface Part {
  text: string;
  start: number;
  end: number;
}

/** Rule 2: the page title without a site name its headings confirm. */
export function trimSiteName(title: string, evidence: TitleEvidence): string {
  const parts = splitParts(title);
  if (parts.length < 2) return title;
  const headings = new Set(evidence.headings.map(norm).filter((h) => h.length > 1));
  const site = siteMatcher(evidence);
  // The title comes first ("Title | Site"); a later side is the title only after a part naming
  // the site ("Site | Title"): a heading that repeats the last part is most often a logo.
  let best: string | null = null;
  for (let k = 1; headings.size && k < parts.length; k++) {
    const before = title.slice(0, parts[k - 1].end).trim();
    const after = title.slice(parts[k].start).trim();
    if ((!best || before.length > best.length) && headings.has(norm(before)) && !site(before)) best = before;
    if (!best && headings.has(norm(after)) && site(parts[0].text)) best = after;
  }
  return best ?? withoutNamedSite(title, parts, site);
}

/**
 * With no heading to confirm where the title ends: a last part that names the site itself (its
 * name, its domain) goes, when two words or more stay ("Insurance for Drivers | Uber"). Not a
 * first one: "Acme | Project Software" is most often a home page whose title is that whole line.
 */
function withoutNamedSite(title: string, parts: Part[], site: (part: string) => boolean): string {
  const head = title.slice(0, parts[parts.length - 2].end).trim();
  return site(parts[parts.length - 1].text) && words(head).size >= 2 && !site(head) ? head : title;
}

function splitParts(title: string): Part[] {
  const parts: Part[] = [];
  let start = 0;
  for (const m of title.matchAll(SEPARATOR)) {
    const end = m.index ?? 0;
    if (end > start) parts.push({ text: title.slice(start, end).trim(), start, end });
    start = end + m[0].length;
  }
  if (start < title.length) parts.push({ text: title.slice(start).trim(), start, end: title.length });
  return parts.filter((p) => p.text);
}

/** Lower case, quotes and dashes made plain, trailing pilcrows and colons off, spaces collapsed. */
function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(TRAILING_MARKS, '')
    .trim();
}

/** Whether a title part names the site: one of its names, or its domain ("www.acme.co.uk" names "Acme"). */
function siteMatcher(evidence: TitleEvidence): (part: string) => boolean {
  let label = '';
  try {
    label = siteOf(new URL(evidence.url).hostname).split('.')[0];
  } catch {
    // no host to compare with
  }
  const names = label ? [...evidence.siteNames, label] : evidence.siteNames;
  return (part) => names.some((name) => namesSite(part, name));
}
