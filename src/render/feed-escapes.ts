/**
 * The escaping around feed and xml-js that render/feed.ts needs (see its header): values go to feed
 * with the characters it mishandles replaced by reserved noncharacters, and `restore` writes them
 * back correctly escaped after rendering.
 */
import { imageMimeType } from '../utils/mime.ts';
import { escapeXml } from './xml-chars.ts';

// Reserved markers (noncharacters; stripXmlIllegal removes them from every input value).
const AMP = '\uFDD0'; // a "&" in a text node
const LT = '\uFDD1'; // a "<" in an attribute value
const CDATA_END = '\uFDD2'; // the ">" of a "]]>" inside CDATA
export const SLOT = '\uFDD3'; // delimits an Atom enclosure slot number
const TEXT_AMP = '\uFDD4'; // a "&" in RSS plain text
const TEXT_LT = '\uFDD5'; // a "<" in RSS plain text
const TEXT_GT = '\uFDD6'; // a ">" in RSS plain text written outside CDATA
const NO_CDATA = '\uFDD7'; // brackets a value feed wraps in CDATA that must be plain text instead

/** A value xml-js writes as a text node. */
export function xmlText(s: string): string {
  return s.replace(/&/g, AMP);
}

/**
 * Plain text in RSS (titles, names, categories): never CDATA, which readers take for HTML. "&" and
 * "<" become hexadecimal character references, as the RSS Best Practices Profile asks and the W3C
 * validator checks (anything else there draws ContainsHTML or CharacterData).
 */
export function rssText(s: string): string {
  return s.replace(/&/g, TEXT_AMP).replace(/</g, TEXT_LT);
}

/** Plain text for a slot feed writes as CDATA: the CDATA section is removed again in `restore`. */
export function rssPlainCdata(s: string): string {
  return `${NO_CDATA}${rssText(s).replace(/>/g, TEXT_GT)}${NO_CDATA}`;
}

/** A value feed writes into an attribute (feed itself escapes "&", xml-js escapes '"'). */
export function xmlAttr(s: string): string {
  return s.replace(/</g, LT);
}

/** A value xml-js writes as CDATA. */
export function cdata(s: string): string {
  return s.replace(/\]\]>/g, `]]${CDATA_END}`);
}

export function restore(xml: string): string {
  return xml
    .replaceAll(AMP, '&amp;')
    .replaceAll(LT, '&lt;')
    .replaceAll(TEXT_AMP, '&#x26;')
    .replaceAll(TEXT_LT, '&#x3C;')
    .replaceAll(TEXT_GT, '&gt;')
    .replaceAll(`<![CDATA[${NO_CDATA}`, '')
    .replaceAll(`${NO_CDATA}]]>`, '')
    // "]]" + "]]><![CDATA[" + ">" closes the section and reopens it: the data reads "]]>".
    .replaceAll(CDATA_END, ']]><![CDATA[>');
}

/** Replace each `<rights>SLOT n SLOT</rights>` placeholder with the entry's image link. */
export function restoreSlots(xml: string, images: string[]): string {
  if (images.length === 0) return xml;
  const slot = new RegExp(`<rights>${SLOT}(\\d+)${SLOT}</rights>`, 'g');
  return xml.replace(slot, (_m, n: string) => {
    const href = images[Number(n)];
    return `<link rel="enclosure" type="${imageMimeType(href)}" href="${escapeXml(href)}"/>`;
  });
}

/** Declare `xmlns:prefix` on the root element unless feed already did. */
export function ensureRootNamespace(xml: string, root: string, prefix: string, uri: string): string {
  const open = new RegExp(`<${root}\\b[^>]*>`).exec(xml);
  if (!open || open[0].includes(`xmlns:${prefix}=`)) return xml;
  const at = open.index + open[0].length - 1;
  return `${xml.slice(0, at)} xmlns:${prefix}="${uri}"${xml.slice(at)}`;
}
