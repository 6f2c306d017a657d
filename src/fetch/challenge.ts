/**
 * Is this response a bot wall rather than the page? Recognizes blocking statuses (401/403/429/451),
 * bot challenges and interstitials (Cloudflare "Just a moment…", captcha pages: reCAPTCHA, hCaptcha,
 * Turnstile) and the "Access denied" pages of common WAFs (Akamai, Imperva/Incapsula, Sucuri,
 * DataDome, PerimeterX/HUMAN, AWS WAF, DDoS-Guard, Vercel), from the status, headers and body.
 *
 * A 200 body counts only when it is a thin page (little visible text) with a vendor's markup or
 * a challenge's <title>, or carries a vendor's challenge script (never found in prose): an article that mentions "captcha", or an article page
 * with a reCAPTCHA comment form, is not a wall. Pure: strings in, a verdict out.
 */
import { FetchError } from './types.ts';
import type { FetchResult } from './types.ts';
import { collapseSpace } from '../utils/text.ts';

/** Statuses that mean "not for you" rather than "broken": blocked, not failing. */
export const BLOCKING_STATUSES: ReadonlySet<number> = new Set([401, 403, 429, 451]);

export interface ResponseSample {
  status: number;
  /** Response headers; a `Headers` or a plain map (any case). */
  headers?: Headers | Record<string, string | null | undefined>;
  /** Body text (may be empty or cut short). */
  body?: string;
}

export interface Challenge {
  /** `status`: a blocking status; `challenge`: a JS/interstitial check; `captcha`; `denied`: a WAF block page. */
  kind: 'status' | 'challenge' | 'captcha' | 'denied';
  /** Who answered, when recognizable (`Cloudflare`, `Akamai`, …), else null. */
  provider: string | null;
  /** A sentence for people: "Cloudflare bot challenge (\"Just a moment…\")". */
  reason: string;
}

/** A page with more visible text than this is content, whatever markup it carries. */
const THIN_TEXT_CHARS = 1500;
/** Only the start of a large body is inspected: walls are small. */
const SCAN_CHARS = 256 * 1024;

interface Rule {
  provider: string;
  kind: Challenge['kind'];
  what: string;
  /** Headers that by themselves mean a wall (lower-case name → value pattern). */
  blocks?: [string, RegExp][];
  /** Headers that only name the vendor in front of the site (used to name who sent a blocking status). */
  headers?: [string, RegExp][];
  /** Patterns of the body's markup (attributes, script sources, inline script names). */
  markup?: RegExp[];
  /** Patterns of the <title>. */
  title?: RegExp[];
  /** Markup strong enough to count on a page of any size (never found in prose). */
  strong?: RegExp[];
  /** A captcha widget: also found in comment and contact forms, so never on a page with an <article>. */
  widget?: boolean;
}

