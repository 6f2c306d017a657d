/**
 * Tables of contents: lists of the article's own sections, linking to them on the same page. In a
 * feed reader their links lead back to the site and their lines repeat the headings below; they
 * are not the article's text. Three shapes, each written by many sites and plugins:
 * - a block named for it (`toc`, `ez-toc-container`, `wp-block-table-of-contents`, `lwptoc`,
 *   `inhaltsverzeichnis`) that is a list, or mostly links into the page (a section the table
 *   links to may be named for it too, `id="TOC_TITLE_3"`, as may a wrapper, `has-toc`: both hold
 *   prose, few links);
 * - a list of three or more links, each to a fragment of the page (`href="#…"`), that is all
 *   links (a footnote list links back to the text too, but is mostly the notes' words);
 * - its label on a line of its own ("Table of Contents", "In this article", "Sommaire"), also
 *   where the list itself already went for its link density.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { classAndId, cleanLength, isElement } from './content-dom.ts';
import { batchedEdits, detach } from './content-remove.ts';
import { collapseSpace } from '../utils/text.ts';

/** Class/id tokens of a table of contents (`classAndId` is lowercase). */
const TOC_NAME = /(?:^|[\s_-])(?:toc|table-?of-?contents|tableofcontents|inhaltsverzeichnis|sommaire)(?:$|[\s_-])/;
/** A table of contents' label, the whole line. */
const TOC_LABEL =
  /^(?:table of contents|contents|in this (?:article|post|guide|story)|on this page|jump to(?: section)?|inhaltsverzeichnis|table des matières|sommaire|índice|indice|contenido|contenidos|spis treści|inhoudsopgave|innehåll|indholdsfortegnelse|innholdsfortegnelse|sisällysluettelo|содержание|оглавление|目次|目录|目錄|inhalt|[iİ]çindekiler|목차|mục lục|daftar isi|obsah|tartalom|tartalomjegyzék|cuprins|περιεχόμενα|תוכן עניינים|المحتويات|فهرست|зміст|sadržaj|съдържание|sisällys|índex|sumário|conteúdo)\s*:?$/iu;
/** The longest label line looked at. */
const LABEL_MAX = 32;
/** A list of in-page links is a table of contents from this many links. */
const MIN_LINKS = 3;
/** The longest an entry of a table of contents is on average: a heading. */
const ENTRY_MAX = 80;

/** Removes the tables of contents under `root`, and their labels. */
export function removeTablesOfContents(root: Element): void {
  const gone: Element[] = [];
  const labels: Element[] = [];
  // Lists inside a list that is not a table of contents are not asked again (each asking reads
  // the list whole).
  const walk = (p: ParentNode, inList: boolean): void => {
    for (const c of p.children) {
      if (c.type === 'text') {
        const label = labelBlock(c.data, c, root);
        if (label) labels.push(label);
      } else if (isElement(c)) {
        const list = c.name === 'ul' || c.name === 'ol';
        if (isTableOfContents(c, list && !inList)) gone.push(c);
        else walk(c, inList || list);
      }
    }
  };
  walk(root, false);
  if (gone.length || labels.length) batchedEdits(() => [...gone, ...labels].forEach(detach));
}

/** Whether `el` is a table of contents: named for one, or (`list`: asked of a list) a list of in-page links. */
function isTableOfContents(el: Element, list: boolean): boolean {
  const named = (!!el.attribs.class || !!el.attribs.id) && TOC_NAME.test(classAndId(el));
  if (!named && !list) return false;
  const links: Element[] = [];
  collectLinks(el, links);
  const inPage = links.filter((a) => (a.attribs.href ?? '').startsWith('#'));
  if (named) {
    // A manual's "Table of Contents" of the chapter's other pages is not this page's own.
    if (inPage.length * 2 < links.length) return false;
    if (linkText(inPage) >= cleanLength(el) * 0.5) return true;
    // A list a script links: its entries are headings, short (a list of steps or points is not).
    return (el.name === 'ul' || el.name === 'ol') && cleanLength(el) <= countItems(el) * ENTRY_MAX;
  }
  return links.length >= MIN_LINKS && inPage.length === links.length && linkText(inPage) >= cleanLength(el) * 0.8;
}

function collectLinks(p: ParentNode, out: Element[]): void {
  for (const c of p.children) {
    if (!isElement(c)) continue;
    if (c.name === 'a') out.push(c);
    else collectLinks(c, out);
  }
}

const linkText = (links: Element[]): number => links.reduce((n, a) => n + cleanLength(a), 0);

function countItems(p: ParentNode): number {
  let n = 0;
  for (const c of p.children) if (isElement(c)) n += (c.name === 'li' ? 1 : 0) + countItems(c);
  return n;
}

/**
 * The block a label text node makes a line of its own: the outermost ancestor below `root` that
 * holds nothing else (blank text aside). Null when the text is not a label or shares its line.
 */
function labelBlock(data: string, node: AnyNode, root: Element): Element | null {
  if (data.length > LABEL_MAX * 4) return null;
  const text = data.trim();
  if (!text || text.length > LABEL_MAX || !TOC_LABEL.test(collapseSpace(text))) return null;
  let block: Element | null = null;
  for (let child = node, p = node.parent; p && p !== root && isElement(p as AnyNode) && alone(child, p); child = p, p = p.parent) block = p as Element;
  return block;
}

/** Whether `child` is all `parent` holds, blank text aside (the first other node ends the look). */
function alone(child: AnyNode, parent: ParentNode): boolean {
  return parent.children.every((c) => c === child || (c.type === 'text' && !c.data.trim()) || c.type === 'comment');
}
