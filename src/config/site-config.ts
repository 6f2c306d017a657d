/**
 * Site rules in the FiveFilters Full-Text RSS format (ftr-site-config: one `<host>.txt` per site,
 * `directive: value` lines, `#` comments). Pure: the runtime reads the files and passes their text.
 *
 * Applied: body, title, author, date, strip (and its alias strip_attr: an expression selecting
 * attributes removes them), strip_id_or_class, strip_image_src, next_page_link, single_page_link
 * (each with an optional if_page_contains condition on the line after it), wrap_in(tag), dissolve,
 * find_string/replace_string (and `replace_string(find): replacement`), http_header(name),
 * src_lazy_load_attr, skip_json_ld, convert_double_br_tags, prune, native_ad_clue (a page any of
 * its expressions selects something on is a native ad: its item gets the category "Native Ad", as
 * Full-Text RSS flags it). Accepted as no-ops: tidy
 * (Full-Text RSS runs HTML Tidy first; the HTML5 parser here already repairs markup the way
 * browsers do), strip_comments (comments never reach content), insert_detected_image (the page's
 * image is the item's image, never inserted into the text), autodetect_on_failure (automatic
 * extraction always backs rules up). Read: test_url and test_contains (checks for tests). Other directives (logins, test_contains,
 * parser…) are kept as notes.
 *
 * Read the way Full-Text RSS reads a file, which thousands of shared files were written against:
 * a line it would skip (no `directive: value`, an empty value, a find_string without its
 * replace_string) is skipped here too, never failing the whole file, and kept in `problems` (file
 * and line, for the run's warnings: in a file of one's own such a line is usually a typo).
 */
import { DEFAULTS } from '../defaults.ts';

export interface SiteRules {
  /** Where the rules came from (file names, joined with " + " when merged with global.txt). */
  file: string;
  body: string[];
  title: string[];
  author: string[];
  date: string[];
  strip: string[];
  stripIdOrClass: string[];
  stripImageSrc: string[];
  nextPageLink: string[];
  singlePageLink: string[];
  /** `native_ad_clue`: expressions that, selecting anything on a page, say it is a native ad. */
  nativeAdClue: string[];
  /** Applied in order to the raw HTML before parsing. */
  replace: { find: string; replace: string }[];
  /** Request headers for this site's article pages (names lowercase). */
  httpHeaders: Record<string, string>;
  testUrls: string[];
  /** `test_contains` lines, by the test_url they follow: text the article of that page must hold. */
  testContains: Record<string, string[]>;
  /** `if_page_contains` conditions: a link expression counts only when its condition selects something. */
  linkConditions: { singlePageLink: Record<string, string>; nextPageLink: Record<string, string> };
  /** `wrap_in(tag): expression`: matched elements are wrapped in a new `tag` element. */
  wrapIn: { tag: string; expression: string }[];
  /** `dissolve`: matched elements are replaced by their children. */
  dissolve: string[];
  /** `src_lazy_load_attr`: an image attribute holding the real source (lazy loading). */
  lazySrcAttribute: string | null;
  /** yes/no directives as written (prune, tidy, skip_json_ld, convert_double_br_tags…), when given. */
  flags: Record<string, boolean>;
  /** Directives read but not applied, in words (`12: login_uri is not supported`). */
  notes: string[];
  /** Lines skipped as Full-Text RSS skips them, named with file and line (for warnings). */
  problems: string[];
}

/** A rule file that cannot be read at all (too large); `message` names the file. */
export class SiteConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteConfigError';
  }
}

const LIST_KEYS: Record<string, keyof SiteRules> = {
  body: 'body', title: 'title', author: 'author', date: 'date', strip: 'strip',
  strip_id_or_class: 'stripIdOrClass', strip_image_src: 'stripImageSrc',
  next_page_link: 'nextPageLink', single_page_link: 'singlePageLink', test_url: 'testUrls',
  native_ad_clue: 'nativeAdClue',
};
/** Directives other than the lists that an expression list of their own stands for. */
const ALIASES: Record<string, string> = { strip_attr: 'strip' };
const FLAG_KEYS = new Set([
  'prune', 'tidy', 'autodetect_on_failure', 'skip_json_ld', 'convert_double_br_tags', 'strip_comments', 'insert_detected_image',
]);
const KNOWN_IGNORED = new Set([
  'login_uri', 'login_username_field', 'login_password_field', 'login_extra_fields',
  'not_logged_in_xpath', 'requires_login', 'footnotes', 'parser', 'autodetect_next_page',
  'move_into', 'skip_id_or_class', 'https', 'strip_image_src_lazy', 'post_strip_attr',
]);
/**
 * Tags `wrap_in` may create: content tags the sanitizer keeps (a wrapper it dropped would do
 * nothing). Full-Text RSS's own list is shorter (blockquote, p, div); files also use h2, em, i…
 */
