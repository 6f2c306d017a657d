import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sax from 'sax';

/** An element of a strictly parsed XML document: qualified name, attributes, children, text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside (text and CDATA, entities decoded, CDATA verbatim). */
  text: string;
}

/**
 * Parse with sax in strict mode (well-formedness errors throw), and additionally reject what sax
 * lets through but XML 1.0 forbids: characters outside the Char production (C0 controls other
 * than TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF) anywhere in the document, and a raw "<" inside
 * an attribute value or a "]]>" in character data.
 */
export function parseStrictXml(xml: string): XmlElement {
  const bad = illegalXmlChar(xml);
  if (bad !== null) throw new Error(`illegal XML character U+${bad.toString(16).toUpperCase().padStart(4, '0')}`);
  // sax also lets "]]>" stand in character data, which XML 1.0 forbids (CharData production).
  const charData = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, '').replace(/<[^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>/g, '');
  if (charData.includes(']]>')) throw new Error('"]]>" in character data');
  const parser = sax.parser(true, { xmlns: false, position: true, strictEntities: true });
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let error: Error | null = null;
  parser.onerror = (e) => {
    error ??= e;
    parser.error = null;
  };
  parser.onopentag = (tag) => {
    // sax accepts a raw "<" inside attribute values; XML 1.0 does not (AttValue excludes it).
    const rawTag = xml.slice(parser.startTagPosition, parser.position - 1);
    if (rawTag.includes('<')) error ??= new Error(`raw "<" in the start tag <${rawTag}>`);
    const el: XmlElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => void (stack[stack.length - 1].text += t);
  parser.oncdata = (t) => void (stack[stack.length - 1].text += t);
  parser.write(xml).close();
  if (error) throw error;
  if (root.children.length !== 1) throw new Error(`expected one root element, found ${root.children.length}`);
  return root.children[0];
}

/** Code point of the first character XML 1.0 cannot carry, or null. */
export function illegalXmlChar(s: string): number | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return c;
    }
    if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return c;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return null;
}

/** Every descendant element (depth first) whose name is `name`. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** True when libxml2's xmllint is installed (Debian: libxml2-utils). */
export function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

/**
 * Check documents with `xmllint --noout` (libxml2, a strict XML 1.0 parser) in one process.
 * Returns the diagnostics for each document that failed, keyed by index; empty when all pass.
 */
export function xmllintErrors(docs: string[]): Map<number, string> {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-xmllint-'));
  try {
    const files = docs.map((doc, i) => {
      const file = join(dir, `${i}.xml`);
      writeFileSync(file, doc, 'utf8');
      return file;
    });
    const failed = new Map<number, string>();
    const run = spawnSync('xmllint', ['--noout', '--nonet', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status === 0) return failed;
    for (const line of run.stderr.split('\n')) {
      const m = /\/(\d+)\.xml:/.exec(line);
      if (m) failed.set(Number(m[1]), `${failed.get(Number(m[1])) ?? ''}${line}\n`);
    }
    if (failed.size === 0) failed.set(-1, run.stderr || `xmllint exited with ${run.status}`);
    return failed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
