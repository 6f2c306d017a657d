/**
 * The expressions rule files write most (seven in ten of the ftr-site-config library's): a union
 * of paths of `/name` and `//name` steps (or `*`), each step with at most one predicate
 * `contains(@attribute, 'text')` or `@attribute = 'text'`, a path optionally ending in `/@name`.
 * These are read here by walking the tree; every other expression goes to the `xpath` package
 * (xpath.ts). The package builds an evaluation context for each node a predicate tests, which
 * made a rule file of a dozen expressions cost 0.1–0.8 s on a large page. The walk gives the same
 * result in the same order (document order, each node once), names read without regard to case as
 * the package reads an HTML tree. Checked against the package on every expression of the library
 * (`bench/site-rules-library.ts DIR --pages N`) and in test/html/xpath.test.ts.
 */
import { isTag, type AnyNode, type Document, type Element, type ParentNode } from 'domhandler';

type Test = (el: Element) => boolean;

interface Step {
  /** `//`: any descendant of the context; `/`: a child. */
  descendant: boolean;
  test: Test;
}

interface Path {
  steps: Step[];
  /** `/@name` at the end: that attribute of the selected elements. */
  attribute?: string;
}

const NAME = String.raw`[A-Za-z][\w-]*`;
const LITERAL = String.raw`(?:"([^"]*)"|'([^']*)')`;
// One step, read from where the last one ended: `/` or `//`, a name or `*`, one predicate at most.
const STEP = new RegExp(
  String.raw`\s*(//?)(${NAME}|\*)\s*(?:\[\s*(?:contains\(\s*@(${NAME})\s*,\s*${LITERAL}\s*\)|@(${NAME})\s*=\s*${LITERAL})\s*\]\s*)?`,
  'y',
);
const ATTRIBUTE_END = new RegExp(String.raw`\s*/@(${NAME})\s*$`, 'y');

function parsePath(source: string): Path | null {
  const steps: Step[] = [];
  let at = 0;
  for (;;) {
    STEP.lastIndex = at;
    const m = STEP.exec(source);
    if (!m) break;
    at = STEP.lastIndex;
    const [, slashes, name, containsAttr, c1, c2, equalsAttr, e1, e2] = m;
    const tag = name === '*' ? null : name.toLowerCase();
    const named: Test = tag ? (el) => el.name === tag : () => true;
    let test = named;
    if (containsAttr) {
      // XPath: a missing attribute reads as "", which contains only "".
      const attr = containsAttr.toLowerCase();
      const text = c1 ?? c2 ?? '';
      test = (el) => named(el) && (el.attribs[attr] ?? '').includes(text);
    } else if (equalsAttr) {
      // XPath: a missing attribute is an empty node set, equal to no string.
      const attr = equalsAttr.toLowerCase();
      const text = e1 ?? e2 ?? '';
      test = (el) => named(el) && el.attribs[attr] === text;
    }
    steps.push({ descendant: slashes === '//', test });
  }
  if (!steps.length) return null;
  if (at === source.length || !source.slice(at).trim()) return { steps };
  ATTRIBUTE_END.lastIndex = at;
  const end = ATTRIBUTE_END.exec(source);
  return end ? { steps, attribute: end[1].toLowerCase() } : null;
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

function parseSimple(expression: string): Path[] | null {
  const paths: Path[] = [];
  for (const part of unionParts(expression)) {
    const path = parsePath(part);
    if (!path) return null;
    paths.push(path);
  }
  // Elements and attributes, or two attributes, in one union: left to the package.
  return paths.every((p) => p.attribute === paths[0].attribute) ? paths : null;
}

/** The elements one path selects (any order; document order is restored by the caller). */
function selectPath(path: Path, doc: Document, into: Set<Element>): void {
  let context: ParentNode[] = [doc];
  for (const step of path.steps) {
    const next = new Set<Element>();
    // A context node inside another one was walked with it: its subtree is not walked twice.
    const walked = new Set<Element>();
    const walk = (nodes: AnyNode[]): void => {
      for (const n of nodes) {
        if (!isTag(n) || walked.has(n)) continue;
        walked.add(n);
        if (step.test(n)) next.add(n);
        walk(n.children);
      }
    };
    for (const node of context) {
      if (step.descendant) walk(node.children);
      else for (const c of node.children) if (isTag(c) && step.test(c)) next.add(c);
    }
    context = [...next];
  }
  for (const el of context as Element[]) if (!path.attribute || path.attribute in el.attribs) into.add(el);
}

const cache = new Map<string, Path[] | null>();

/** What a simple expression selects: elements in document order, or their `attribute`. */
export interface SimpleSelection {
  elements: Element[];
  /** Set when the expression ends in `/@name`: it selects that attribute of each element. */
  attribute?: string;
}

/** What a simple expression selects; null when the expression is not one. */
export function selectSimple(expression: string, doc: Document): SimpleSelection | null {
  let paths = cache.get(expression);
  if (paths === undefined) {
    paths = parseSimple(expression);
    if (cache.size > 1000) cache.clear();
    cache.set(expression, paths);
  }
  if (!paths) return null;
  const selected = new Set<Element>();
  for (const path of paths) selectPath(path, doc, selected);
  // Document order, each element once.
  const ordered: Element[] = [];
  if (selected.size) {
    const walk = (nodes: AnyNode[]): void => {
      for (const n of nodes) {
        if (!isTag(n)) continue;
        if (selected.has(n)) ordered.push(n);
        walk(n.children);
      }
    };
    walk(doc.children);
  }
  const attribute = paths[0].attribute;
  return attribute ? { elements: ordered, attribute } : { elements: ordered };
}
