import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectChallenge, detectErrorPageWall } from '../../src/fetch/challenge.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/challenge/${name}.html`, import.meta.url), 'utf8');
const page = (name: string, headers: Record<string, string> = {}) => detectChallenge({ status: 200, headers, body: fixture(name) });

describe('detectChallenge', () => {
  it.each([
    ['cloudflare-just-a-moment', 'Cloudflare', 'challenge', 'Cloudflare bot challenge ("Just a moment...")'],
    ['cloudflare-blocked', 'Cloudflare', 'denied', 'Cloudflare block page ("Attention Required! | Cloudflare")'],
    ['recaptcha', 'reCAPTCHA', 'captcha', 'reCAPTCHA captcha page ("Security check")'],
    ['hcaptcha', 'hCaptcha', 'captcha', 'hCaptcha captcha page ("One more step")'],
    ['turnstile', 'Turnstile', 'captcha', 'Turnstile captcha page ("Verifying…")'],
    ['akamai', 'Akamai', 'denied', 'Akamai block page ("Access Denied")'],
    ['incapsula', 'Imperva', 'denied', 'Imperva block page'],
    ['sucuri', 'Sucuri', 'denied', 'Sucuri firewall block page ("Sucuri WebSite Firewall - Access Denied")'],
    ['datadome', 'DataDome', 'captcha', 'DataDome bot check ("news.example.org")'],
    ['perimeterx', 'PerimeterX', 'captcha', 'PerimeterX bot check ("Access to this page has been denied")'],
    ['aws-waf', 'AWS WAF', 'challenge', 'AWS WAF bot challenge'],
  ])('recognizes a 200 that is a %s page', (name, provider, kind, reason) => {
    expect(page(name)).toEqual({ provider, kind, reason });
  });

  it.each(['article-about-captcha', 'article-with-recaptcha-form', 'listing-mentions-walls'])(
    'leaves an ordinary page alone: %s', (name) => {
      expect(page(name)).toBeNull();
      // A CDN or WAF in front of a normal site sends its headers on normal pages too.
      expect(page(name, { server: 'AkamaiGHost', 'cf-ray': '8c1e2f3a4b5c6d7e-FRA', 'x-datadome': 'protected', 'x-iinfo': '5-1' })).toBeNull();
    });

  it('a captcha widget in the comment form of a short article is not a wall', () => {
    const brief = '<title>Pier reopens | Harbour Gazette</title><article><h1>Pier reopens</h1><p>The old pier reopens on Monday.</p></article>' +
      '<form action="/comments"><div class="g-recaptcha" data-sitekey="x"></div></form><script src="https://www.google.com/recaptcha/api.js"></script>';
    expect(detectChallenge({ status: 200, body: brief })).toBeNull();
    expect(detectChallenge({ status: 200, body: brief.replace(/<\/?article>/g, '') })?.provider).toBe('reCAPTCHA');
  });

  it('a challenge script counts on a page of any size; a challenge title only on a thin page', () => {
    const long = fixture('article-about-captcha');
    const withScript = long.replace('</body>', "<script>window._cf_chl_opt={cType:'managed'};</script></body>");
    expect(detectChallenge({ status: 200, body: withScript })?.provider).toBe('Cloudflare');
    const titled = long.replace(/<title>[^<]*<\/title>/, '<title>Just a moment...</title>');
    expect(detectChallenge({ status: 200, body: titled })).toBeNull();
    expect(detectChallenge({ status: 200, body: '<title>Just a moment in time</title><p>A short poem.</p>' })).toBeNull();
  });

  it('reads a script or comment left open as running to the end, as a browser does', () => {
    // Its text is not the page's: a challenge page whose script is cut off is still a thin page.
    const cut = `<title>Just a moment...</title><p>Checking your browser.</p><script>var a = "${'x'.repeat(4000)}`;
    expect(detectChallenge({ status: 200, body: cut })?.provider).toBe('Cloudflare');
    expect(detectChallenge({ status: 200, body: `<title>Just a moment...</title><!-- ${'y '.repeat(2000)}` })?.provider).toBe('Cloudflare');
  });

  it('reads hostile bodies to the end: tags, scripts and comments never closed', () => {
    // Each of these once read the rest of the body from every "<" (58 s for 256 KiB of "<").
    for (const unit of ['<', '<script', '<!--', '<title', '<svg ', '<p', '<iframe src=', 'var dd={', '<!--var dd={-->', '<!--cf-wrapper-->', 'awswaf.com/', 'class="']) {
      expect(detectErrorPageWall({ status: 403, body: unit.repeat((256 * 1024) / unit.length) })).toBeNull();
    }
  });

  it('headers that mean a wall count on their own', () => {
    expect(detectChallenge({ status: 200, headers: { 'CF-Mitigated': 'challenge' }, body: '' })?.provider).toBe('Cloudflare');
    expect(detectChallenge({ status: 200, headers: new Headers({ 'x-amzn-waf-action': 'captcha' }) })?.provider).toBe('AWS WAF');
    expect(detectChallenge({ status: 200, headers: { 'x-vercel-mitigated': 'challenge' } })?.reason).toBe('Vercel security checkpoint');
  });

  it('blocking statuses are walls, named by vendor when the response tells', () => {
    expect(detectChallenge({ status: 403 })).toEqual({ kind: 'status', provider: null, reason: 'HTTP 403 Forbidden' });
    expect(detectChallenge({ status: 429, headers: { 'cf-ray': 'x' } })?.reason).toBe('HTTP 429 Too Many Requests (Cloudflare)');
    expect(detectChallenge({ status: 403, body: fixture('akamai') })?.reason).toBe('HTTP 403 Forbidden (Akamai)');
    expect(detectChallenge({ status: 451 })?.reason).toBe('HTTP 451 Unavailable For Legal Reasons');
    expect(detectChallenge({ status: 401 })?.kind).toBe('status');
    for (const status of [200, 404, 500, 503]) expect(detectChallenge({ status, body: '<title>Not found</title>' })).toBeNull();
  });

  it('names wall pages of no known vendor by their title, on thin pages only', () => {
    expect(detectChallenge({ status: 200, body: '<title>Access denied | example.org</title><h1>Access denied</h1>' }))
      .toEqual({ kind: 'denied', provider: null, reason: 'a block page ("Access denied | example.org")' });
    expect(detectChallenge({ status: 200, body: '<title>Are you a robot?</title>' })?.kind).toBe('captcha');
    expect(detectChallenge({ status: 200, body: '<title>Access denied to the old pier</title><p>Storm damage.</p>' })).toBeNull();
  });
});

