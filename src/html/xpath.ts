/**
 * XPath 1.0 over the parsed tree (domhandler, from parse.ts), with the `xpath` package (pure
 * JavaScript, runs on Node and Workers).
 *
 * `xpath` walks W3C-DOM-shaped objects (nodeType, nodeName, firstChild, attributes…); domhandler
 * nodes have some of those names but not attribute nodes nor `nodeName`. A thin read-only view is
 * built lazily per node, one per node so that identity comparisons (document order, unions) hold.
 * Results are returned as the domhandler nodes themselves (attributes and text as strings). The
 * expressions rule files write most are read without the package (xpath-simple.ts).
 */
import type { AnyNode, Document, Element } from 'domhandler';
import * as xpath from 'xpath';
import { selectSimple } from './xpath-simple.ts';

type Raw = AnyNode | Document;

const NODE_TYPES: Record<string, number> = {
  tag: 1, script: 1, style: 1, text: 3, cdata: 4, directive: 7, comment: 8, root: 9,
};

class AttrView {
  readonly nodeType = 2;
  readonly namespaceURI = null;
  readonly prefix = null;
  readonly parentNode = null;
  readonly firstChild = null;
  readonly nextSibling = null;
  readonly previousSibling = null;
  constructor(readonly ownerElement: NodeView, readonly nodeName: string, readonly value: string) {}
  get localName(): string { return this.nodeName; }
  get name(): string { return this.nodeName; }
  get nodeValue(): string { return this.value; }
  get ownerDocument(): NodeView { return this.ownerElement.ownerDocument; }
  compareDocumentPosition(other: NodeView | AttrView): number { return this.ownerElement.evaluation.compare(this, other); }
}

/**
 * One evaluation: its node views (one per node, so that identity comparisons hold), document
 * order, and the steps taken.
 * - Order: the package orders a node set (to sort it, to merge it) by comparing nodes two at a
 *   time; without `compareDocumentPosition` it finds two siblings' order by scanning their
 *   parent's children, and sorting 8,000 siblings that way took seconds (`//span[1]` on a long
 *   page: the square of the siblings, times a logarithm). Nodes are numbered in one walk, when
 *   first compared.
 * - Steps: each node the package moves to counts one. Some expressions cost the square of a
 *   parent's children however they are evaluated (`//p[following-sibling::span]` gathers every
 *   later sibling of every `<p>`); past `maxSteps` the evaluation stops with an error, which the
 *   caller reports as it reports an expression that cannot be parsed.
 */
class Evaluation {
  private readonly views = new WeakMap<object, NodeView>();
  private index?: Map<Raw, number>;
  private steps = 0;

  constructor(readonly root: Raw, private readonly maxSteps: number) {}

  view(n: Raw | null | undefined): NodeView | null {
    if (!n) return null;
    if (++this.steps > this.maxSteps) {
      throw new Error(`stopped after ${this.maxSteps.toLocaleString('en-US')} steps through the page (its cost grows faster than the page)`);
    }
    let v = this.views.get(n);
    if (!v) {
      v = new NodeView(n, this);
      this.views.set(n, v);
    }
    return v;
  }

  /** Position of a node in document order (attributes right after their element, in their order). */
  private key(n: NodeView | AttrView): [number, number] {
    this.index ??= preorder(this.root);
    if (n instanceof AttrView) return [this.index.get(n.ownerElement.raw) ?? -1, n.ownerElement.attributes.indexOf(n) + 1];
    return [this.index.get(n.raw) ?? -1, 0];
  }

  /** `compareDocumentPosition`'s answer for the bits the package reads: 2, other first; 4, other after. */
  compare(self: NodeView | AttrView, other: NodeView | AttrView): number {
    if (self === other) return 0;
    const [a, ai] = this.key(self);
    const [b, bi] = this.key(other);
    if (a < 0 || b < 0) return 1; // not in this tree
    return b < a || (b === a && bi < ai) ? 2 : 4;
  }
}

