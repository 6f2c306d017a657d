// The article's own title out of a page title that also names the site ("What is X? | Acme",
// "Acme: What is X?", "What is X? – Tagline – Acme"): when a heading (<h1>) of the page repeats one
// side of a separator, that side is the title, unless it is the site's own name (a logo in an
// <h1>). A title with no separator, or whose sides no heading repeats, is kept whole: a site name
// alone (og:site_name, the host) does not say where the article's title ends as reliably.

export interface TitleEvidence {
  /** Texts of the page's main headings (<h1>), in document order. */
  headings: string[];
  /** Names the page gives itself (og:site_name, application-name, JSON-LD publisher). */
  siteNames: string[];
  /** The page URL (its host names the site too). */
  url: string;
}

// Separators between a title and a site name: | – — • · » / \ :: and a spaced hyphen.
const SEPARATOR = /\s+(?:[|–—•·»\/\\~]|::|-)\s+|\s*\|\s*|\s+[–—]\s*/g;

interface Part {
  text: string;
  start: number;
  end: number;
}

export function trimSiteName(title: string, evidence: TitleEvidence): string {
  const parts = splitParts(title);
  if (parts.length < 2) return title;
  const headings = new Set(evidence.headings.map(norm).filter((h) => h.length > 1));
  if (!headings.size) return title;
  const site = siteMatcher(evidence);
  // The title comes first ("Title | Site"); a later side is the title only after a part naming
  // the site ("Site | Title"): a heading that repeats the last part is most often a logo.
  let best: string | null = null;
  for (let k = 1; k < parts.length; k++) {
    const before = title.slice(0, parts[k - 1].end).trim();
    const after = title.slice(parts[k].start).trim();
    if ((!best || before.length > best.length) && headings.has(norm(before)) && !site(before)) best = before;
    if (!best && headings.has(norm(after)) && site(parts[0].text)) best = after;
  }
  return best ?? title;
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
    .replace(/[\s¶:#]+$/, '')
    .trim();
}

const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Whether a title part names the site: one of its names, or the host's name (`www.acme.co.uk` → acme). */
function siteMatcher(evidence: TitleEvidence): (part: string) => boolean {
  const names = evidence.siteNames.map(letters).filter((n) => n.length >= 2);
  const label = hostLabel(evidence.url);
  return (part) => {
    const p = letters(part);
    if (!p) return false;
    if (names.includes(p)) return true;
    const words = part.trim().split(/\s+/).length;
    if (words > 4) return false;
    if (names.some((n) => n.length >= 3 && p.startsWith(n))) return true;
    return !!label && label.length >= 3 && (p === label || p.startsWith(label));
  };
}

function hostLabel(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const labels = host.split('.').filter(Boolean);
  if (labels.length < 2) return null;
  labels.pop(); // top-level domain
  // Second-level registries: co.uk, com.au, org.br…
  if (labels.length > 1 && labels[labels.length - 1].length <= 3) labels.pop();
  return letters(labels[labels.length - 1]);
}