describe('detectErrorPageWall', () => {
  const errorPage = (status: number, name: string, headers: Record<string, string> = {}) => detectErrorPageWall({ status, headers, body: fixture(name) });
  const cloudflare = { 'cf-ray': '6a1b2c3d4e5f6071-FRA', server: 'cloudflare' };

  it('recognizes a vendor\'s challenge or captcha answered with an error status', () => {
    expect(errorPage(503, 'cloudflare-503-checking-browser', cloudflare)).toEqual({ provider: 'Cloudflare', kind: 'challenge', reason: 'Cloudflare bot challenge ("Just a moment...")' });
    expect(errorPage(403, 'cloudflare-just-a-moment', cloudflare)?.reason).toBe('Cloudflare bot challenge ("Just a moment...")');
    expect(errorPage(403, 'hcaptcha')?.reason).toBe('hCaptcha captcha page ("One more step")');
    expect(errorPage(429, 'datadome')?.provider).toBe('DataDome');
    // With a blocking status a vendor's block page counts too.
    expect(errorPage(403, 'cloudflare-blocked', cloudflare)?.kind).toBe('denied');
    expect(errorPage(403, 'akamai', { server: 'AkamaiGHost' })?.reason).toBe('Akamai block page ("Access Denied")');
  });

  it.each([
    [503, 'nginx-503', {}],
    [503, 'maintenance-503', {}],
    [522, 'cloudflare-522', cloudflare],
    [502, 'cloudflare-blocked', cloudflare],
    [403, 'apache-403', {}],
    [404, 'article-about-captcha', cloudflare],
  ])('leaves an ordinary error page alone: %i %s', (status, name, headers) => {
    expect(errorPage(status, name, headers)).toBeNull();
  });

  it('needs a body: a status alone is the fetcher\'s ordinary error', () => {
    expect(detectErrorPageWall({ status: 503 })).toBeNull();
    expect(detectErrorPageWall({ status: 403, headers: { 'cf-ray': 'x' } })).toBeNull();
  });
});