/** Every node under `root` (itself included) → its position in a pre-order walk. */
function preorder(root: Raw): Map<Raw, number> {
  const index = new Map<Raw, number>();
  const stack: Raw[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    index.set(n, index.size);
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return index;
}

class NodeView {
  readonly namespaceURI = null;
  readonly prefix = null;
  private attrs?: AttrView[] & { item(i: number): AttrView };
  private kids?: NodeView[];
  constructor(readonly raw: Raw, readonly evaluation: Evaluation) {}

  private view(n: Raw | null | undefined): NodeView | null {
    return this.evaluation.view(n);
  }
  get nodeType(): number { return NODE_TYPES[this.raw.type] ?? 8; }
  get nodeName(): string {
    const r = this.raw as Element;
    if (this.nodeType === 1) return r.name;
    return this.nodeType === 3 ? '#text' : this.nodeType === 9 ? '#document' : '#comment';
  }
  get localName(): string | null { return this.nodeType === 1 ? (this.raw as Element).name : null; }
  get tagName(): string { return this.nodeName; }
  get nodeValue(): string | null {
    return this.nodeType === 3 || this.nodeType === 4 || this.nodeType === 8 ? String((this.raw as { data?: string }).data ?? '') : null;
  }
  get data(): string | null { return this.nodeValue; }
  get parentNode(): NodeView | null { return this.view(this.raw.parent as Raw | null); }
  get childNodes(): NodeView[] {
    this.kids ??= ('children' in this.raw ? this.raw.children : []).map((c) => this.view(c)!);
    return this.kids;
  }
  get firstChild(): NodeView | null { return this.childNodes[0] ?? null; }
  get lastChild(): NodeView | null { return this.childNodes.at(-1) ?? null; }
  get nextSibling(): NodeView | null { return this.view(this.raw.next as Raw | null); }
  get previousSibling(): NodeView | null { return this.view(this.raw.prev as Raw | null); }
  get ownerDocument(): NodeView { return this.view(this.evaluation.root)!; }
  get documentElement(): NodeView | null {
    return this.childNodes.find((c) => c.nodeType === 1) ?? null;
  }
  get attributes(): AttrView[] & { item(i: number): AttrView } {
    if (!this.attrs) {
      const list = Object.entries(this.nodeType === 1 ? (this.raw as Element).attribs : {}).map(([k, v]) => new AttrView(this, k, v));
      this.attrs = Object.assign(list, { item: (i: number) => list[i] });
    }
    return this.attrs;
  }
  getAttribute(name: string): string | null { return this.nodeType === 1 ? ((this.raw as Element).attribs[name] ?? null) : null; }
  getAttributeNS(_ns: string | null, name: string): string | null { return this.getAttribute(name); }
  compareDocumentPosition(other: NodeView | AttrView): number { return this.evaluation.compare(this, other); }
}

/** The members of the package's node set that `fasterNodeSets` relies on (not in its typings). */
interface NodeSetInternals {
  nodes: unknown[];
  size: number;
  tree: unknown;
  init(): void;
  add(n: unknown): void;
  toUnsortedArray(): unknown[];
}

/**
 * The package's node sets drop a duplicate by comparing each node added with every node already in
 * the set (a defect reported upstream, goto100/xpath#97): a step or predicate that gathers k nodes
 * costs k², for each context node, and `//p[following-sibling::span]` over 8,000 siblings ran for
 * minutes. Installed once: the same check with a Set, kept for the array it was built from (`init`
 * gives a set a new one). If the package's node set lacks those members, or the probe gives
 * another answer, the stock `add` stays.
 */
function fasterNodeSets(): void {
  // Not among the named exports Node finds in the package's CommonJS: read from its default export.
  type Exports = { XNodeSet?: new () => NodeSetInternals };
  const NodeSet = (xpath as unknown as Exports).XNodeSet ?? (xpath as unknown as { default?: Exports }).default?.XNodeSet;
  const proto = NodeSet?.prototype;
  if (!NodeSet || !proto || typeof proto.add !== 'function' || typeof proto.init !== 'function') return;
  const stock = proto.add;
  const seen = new WeakMap<unknown[], Set<unknown>>();
  proto.add = function (this: NodeSetInternals, n: unknown): void {
    let members = seen.get(this.nodes);
    if (!members) seen.set(this.nodes, (members = new Set(this.nodes)));
    if (members.has(n)) return;
    members.add(n);
    this.tree = null;
    this.nodes.push(n);
    this.size += 1;
  };
  try {
    const probe = new NodeSet();
    const [a, b] = [{}, {}];
    for (const n of [a, b, a]) probe.add(n);
    const [first, second] = probe.toUnsortedArray();
    if (probe.size === 2 && first === a && second === b) return;
  } catch {
    /* fall through: the stock add */
  }
  proto.add = stock;
}

fasterNodeSets();

/**
 * Steps one evaluation may take (see `Evaluation`): about a second here. Every expression of
 * ftr-site-config's 2,040 files took at most 220,000 on the 20 largest corpus pages (up to 10,900
 * nodes), but one: `//a[text()=//div[@id='content']/div/h1/text()]`, which reads the whole page
 * again for each link (13.5 million steps, 19 s, on the largest).
 */
const MAX_STEPS = 1_000_000;

/** What an expression selects: nodes of the tree, attribute values, or a computed value. */
export type XPathResult =
  | { kind: 'nodes'; nodes: AnyNode[]; values: string[]; attributes: { element: Element; name: string }[] }
  | { kind: 'value'; value: string | number | boolean };

/**
 * Evaluate an XPath 1.0 expression against a parsed document. Throws (with xpath's message) when
 * the expression cannot be parsed or evaluated. `values` holds each selected node's string value
 * (attributes' too); `attributes` the selected attributes, by element and name.
 */
export function evaluateXPath(expression: string, doc: Document, maxSteps = MAX_STEPS): XPathResult {
  const simple = selectSimple(expression, doc);
  if (simple) {
    const { elements, attribute } = simple;
    return attribute
      ? { kind: 'nodes', nodes: [], values: elements.map((el) => el.attribs[attribute]), attributes: elements.map((element) => ({ element, name: attribute })) }
      : { kind: 'nodes', nodes: elements, values: elements.map(stringValue), attributes: [] };
  }
  // Views cache children and the tree may have been edited since the last call: fresh ones.
  const rootView = new Evaluation(doc, maxSteps).view(doc)!;
  const result = xpath.select(descendantSteps(withoutCallSpaces(expression)), rootView as unknown as Node) as unknown;
  if (!Array.isArray(result)) return { kind: 'value', value: result as string | number | boolean };
  const nodes: AnyNode[] = [];
  const values: string[] = [];
  const attributes: { element: Element; name: string }[] = [];
  for (const r of result as (NodeView | AttrView)[]) {
    if (r instanceof AttrView) {
      values.push(r.value);
      attributes.push({ element: r.ownerElement.raw as Element, name: r.nodeName });
    } else {
      nodes.push(r.raw as AnyNode);
      values.push(stringValue(r.raw));
    }
  }
  return { kind: 'nodes', nodes, values, attributes };
}

function stringValue(n: Raw): string {
  if ('data' in n && typeof n.data === 'string') return n.data;
  return 'children' in n ? n.children.map(stringValue).join('') : '';
}

// `//name[…]` as `/descendant::name[…]`: the same nodes when no predicate is positional, and the
// xpath package evaluates the second form several times faster (it walks each node's children
// from every node otherwise). Rule files write `//div[@class='x']` almost everywhere.
const STEP = /\/\/(?=(?:[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?|\*)(?![\w.:-]*\s*(?:::|\()))/g;
// What can make a predicate positional (a number): numbers, arithmetic and the numeric functions.
const POSITIONAL = /\d|last\s*\(|position\s*\(|count\s*\(|sum\s*\(|string-length|number\s*\(|floor|ceiling|round|[+*]|\s-|-\s|\bdiv\b|\bmod\b/;

// XPath allows space between a function's name and its "(" (`contains (@href, "x")`, written in
// shared rule files); the xpath package does not. The names of XPath 1.0's functions and node
// tests, never the operators (`and (`, `or (`, `div (`, `mod (` are operators before a group).
const CALL_SPACE = /(?<![\w.:-])(last|position|count|id|local-name|namespace-uri|name|string|concat|starts-with|contains|substring-before|substring-after|substring|string-length|normalize-space|translate|boolean|not|true|false|lang|number|sum|floor|ceiling|round|text|node|comment|processing-instruction)\s+\(/g;

/** The expression without spaces between function names and their "(" (outside string literals). */
export function withoutCallSpaces(expression: string): string {
  if (!/[\w-]\s+\(/.test(expression)) return expression;
  return expression.split(/('[^']*'|"[^"]*")/).map((part, i) => (i % 2 ? part : part.replace(CALL_SPACE, '$1('))).join('');
}

/** The expression with `//` steps rewritten where that is safe (outside string literals). */
export function descendantSteps(expression: string): string {
  if (!expression.includes('//')) return expression;
  // Predicates of the whole expression, literals left out: one positional predicate anywhere keeps it as written.
  const code = expression.replace(/'[^']*'|"[^"]*"/g, "''");
  const predicates = code.match(/\[[^\]]*\]/g) ?? [];
  if (predicates.some((p) => POSITIONAL.test(p.replace(/''/g, '')))) return expression;
  return expression.split(/('[^']*'|"[^"]*")/).map((part, i) => (i % 2 ? part : part.replace(STEP, '/descendant::'))).join('');
}
