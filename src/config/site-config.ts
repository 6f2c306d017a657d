/**
 * Site rules in the FiveFilters Full-Text RSS format (ftr-site-config: one `<host>.txt` per site,
 * `directive: value` lines, `#` comments). Pure: the runtime reads the files and passes their text.
 *
 * Read: body, title, author, date, strip, strip_id_or_class, strip_image_src, next_page_link,
 * single_page_link, find_string/replace_string (and `replace_string(find): replacement`),
 * http_header(name), test_url, prune, tidy, autodetect_on_failure. Other directives (logins,
 * test_contains, parser…) are kept as notes, never errors: rule files are shared with other tools.
 * `prune: no` keeps the rule's body as matched (yes, the default, cleans it like automatic
 * content); `tidy` is accepted and does nothing: Full-Text RSS runs HTML Tidy on the page first,
 * where the HTML5 parser here already repairs markup the way browsers do.
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
  /** Applied in order to the raw HTML before parsing. */
  replace: { find: string; replace: string }[];
  /** Request headers for this site's article pages (names lowercase). */
  httpHeaders: Record<string, string>;
  testUrls: string[];
  /** `prune`/`tidy`/`autodetect_on_failure` as written (yes/no), when given. */
  flags: Record<string, boolean>;
  /** Directives read but not applied, in words (`12: login_uri is not supported`). */
  notes: string[];
}

/** A rule file that cannot be read; `message` names the file and line. */
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
};
const FLAG_KEYS = new Set(['prune', 'tidy', 'autodetect_on_failure']);
const KNOWN_IGNORED = new Set([
  'test_contains', 'login_uri', 'login_username_field', 'login_password_field', 'login_extra_fields',
  'not_logged_in_xpath', 'requires_login', 'strip_attr', 'wrap_in', 'insert_detected_image',
  'convert_double_br_tags', 'native_ad_clue', 'dissolve', 'skip_json_ld', 'footnotes', 'parser',
  'autodetect_next_page', 'strip_comments', 'move_into', 'if_page_contains', 'skip_id_or_class',
  'src_lazy_load_attr', 'https', 'strip_image_src_lazy',
]);
// Header names a rule may not set: the fetcher owns them (conditional requests, framing, host).
const FORBIDDEN_HEADERS = /^(host|content-length|transfer-encoding|connection|if-none-match|if-modified-since|accept-encoding)$/i;

export function emptySiteRules(file: string): SiteRules {
  return {
    file, body: [], title: [], author: [], date: [], strip: [], stripIdOrClass: [], stripImageSrc: [],
    nextPageLink: [], singlePageLink: [], replace: [], httpHeaders: {}, testUrls: [], flags: {}, notes: [],
  };
}

/** Parse one rule file. Throws SiteConfigError (`file:line: what is wrong and what to write`). */
export function parseSiteConfig(text: string, file: string): SiteRules {
  if (text.length > DEFAULTS.maxSiteConfigBytes) {
    throw new SiteConfigError(`${file}: larger than ${DEFAULTS.maxSiteConfigBytes} characters; a rule file is a few lines per site`);
  }
  const rules = emptySiteRules(file);
  const finds: { value: string; line: number }[] = [];
  const replacements: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const at = `${file}:${i + 1}`;
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([a-z_]+)(?:\(([^)]*)\))?\s*:\s?(.*)$/i.exec(line);
    if (!m) throw new SiteConfigError(`${at}: expected "directive: value" (such as "body: //article"), got ${JSON.stringify(line.slice(0, 80))}`);
    const key = m[1].toLowerCase();
    const arg = m[2];
    const value = m[3].trim();
    if (key === 'http_header') {
      if (!arg || !/^[a-z0-9-]+$/i.test(arg)) throw new SiteConfigError(`${at}: http_header needs a header name in parentheses, such as "http_header(user-agent): …"`);
      if (FORBIDDEN_HEADERS.test(arg)) throw new SiteConfigError(`${at}: http_header(${arg}) cannot be set by a rule (the fetcher sets it)`);
      if (/[\r\n]/.test(value)) throw new SiteConfigError(`${at}: http_header(${arg}) value must be one line`);
      rules.httpHeaders[arg.toLowerCase()] = value;
      return;
    }
    if (key === 'replace_string' && arg !== undefined) {
      if (!arg) throw new SiteConfigError(`${at}: replace_string() needs the text to find in parentheses`);
      rules.replace.push({ find: arg, replace: m[3] });
      return;
    }
    if (key === 'find_string') {
      if (!m[3]) throw new SiteConfigError(`${at}: find_string needs the text to find`);
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
    const list = LIST_KEYS[key];
    if (list) {
      if (!value) throw new SiteConfigError(`${at}: ${key} needs a value`);
      (rules[list] as string[]).push(value);
    } else if (FLAG_KEYS.has(key)) {
      const flag = /^(yes|true)$/i.test(value) ? true : /^(no|false)$/i.test(value) ? false : null;
      if (flag === null) throw new SiteConfigError(`${at}: ${key} must be yes or no, got ${JSON.stringify(value)}`);
      rules.flags[key] = flag;
    } else if (KNOWN_IGNORED.has(key)) {
      rules.notes.push(`${i + 1}: ${key} is not supported; ignored`);
    } else {
      rules.notes.push(`${i + 1}: unknown directive ${key}; ignored`);
    }
  });
  // find_string/replace_string pair up in order, as FTR reads them.
  if (finds.length !== replacements.length) {
    const extra = finds[replacements.length];
    throw new SiteConfigError(extra
      ? `${file}:${extra.line}: find_string without a matching replace_string (write one replace_string per find_string, in order)`
      : `${file}: ${replacements.length - finds.length} replace_string line(s) without a find_string before them`);
  }
  finds.forEach((f, k) => rules.replace.push({ find: f.value, replace: replacements[k] }));
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
  out.notes = [...site.notes, ...fallback.notes];
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
