/**
 * The expressions rule files write most (about half of the ftr-site-config library's): a union of
 * `//name` steps, each with at most one predicate `contains(@class|@id, 'text')` or
 * `@attribute = 'text'`. These are read here in one walk of the tree; every other expression
 * goes to the `xpath` package (xpath.ts). The package builds an evaluation context for each
 * element a predicate tests, which made a rule file of a dozen expressions cost 0.1–0.8 s on a
 * large page; the walk gives the same nodes in the same order (document order, each once), names
 * read without regard to case as the package reads an HTML tree. Checked against the package on
 * every such expression of the library (test/html/xpath.test.ts, bench/site-rules-library.ts).
 */
import type { AnyNode, Document, Element } from 'domhandler';

type Test = (el: Element) => boolean;

const LITERAL = String.raw`(?:"([^"]*)"|'([^']*)')`;
const NAME = String.raw`[A-Za-z][\w-]*`;
// One step: `//name`, `//*`, optionally `[contains(@a, 'x')]` or `[@a = 'x']`.
const STEP = new RegExp(
  String.raw`^\s*//(${NAME}|\*)\s*(?:\[\s*(?:contains\(\s*@(${NAME})\s*,\s*${LITERAL}\s*\)|@(${NAME})\s*=\s*${LITERAL})\s*\]\s*)?$`,
);

/** A test for each step of a simple expression, or null when the expression is not one. */
function parseSimple(expression: string): Test[] | null {
  const tests: Test[] = [];
  for (const step of unionParts(expression)) {
    const m = STEP.exec(step);
    if (!m) return null;
    const [, name, containsAttr, c1, c2, equalsAttr, e1, e2] = m;
    const tag = name === '*' ? null : name.toLowerCase();
    const named: Test = tag ? (el) => el.name === tag : () => true;
    if (containsAttr) {
      // XPath: a missing attribute reads as "", which contains only "".
      const attr = containsAttr.toLowerCase();
      const text = c1 ?? c2 ?? '';
      tests.push((el) => named(el) && (el.attribs[attr] ?? '').includes(text));
    } else if (equalsAttr) {
      // XPath: a missing attribute is an empty node set, equal to no string.
      const attr = equalsAttr.toLowerCase();
      const text = e1 ?? e2 ?? '';
      tests.push((el) => named(el) && el.attribs[attr] === text);
    } else {
      tests.push(named);
    }
  }
  return tests;
}

/** The parts of a union: the expression split at each `|` outside its string literals. */
function unionParts(expression: string): string[] {
  const parts = [''];
  for (const [i, piece] of expression.split(/('[^']*'|"[^"]*")/).entries()) {
    if (i % 2) parts[parts.length - 1] += piece;
    else {
      const [first, ...rest] = piece.split('|');
      parts[parts.length - 1] += first;
      parts.push(...rest);
    }
  }
  return parts;
}

const cache = new Map<string, Test[] | null>();

/** The elements a simple expression selects, in document order; null when it is not simple. */
export function selectSimple(expression: string, doc: Document): Element[] | null {
  let tests = cache.get(expression);
  if (tests === undefined) {
    tests = parseSimple(expression);
    if (cache.size > 1000) cache.clear();
    cache.set(expression, tests);
  }
  if (!tests) return null;
  const out: Element[] = [];
  const walk = (nodes: AnyNode[]): void => {
    for (const n of nodes) {
      if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
      const el = n as Element;
      if (tests.some((t) => t(el))) out.push(el);
      walk(el.children);
    }
  };
  walk(doc.children);
  return out;
}
