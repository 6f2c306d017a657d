/**
 * Picture credits in the content: who took or licensed a photo, written as text beside it. They
 * name an agency or a photographer, never the story, so they are not the article's text:
 * - a line of its own that opens with a credit's label: "Foto: dpa", "Photo: Jane Doe/Getty
 *   Images", "Image credit: …", "© Press Office";
 * - a line of its own that is a photographer and an agency: "Tim Robberts/Getty Images",
 *   "Getty Images / Holger Leue", "Kim Kyung-Hoon/Reuters", "DGLimages via Getty Images";
 * - the end of a caption, after a ©: "Marco Odermatt, Ski-Star. © AFP / MARCO BERTORELLO" (the
 *   caption stays).
 * The agencies are the wire services and stock libraries whose credits run on every kind of site.
 */
import type { AnyNode, Element, Text } from 'domhandler';
import { collapseSpace } from '../utils/text.ts';
import { isElement } from './content-dom.ts';

/** A credit's label, opening the line ("Foto:", "Image credit:", "©"). */
const CREDIT_LABEL =
  /^(?:(?:fotos?|bilder?|titelbild|titelfoto|beitragsbild|bildquelle|photos?|images?|picture|credits?|(?:photo|image|picture) credits?|crédits? photos?|foto de|fotografía|immagine|фото|zdjęcie|fot\.|fotó|kép|fotoğraf|görsel|ảnh|φωτογραφία|φωτ\.|صورة|تصوير|צילום|写真|图片|圖片|kuva|billede|bilde)\s*[:：]|사진\s*[:=]|©|\(?\s*(?:crédito|credit|foto|bild)\s*:|(?:bild|foto) via\b)/iu;

const AGENCY =
  '(?:getty(?: images)?|afp|ap(?: photo)?|reuters|dpa|picture[ -]alliance|imago(?: images)?|shutterstock|istock(?:photo)?|adobe ?stock|alamy(?: stock photo)?|epa(?:-efe)?|keystone|anp|wenn(?:\\.com)?|depositphotos(?:\\.com)?|unsplash|pexels|pixabay|bloomberg|nurphoto|sopa images|lightrocket|xinhua|ansa|efe|anadolu(?: agency)?|corbis|stocksy)';
/** A photographer's or an outlet's name in a credit. */
const NAME = /^[\p{L}\p{N}.'’&\- ]{1,40}$/u;
const AGENCY_NAME = new RegExp(`^${AGENCY}$`, 'iu');
const HAS_AGENCY = new RegExp(`(?:^|[\\s/])${AGENCY}(?:$|[\\s/])`, 'iu');
/** What joins a credit's names: "/" or "via". */
const JOINER = /\s*(?:\/|\bvia\b)\s*/iu;
const VIA = /\bvia\b/i;

/**
 * The whole line is names joined by "/" or "via", one of them an agency. (Split, not one
 * pattern: a pattern repeating names that may hold "via" backtracks exponentially on a line of
 * "a via a via …".)
 */
function agencyLine(t: string): boolean {
  // Most lines hold neither joiner: they are not split at all (splitting every short line was 8 %
  // of a small page's time). Tested apart, not with JOINER: its leading `\s*` makes the engine try
  // every space (a small page 10 % slower than this test).
  if (!t.includes('/') && !VIA.test(t)) return false;
  const parts = t.split(JOINER);
  return parts.length >= 2 && parts.every((p) => NAME.test(p)) && parts.some((p) => AGENCY_NAME.test(p.trim()));
}

/** The longest line read as a credit. */
const CREDIT_MAX = 120;

/**
 * A picture credit on a line of its own (see the module comment). A `heading` is one only with a
 * credit's label: "Pexels / Unsplash" over a section names the section's subject.
 */
export function creditLine(t: string, heading = false): boolean {
  return t.length <= CREDIT_MAX && (CREDIT_LABEL.test(t) || (!heading && agencyLine(t)));
}

/** A caption's credit after a ©, at the end of its last text: `(… | )© Agency / Name`. */
const TRAILING_CREDIT = /\s*(?:[|–—-]\s*)?©\s*([^.!?©]{2,60})$/u;
/** The longest caption whose trailing credit is cut. */
const CAPTION_MAX = 200;
/** What is left of a line that was only a credit and its label ("Bild © …"); or no word at all. */
const BARE_LABEL = /^(?:fotos?|bild(?:er)?|photos?|images?|credits?)?[\s:|,–—-]*$/iu;

/**
 * Cuts a trailing credit from a short line's last text (`line`: the line's text as `cleanText`
 * reads it). The credit must name an agency or join names with "/" or "via": a year and a company
 * after the © are a copyright notice. Returns null when there was none to cut; else what is left of
 * the line, or '' when no caption was left (nothing, the credit's label, or no word): the caller
 * drops the line.
 */
export function cutTrailingCredit(el: Element, line: string): string | null {
  if (line.length > CAPTION_MAX || !line.includes('©')) return null;
  const m = TRAILING_CREDIT.exec(line);
  if (!m || !(JOINER.test(m[1]) || HAS_AGENCY.test(m[1]))) return null;
  const last = lastText(el);
  if (!last) return null;
  const at = last.data.lastIndexOf('©');
  // The credit must be all of the text's end, as the line reads it (not markup after it).
  if (at < 0 || !line.endsWith(asLine(last.data.slice(at)))) return null;
  last.data = last.data.slice(0, at).replace(/\s*(?:[|–—-]\s*)?$/u, '');
  const rest = asLine(line.slice(0, line.length - m[0].length));
  return BARE_LABEL.test(rest) || !/\p{L}{2}/u.test(rest) ? '' : rest;
}

function lastText(el: Element): Text | null {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const c: AnyNode = el.children[i];
    if (c.type === 'text') {
      if ((c as Text).data.trim()) return c as Text;
    } else if (isElement(c)) return lastText(c);
  }
  return null;
}

/** Whitespace as `cleanText` reads a line. */
const asLine = (s: string): string => collapseSpace(s).trim();