const WRAP_TAGS = new Set([
  'blockquote', 'p', 'div', 'section', 'figure', 'figcaption', 'h2', 'h3', 'h4', 'h5', 'h6',
  'em', 'i', 'strong', 'b', 'small', 'pre', 'code', 'q', 'cite', 'span',
]);
// Header names a rule may not set: the fetcher owns them (conditional requests, framing, host).
const FORBIDDEN_HEADERS = /^(host|content-length|transfer-encoding|connection|if-none-match|if-modified-since|accept-encoding)$/i;

export function emptySiteRules(file: string): SiteRules {
  return {
    file, body: [], title: [], author: [], date: [], strip: [], stripIdOrClass: [], stripImageSrc: [],
    nextPageLink: [], singlePageLink: [], nativeAdClue: [], replace: [], httpHeaders: {}, testUrls: [], testContains: {},
    linkConditions: { singlePageLink: {}, nextPageLink: {} }, wrapIn: [], dissolve: [], lazySrcAttribute: null,
    flags: {}, notes: [], problems: [],
  };
}

/**
 * Parse one rule file. Lines Full-Text RSS would skip are skipped and named in `problems`; throws
 * SiteConfigError only for a file too large to be a rule file.
 */
export function parseSiteConfig(text: string, file: string): SiteRules {
  if (text.length > DEFAULTS.maxSiteConfigBytes) {
    throw new SiteConfigError(`${file}: larger than ${DEFAULTS.maxSiteConfigBytes} characters; a rule file is a few lines per site`);
  }
  const rules = emptySiteRules(file);
  const finds: { value: string; line: number }[] = [];
  const replacements: string[] = [];
  // The link expression an if_page_contains line conditions (the last one before it).
  let lastLink: { list: 'singlePageLink' | 'nextPageLink'; expression: string } | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const at = `${file}:${i + 1}`;
    const skip = (why: string) => rules.problems.push(`${at}: ${why}; line ignored`);
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    // `name: value` or `name(argument): value`; an argument may hold parentheses and colons.
    const m = /^([a-z_]+)(?:\((.*?)\))?\s*:\s?(.*)$/is.exec(line);
    if (!m) return skip(`expected "directive: value" (such as "body: //article"), got ${JSON.stringify(line.slice(0, 80))}`);
    const key = m[1].toLowerCase();
    const arg = m[2];
    const value = m[3].trim();
    if (key === 'http_header') {
      if (!arg || !/^[a-z0-9-]+$/i.test(arg)) return skip('http_header needs a header name in parentheses, such as "http_header(user-agent): …"');
      if (FORBIDDEN_HEADERS.test(arg)) return skip(`http_header(${arg}) cannot be set by a rule (the fetcher sets it)`);
      rules.httpHeaders[arg.toLowerCase()] = value;
      return;
    }
    if (key === 'replace_string' && arg !== undefined) {
      if (!arg) return skip('replace_string() needs the text to find in parentheses');
      rules.replace.push({ find: arg, replace: m[3] });
      return;
    }
    if (key === 'wrap_in' && arg !== undefined) {
      const tag = arg.trim().toLowerCase();
      if (!WRAP_TAGS.has(tag)) return skip(`wrap_in(${arg}): a wrapper must be one of ${[...WRAP_TAGS].join(', ')}`);
      if (!value) return skip(`wrap_in(${tag}) needs an expression`);
      rules.wrapIn.push({ tag, expression: value });
      return;
    }
    if (key === 'find_string') {
      if (!m[3]) return skip('find_string needs the text to find');
      finds.push({ value: m[3], line: i + 1 });
      return;
    }
    if (key === 'replace_string') {
      replacements.push(m[3]);
      return;
    }
    if (arg !== undefined) {
      rules.notes.push(`${i + 1}: ${key}(${arg}) is not supported; ignored`);
      return;
    }
    const list = LIST_KEYS[ALIASES[key] ?? key];
    if (list) {
      if (!value) return skip(`${key} needs a value`);
      (rules[list] as string[]).push(value);
      if (list === 'singlePageLink' || list === 'nextPageLink') lastLink = { list, expression: value };
    } else if (key === 'if_page_contains') {
      if (!value) return skip('if_page_contains needs an expression');
      // As Full-Text RSS: it conditions the single_page_link (else next_page_link) written last before it.
      if (!lastLink) return skip('if_page_contains must follow the single_page_link or next_page_link it conditions');
      rules.linkConditions[lastLink.list][lastLink.expression] = value;
    } else if (key === 'test_contains') {
      const url = rules.testUrls.at(-1);
      if (!value) return skip('test_contains needs the text the test page must hold');
      if (!url) return skip('test_contains must follow the test_url it checks');
      (rules.testContains[url] ??= []).push(value);
    } else if (key === 'dissolve') {
      if (!value) return skip('dissolve needs an expression');
      rules.dissolve.push(value);
    } else if (key === 'src_lazy_load_attr') {
      if (!/^[a-z][a-z0-9_:.-]*$/i.test(value)) return skip(`src_lazy_load_attr must name an attribute, got ${JSON.stringify(value)}`);
      rules.lazySrcAttribute = value.toLowerCase();
    } else if (FLAG_KEYS.has(key)) {
      const flag = /^(yes|true)$/i.test(value) ? true : /^(no|false)$/i.test(value) ? false : null;
      if (flag === null) return skip(`${key} must be yes or no, got ${JSON.stringify(value)}`);
      rules.flags[key] = flag;
    } else if (KNOWN_IGNORED.has(key)) {
      rules.notes.push(`${i + 1}: ${key} is not supported; ignored`);
    } else {
      skip(`unknown directive ${key}`);
    }
  });
  // find_string/replace_string pair up in order, as Full-Text RSS reads them; with uneven counts
  // which goes with which is unknown, so none is applied (as Full-Text RSS does).
  if (finds.length !== replacements.length) {
    const extra = finds[replacements.length];
    rules.problems.push(extra
      ? `${file}:${extra.line}: find_string without a matching replace_string (write one replace_string per find_string, in order); no find_string of the file applied`
      : `${file}: ${replacements.length - finds.length} replace_string line(s) without a find_string before them; no find_string of the file applied`);
  } else {
    finds.forEach((f, k) => rules.replace.push({ find: f.value, replace: replacements[k] }));
  }
  return rules;
}