const RULES: Rule[] = [
  {
    provider: 'Cloudflare', kind: 'challenge', what: 'bot challenge',
    blocks: [['cf-mitigated', /challenge/i]],
    headers: [['cf-ray', /./]],
    strong: [/window\._cf_chl_opt\b/, /\/cdn-cgi\/challenge-platform\/h\//],
    markup: [/\bcf-chl-|\bcf_chl_|challenge-form|\bcf-browser-verification\b/],
    title: [/^just a moment(?:\.\.\.|…)?$/i, /^please wait\.\.\. \| cloudflare/i],
  },
  {
    provider: 'Cloudflare', kind: 'denied', what: 'block page',
    title: [/^attention required! \| cloudflare/i],
    // Its own wording: searched alone, as a phrase after a marker would be searched from every marker.
    markup: [/\bcf-error-details\b|\bsorry, you have been blocked\b/i],
  },
  {
    provider: 'DataDome', kind: 'captcha', what: 'bot check',
    headers: [['x-datadome', /./], ['x-dd-b', /./]],
    strong: [/<(?:script|iframe)\b[^<>]{0,2000}\bsrc=["'][^"'<>]{0,500}captcha-delivery\.com/i, /var dd\s*=\s*\{[^}]{0,300}'cid'/],
  },
  {
    provider: 'PerimeterX', kind: 'captcha', what: 'bot check',
    strong: [/window\._pxAppId\b|_pxCaptcha|\bid=["']px-captcha["']|captcha\.px-cdn\.net/],
    title: [/^access to this page has been denied/i],
  },
  {
    provider: 'Imperva', kind: 'denied', what: 'block page',
    headers: [['x-iinfo', /./], ['x-cdn', /incapsula/i]],
    strong: [/\/_Incapsula_Resource\?/],
    markup: [/Incapsula incident ID/i],
  },
  {
    provider: 'Akamai', kind: 'denied', what: 'block page',
    headers: [['server', /akamaighost/i]],
    markup: [/errors(?:\.|&#46;)edgesuite(?:\.|&#46;)net|Reference(?: |&#32;)(?:#|&#35;)\d+(?:\.|&#46;)[0-9a-f]+/i],
  },
  {
    provider: 'Sucuri', kind: 'denied', what: 'firewall block page',
    blocks: [['x-sucuri-block', /./]],
    headers: [['x-sucuri-id', /./], ['server', /sucuri|cloudproxy/i]],
    markup: [/sucuri website firewall|cdn\.sucuri\.net|sucuri\.net\/privacy-policy/i],
  },
  {
    provider: 'AWS WAF', kind: 'challenge', what: 'bot challenge',
    blocks: [['x-amzn-waf-action', /challenge|captcha/i]],
    strong: [/window\.gokuProps\b|awswaf\.com\/[^"'<>]{0,500}\/challenge\.js/],
  },
  {
    provider: 'DDoS-Guard', kind: 'challenge', what: 'bot check',
    title: [/^ddos-guard$/i],
    markup: [/check\.ddos-guard\.net|ddos-guard\.net\/[^"'<>]{0,500}\.js/i],
  },
  {
    provider: 'Vercel', kind: 'challenge', what: 'security checkpoint',
    blocks: [['x-vercel-mitigated', /challenge/i]],
    title: [/^vercel security checkpoint/i],
  },
  {
    provider: 'reCAPTCHA', kind: 'captcha', what: 'captcha page', widget: true,
    markup: [/\bclass=["'][^"'<>]{0,500}\bg-recaptcha\b|google\.com\/recaptcha\/|recaptcha\.net\/recaptcha\//i],
  },
  {
    provider: 'hCaptcha', kind: 'captcha', what: 'captcha page', widget: true,
    markup: [/\bclass=["'][^"'<>]{0,500}\bh-captcha\b|js\.hcaptcha\.com\//i],
  },
  {
    provider: 'Turnstile', kind: 'captcha', what: 'captcha page', widget: true,
    markup: [/\bclass=["'][^"'<>]{0,500}\bcf-turnstile\b|challenges\.cloudflare\.com\/turnstile\//i],
  },
];

/** A whole title, optionally followed by " | site" or " - site". */
const wholeTitle = (phrases: string): RegExp => new RegExp(`^(?:${phrases})[.!?…]*(?:\\s+[|–—-]\\s+.*)?$`, 'i');
/** Titles of walls that name no vendor. */
const GENERIC_TITLES: [RegExp, Challenge['kind']][] = [
  [wholeTitle('access denied|403 forbidden|forbidden|request blocked|you have been blocked'), 'denied'],
  [wholeTitle('are you a (?:robot|human)|verify(?:ing)? you are (?:a )?human|human verification|captcha|security check|bot check|one more step'), 'captcha'],
  [wholeTitle('checking your browser(?: before accessing .*)?|one moment,? please|please wait|verifying'), 'challenge'],
];

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'Too Many Requests', 451: 'Unavailable For Legal Reasons' };

/** The wall this response is, or null for an ordinary response. */
export function detectChallenge(response: ResponseSample): Challenge | null {
  const header = headerReader(response.headers);
  const { match, wall } = readBody(response, header);
  if (BLOCKING_STATUSES.has(response.status)) {
    const provider = match?.provider ?? RULES.find((r) => r.headers?.some(([name, re]) => re.test(header(name))))?.provider ?? null;
    const by = provider ? ` (${provider})` : '';
    return { kind: 'status', provider, reason: `HTTP ${response.status} ${STATUS_TEXT[response.status]}${by}` };
  }
  return wall;
}

/**
 * The wall an error answer (a status the fetcher fails on) is, by its body: Cloudflare's old 503
 * "Just a moment…", a 403 captcha page. Only a vendor's wall counts (an ordinary "403 Forbidden"
 * or "Please wait" maintenance page is an error page), and with a status other than 401/403/429/451
 * (a 5xx, a 404) only its challenge or captcha: a CDN's own 5xx pages share its block page's markup.
 */
export function detectErrorPageWall(response: ResponseSample): Challenge | null {
  const { wall } = readBody(response, headerReader(response.headers));
  if (!wall || wall.provider === null) return null;
  return BLOCKING_STATUSES.has(response.status) || wall.kind !== 'denied' ? wall : null;
}

/** The vendor rule the response matches, and the wall its body shows (a vendor's or a generic title's). */
function readBody(response: ResponseSample, header: (name: string) => string): { match: Rule | null; wall: Challenge | null } {
  const body = (response.body ?? '').slice(0, SCAN_CHARS);
  const title = pageTitle(body);
  const thin = visibleTextLength(body) <= THIN_TEXT_CHARS;
  const hasArticle = /<article\b/i.test(body);

  let match: Rule | null = null;
  for (const rule of RULES) {
    const byHeader = rule.blocks?.some(([name, re]) => re.test(header(name)));
    const byStrong = rule.strong?.some((re) => re.test(body));
    const byTitle = thin && title !== '' && rule.title?.some((re) => re.test(title));
    const byMarkup = thin && !(rule.widget && hasArticle) && rule.markup?.some((re) => re.test(body));
    if (byHeader || byStrong || byTitle || byMarkup) { match = rule; break; }
  }
  if (match) {
    const quoted = title ? ` ("${title}")` : '';
    return { match, wall: { kind: match.kind, provider: match.provider, reason: `${match.provider} ${match.what}${quoted}` } };
  }
  if (thin && title) {
    for (const [re, kind] of GENERIC_TITLES) {
      if (re.test(title)) return { match, wall: { kind, provider: null, reason: `a ${kind === 'denied' ? 'block' : kind} page ("${title}")` } };
    }
  }
  return { match, wall: null };
}

function headerReader(headers: ResponseSample['headers']): (name: string) => string {
  if (!headers) return () => '';
  if (typeof (headers as Headers).get === 'function') return (name) => (headers as Headers).get(name) ?? '';
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(headers as Record<string, string | null | undefined>)) if (v != null) map.set(k.toLowerCase(), v);
  return (name) => map.get(name) ?? '';
}

function pageTitle(body: string): string {
  const m = /<title\b[^<>]{0,500}>([^<]{0,300})<\/title>/i.exec(body);
  if (!m) return '';
  return collapseSpace(decodeBasic(m[1])).trim();
}

function decodeBasic(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&hellip;|&#8230;/g, '…')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ');
}

/**
 * Characters of text a reader would see: scripts, styles, comments and tags removed. One left open
 * runs to the end, as in a browser (and so each pattern reads the body once: matched only when
 * closed, every `<` of a body of `<<<<…` was read to the end, 58 s for 256 KiB).
 */
function visibleTextLength(body: string): number {
  const text = body
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<[^>]*(?:>|$)/g, ' ')
    .replace(/\s+/g, ' ');
  return text.trim().length;
}

/**
 * A response that is a bot wall, not the page asked for: the source is blocked, not empty or
 * failing. `status` is set for a wall answered with an error status (a 503 challenge).
 */
export class WallError extends FetchError {
  constructor(readonly challenge: Challenge, url: string, status?: number, retryAfter?: number) {
    super(`${url} answers with a ${challenge.reason}${status ? ` (HTTP ${status})` : ''} instead of the page`, url, status, retryAfter);
    this.name = 'WallError';
  }
}

/**
 * The fetched page, or a WallError when it is a bot wall. `htmlOnly` (feeds, sitemaps): only an
 * HTML answer can be a wall, so a feed's own content is never read as one.
 */
export function refuseWall(page: FetchResult, options: { htmlOnly?: boolean } = {}): FetchResult {
  if (page.notModified) return page;
  if (options.htmlOnly && !/html/i.test(page.contentType ?? '')) return page;
  const challenge = detectChallenge({ status: page.status, body: page.text });
  if (challenge) throw new WallError(challenge, page.url);
  return page;
}
