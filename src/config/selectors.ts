/**
 * Configured CSS selectors and the `sel@attr` form: the one place that splits and checks them.
 * Config stores the split form (`FieldSelector`); the list and extract stages read it as is, and
 * their library entry points accept the written form too, converted here.
 */
import { load } from 'cheerio';
import { errorMessage } from '../utils/errors.ts';
import type { FieldSelector } from './types.ts';

/**
 * `sel@attr`: the last `@` followed by an attribute name running to the end. An `@` inside an
 * attribute value (`span[data-x="a@b"]`, `meta[content*="@"]`) is not followed by one.
 */
const ATTR_SUFFIX = /^(.*?)@([A-Za-z_:][-A-Za-z0-9_:.]*)$/;

/** Split `sel@attr` / `@attr` / `sel` (trimmed). Never throws; see `selectorProblem` for checks. */
export function parseSelector(spec: string): FieldSelector {
  const m = ATTR_SUFFIX.exec(spec.trim());
  return m ? { selector: m[1].trim(), attr: m[2] } : { selector: spec.trim(), attr: null };
}

/** A selector as written in the config, for messages: `h2 a@href`, `@data-url`, `.title`. */
export function selectorText(sel: FieldSelector | string): string {
  if (typeof sel === 'string') return sel;
  return sel.attr === null ? sel.selector : `${sel.selector}@${sel.attr}`;
}

/** The split form of a selector given either way (library callers may pass the written form). */
export function fieldSelector(sel: FieldSelector | string): FieldSelector {
  return typeof sel === 'string' ? parseSelector(sel) : sel;
}

// A detached document to compile selectors against; cheerio throws on invalid syntax.
let selectorProbe: ReturnType<typeof load> | undefined;

/**
 * Why `spec` is unusable, or null. `allowAttr`: whether `sel@attr` may read an attribute (listing
 * fields and article title/date/author may; `item`, `content` and `remove` select elements).
 */
export function selectorProblem(spec: string, options: { allowAttr: boolean }): string | null {
  const { selector, attr } = parseSelector(spec);
  if (attr !== null && !options.allowAttr) return `"${spec}": an attribute (@${attr}) is not allowed here`;
  if (selector === '') return attr !== null ? null : 'must not be empty';
  try {
    selectorProbe ??= load('<html></html>');
    selectorProbe.root().find(selector);
    return null;
  } catch (err) {
    return `invalid CSS selector "${spec}": ${errorMessage(err).trim()}`;
  }
}