/**
 * Site rules followed by fallback rules (global.txt): lists are joined (the site's expressions
 * tried first), the site's headers and flags win.
 */
export function mergeSiteRules(site: SiteRules, fallback: SiteRules): SiteRules {
  const out = emptySiteRules(`${site.file} + ${fallback.file}`);
  for (const key of Object.values(LIST_KEYS)) (out[key] as string[]) = [...(site[key] as string[]), ...(fallback[key] as string[])];
  out.replace = [...site.replace, ...fallback.replace];
  out.httpHeaders = { ...fallback.httpHeaders, ...site.httpHeaders };
  out.flags = { ...fallback.flags, ...site.flags };
  for (const list of ['singlePageLink', 'nextPageLink'] as const) {
    out.linkConditions[list] = { ...fallback.linkConditions[list], ...site.linkConditions[list] };
  }
  out.wrapIn = [...site.wrapIn, ...fallback.wrapIn];
  out.dissolve = [...site.dissolve, ...fallback.dissolve];
  out.lazySrcAttribute = site.lazySrcAttribute ?? fallback.lazySrcAttribute;
  out.testContains = { ...fallback.testContains, ...site.testContains };
  out.notes = [...site.notes, ...fallback.notes];
  out.problems = [...site.problems, ...fallback.problems];
  return out;
}

export const GLOBAL_RULES_FILE = 'global.txt';

/**
 * The rule files that may hold a host's rules, most specific first, as Full-Text RSS looks them
 * up: the host itself without `www.` (`example.com.txt` serves example.com and www.example.com),
 * then wildcard files for each parent domain (`.example.com.txt` serves news.example.com and
 * a.news.example.com, never example.com itself). global.txt is the caller's fallback.
 */
export function siteConfigCandidates(host: string): string[] {
  const h = host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  if (!h || /[/\\]|\.\./.test(h)) return [];
  const names = [`${h}.txt`];
  const parts = h.split('.');
  for (let i = 1; i < parts.length - 1; i++) names.push(`.${parts.slice(i).join('.')}.txt`);
  return names;
}
