/**
 * Lazy-loaded images: which attribute holds an image's real URL, srcset parsing, and placeholder
 * detection. One rule for every reader (listing images and sanitized article content alike).
 */

/** Attributes lazy-loading scripts use for the real image URL, best first. */
const LAZY_SRC_ATTRS: readonly string[] = [
  'data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-img-src', 'data-hi-res-src', 'data-full-src',
];

/** A `src` that is a srcset: a URL, a width or density descriptor, a comma, another URL. */
const SRCSET_IN_SRC = /\s\d+(?:\.\d+)?[wx]\s*,\s*\S/;

/** srcset attributes, the lazy loaders' first (the plain `srcset` is often their placeholder). */
const LAZY_SRCSET_ATTRS: readonly string[] = ['data-srcset', 'data-lazy-srcset', 'srcset'];

/** Not an image URL at all: inline data and `about:blank` stand in for the real image. */
const INLINE_PLACEHOLDER = /^(?:data|about):/i;
/** File names that are only ever placeholders (blank.gif, 1x1.png, lazyload.svg…). */
const PLACEHOLDER_FILE = /(?:blank|spacer|placeholder|transparent|lazy[-_]?load|1x1|pixel)\.(?:gif|png|svg|jpe?g|webp)\b/i;
/** File names lazy loaders use as the visible stand-in (grey.gif, loading-spinner.gif, lazy.png…). */
const PLACEHOLDER_STAND_IN =
  /(?:^|[/_.-])(?:blank|spacer|pixel|placeholder|transparent|lazy|loading|grey|gray|empty)[\w-]*\.(?:gif|png|svg|jpe?g|webp)(?:$|[?#])/i;

/**
 * Whether an image URL (as written) is a lazy loader's placeholder rather than the image: used
 * on `src` and srcset candidates, where loaders put their stand-ins.
 */
export function isPlaceholderSrc(src: string): boolean {
  const v = src.trim();
  return INLINE_PLACEHOLDER.test(v) || PLACEHOLDER_FILE.test(v) || PLACEHOLDER_STAND_IN.test(v);
}

/**
 * A lazy attribute holds the loader's target, the real image: only unmistakable placeholders
 * are skipped there (a real photo may well be named lazy.jpg or loading-dock.jpg).
 */
function isPlaceholderTarget(src: string): boolean {
  return INLINE_PLACEHOLDER.test(src) || PLACEHOLDER_FILE.test(src);
}

export interface SrcsetCandidate {
  url: string;
  /** Width in px (w descriptor) or density × 1000 (x descriptor); 0 when absent. */
  size: number;
}

/** Parse a srcset attribute per the HTML spec's shape (URLs may contain commas). */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  const n = srcset.length;
  while (i < n) {
    while (i < n && (srcset[i] === ',' || /\s/.test(srcset[i]))) i++;
    if (i >= n) break;
    let start = i;
    while (i < n && !/\s/.test(srcset[i])) i++;
    let url = srcset.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      start = i;
      let depth = 0;
      while (i < n && (srcset[i] !== ',' || depth > 0)) {
        if (srcset[i] === '(') depth++;
        else if (srcset[i] === ')') depth--;
        i++;
      }
      descriptor = srcset.slice(start, i).trim();
      i++;
    }
    if (!url) continue;
    const m = /^(\d+(?:\.\d+)?)([wx])$/i.exec(descriptor);
    const size = m ? (m[2].toLowerCase() === 'w' ? Number(m[1]) : Number(m[1]) * 1000) : 0;
    out.push({ url, size });
  }
  return out;
}

/** The largest candidate of a srcset that is not a placeholder (first wins ties), or null. */
export function largestFromSrcset(srcset: string | null | undefined): string | null {
  if (!srcset) return null;
  let best: SrcsetCandidate | null = null;
  for (const c of parseSrcset(srcset)) {
    if (isPlaceholderSrc(c.url)) continue;
    if (!best || c.size > best.size) best = c;
  }
  return best ? best.url : null;
}

/**
 * The real URL of an `<img>` or `<source>` from its attributes, relative as written: a lazy
 * attribute, else `src`, else the largest srcset candidate; placeholders never count.
 */
export function imageSrc(attribs: Readonly<Record<string, string | undefined>>): string | null {
  for (const name of LAZY_SRC_ATTRS) {
    const v = attribs[name]?.trim();
    if (v && !isPlaceholderTarget(v)) return v;
  }
  const src = attribs.src?.trim();
  // A template that wrote a srcset into `src` ("a.jpg 3500w, a.jpg?w=768 768w"): its largest image.
  if (src && SRCSET_IN_SRC.test(src)) return largestFromSrcset(src);
  if (src && !isPlaceholderSrc(src)) return src;
  for (const name of LAZY_SRCSET_ATTRS) {
    const v = largestFromSrcset(attribs[name]);
    if (v) return v;
  }
  return null;
}
