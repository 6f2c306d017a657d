import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/defaults.ts';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import { createApp } from '../../../src/server/app.ts';
import { MemoryFeedCache } from '../../../src/server/cache.ts';
import { SESSION_COOKIE, SECURE_SESSION_COOKIE, SessionKeys } from '../../../src/server/session.ts';
import { STUDIO_ASSETS } from '../../../src/server/studio/assets.ts';
import { makeSource } from '../../../testkit/sources.ts';

const ADMIN = 'studio-admin-token-0123456789abcdef';
const BASE = 'http://feeds.test';
let clock: Date;
let refreshed: string[];

async function build(adminToken: string | null = ADMIN) {
  const store = await openSqliteStore(':memory:');
  return createApp({
    sources: [makeSource({ id: 'site', title: 'Site' })],
    store,
    cache: new MemoryFeedCache(),
    baseUrl: BASE,
    now: () => clock,
    adminToken,
    refresh: async (id) => void refreshed.push(id),
  });
}

let app: Awaited<ReturnType<typeof build>>;
beforeEach(async () => {
  clock = new Date('2026-01-10T09:00:00Z');
  refreshed = [];
  app = await build();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function signIn(token = ADMIN, origin = BASE): Promise<Response> {
  return app.request(`${origin}/admin/sign-in`, { method: 'POST', headers: { ...FORM, Origin: origin }, body: form({ token }) });
}

/** The cookie pair (`name=value`) a Set-Cookie header sets. */
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];

/** A signed-in session: its cookie and the CSRF token its pages carry. */
async function session(): Promise<{ cookie: string; csrf: string }> {
  const cookie = cookieOf(await signIn());
  const page = await (await app.request(`${BASE}/admin/`, { headers: { Cookie: cookie } })).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1];
  expect(csrf).toBeTruthy();
  return { cookie, csrf: csrf! };
}

describe('studio sign-in', () => {
  it('shows only the sign-in form when signed out, with no script and no CSRF token', async () => {
    const res = await app.request(`${BASE}/admin/`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<form method="post" action="/admin/sign-in"');
    expect(page).toContain('<label for="token">Admin token</label>');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('csrf-token');
    expect(page).not.toContain('sources-body');
    for (const path of ['/admin/sources/new', '/admin/sources/site/edit']) {
      const other = await (await app.request(`${BASE}${path}`)).text();
      expect(other).toContain('action="/admin/sign-in"');
      expect(other).not.toContain('source-form');
    }
  });

  it('redirects /admin to /admin/', async () => {
    const res = await app.request(`${BASE}/admin`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/admin/');
  });

  it('signs in with the admin token: an HttpOnly, SameSite=Strict session cookie, then the sources screen', async () => {
    const res = await signIn();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=\\d+\\.[\\w-]{22}\\.[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${DEFAULTS.studioSessionSeconds}$`));
    expect(setCookie).not.toContain('Secure');
    expect(setCookie).not.toContain(ADMIN);
    const page = await (await app.request(`${BASE}/admin/`, { headers: { Cookie: cookieOf(res) } })).text();
    expect(page).toContain('id="sources-body"');
    expect(page).toContain('action="/admin/sign-out"');
    expect(page).not.toContain(ADMIN); // no secret in a page
  });

  it('marks the cookie Secure and __Host- over https', async () => {
    const res = await signIn(ADMIN, 'https://feeds.test');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie.startsWith(`${SECURE_SESSION_COOKIE}=`)).toBe(true);
    expect(setCookie).toContain('; Secure');
    // The plain-http name is not accepted over https.
    const cookie = cookieOf(res);
    expect(await (await app.request('https://feeds.test/admin/', { headers: { Cookie: cookie } })).text()).toContain('sources-body');
    expect(await (await app.request('https://feeds.test/admin/', { headers: { Cookie: cookie.replace(SECURE_SESSION_COOKIE, SESSION_COOKIE) } })).text()).not.toContain('sources-body');
  });

  it('marks the cookie Secure behind a TLS proxy (X-Forwarded-Proto: https)', async () => {
    const res = await app.request(`${BASE}/admin/sign-in`, {
      method: 'POST', headers: { ...FORM, Origin: 'https://feeds.test', 'X-Forwarded-Proto': 'https' }, body: form({ token: ADMIN }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SECURE_SESSION_COOKIE}=.*; Secure$`));
  });

  it('refuses a wrong token, and a sign-in posted from another origin', async () => {
    const wrong = await signIn('not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain('That is not the admin token');
    const foreign = await signIn(ADMIN, BASE).then(() => app.request(`${BASE}/admin/sign-in`, {
      method: 'POST', headers: { ...FORM, Origin: 'https://evil.example' }, body: form({ token: ADMIN }),
    }));
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
  });

  it('rate-limits failed sign-ins, even with the right token, until the window passes', async () => {
    for (let i = 0; i < DEFAULTS.studioSignInAttempts; i++) expect((await signIn(`wrong-${i}`)).status).toBe(401);
    const blocked = await signIn();
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    clock = new Date(clock.getTime() + DEFAULTS.studioSignInWindowMs);
    expect((await signIn()).status).toBe(303);
  });

  it('says the studio is off without an admin token', async () => {
    app = await build(null);
    const res = await app.request(`${BASE}/admin/`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('FEEDWRIGHT_ADMIN_TOKEN');
    expect((await signIn()).status).toBe(403);
  });

  it('signs out: clears the cookie, with the CSRF token only', async () => {
    const { cookie, csrf } = await session();
    const forged = await app.request(`${BASE}/admin/sign-out`, { method: 'POST', headers: { ...FORM, Cookie: cookie }, body: form({ csrf: 'nope' }) });
    expect(forged.status).toBe(403);
    const res = await app.request(`${BASE}/admin/sign-out`, { method: 'POST', headers: { ...FORM, Cookie: cookie, Origin: BASE }, body: form({ csrf }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`));
  });
});

describe('studio sessions', () => {
  it('expire after studioSessionSeconds', async () => {
    const { cookie } = await session();
    clock = new Date(clock.getTime() + (DEFAULTS.studioSessionSeconds - 1) * 1000);
    expect(await (await app.request(`${BASE}/admin/`, { headers: { Cookie: cookie } })).text()).toContain('sources-body');
    clock = new Date(clock.getTime() + 1000);
    const res = await app.request(`${BASE}/admin/`, { headers: { Cookie: cookie } });
    const page = await res.text();
    expect(page).not.toContain('sources-body');
    expect(page).toContain('Your session has ended');
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await app.request(`${BASE}/api/sources/site/refresh`, { method: 'POST', headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('refuses forged and tampered cookies, and those of another admin token', async () => {
    const { cookie } = await session();
    const [name, value] = cookie.split('=');
    const [expires, nonce, mac] = value.split('.');
    const forgeries = [
      `${expires}.${nonce}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, // MAC changed
      `${Number(expires) + 86_400}.${nonce}.${mac}`, // extended expiry
      `${expires}.${'A'.repeat(22)}.${mac}`, // other nonce
      'garbage',
      (await new SessionKeys('another-token', 3600).create(clock)).value, // signed under another token
    ];
    for (const forged of forgeries) {
      const page = await (await app.request(`${BASE}/admin/`, { headers: { Cookie: `${name}=${forged}` } })).text();
      expect(page, forged).not.toContain('sources-body');
    }
    // A changed admin token invalidates every session.
    const store = await openSqliteStore(':memory:');
    const rotated = createApp({ sources: [], store, cache: new MemoryFeedCache(), baseUrl: BASE, now: () => clock, adminToken: 'rotated-token' });
    expect(await (await rotated.request(`${BASE}/admin/`, { headers: { Cookie: cookie } })).text()).not.toContain('sources-body');
  });
});

describe('the admin API with a studio session', () => {
  it('accepts the cookie with its CSRF token, refuses it without (or with another session\'s)', async () => {
    const a = await session();
    const b = await session();
    const refresh = (headers: Record<string, string>) => app.request(`${BASE}/api/sources/site/refresh`, { method: 'POST', headers });
    const missing = await refresh({ Cookie: a.cookie });
    expect(missing.status).toBe(403);
    expect((await missing.json()).error).toBe('csrf');
    expect((await refresh({ Cookie: a.cookie, 'X-CSRF-Token': b.csrf })).status).toBe(403);
    expect((await refresh({ Cookie: a.cookie, 'X-CSRF-Token': 'x' })).status).toBe(403);
    expect(refreshed).toEqual([]);
    expect((await refresh({ Cookie: a.cookie, 'X-CSRF-Token': a.csrf })).status).toBe(202);
    expect(refreshed).toEqual(['site']);
  });

  it('still takes the bearer token, and a bad bearer token is not rescued by a cookie', async () => {
    const { cookie, csrf } = await session();
    expect((await app.request(`${BASE}/api/sources/site/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } })).status).toBe(202);
    const bad = await app.request(`${BASE}/api/sources/site/refresh`, { method: 'POST', headers: { Authorization: 'Bearer wrong', Cookie: cookie, 'X-CSRF-Token': csrf } });
    expect(bad.status).toBe(401);
  });
});

describe('studio pages', () => {
  it('carry a strict CSP, refuse framing and are not cached, signed in or out', async () => {
    const { cookie } = await session();
    for (const [path, headers] of [['/admin/', {}], ['/admin/', { Cookie: cookie }], ['/admin/sources/new', { Cookie: cookie }], ['/admin/sources/site/edit', { Cookie: cookie }]] as const) {
      const res = await app.request(`${BASE}${path}`, { headers });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const page = await res.text();
      // Nothing inline for the CSP to allow: scripts come from /admin/assets only.
      expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(page).not.toMatch(/\son[a-z]+=/);
      expect(page).not.toMatch(/style=/);
    }
  });

  it('escape what they echo', async () => {
    const { cookie } = await session();
    const page = await (await app.request(`${BASE}/admin/sources/%22%3E%3Cscript%3Ex%3C%2Fscript%3E/edit`, { headers: { Cookie: cookie } })).text();
    expect(page).not.toContain('"><script>x</script>');
    expect(page).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('serve the stylesheet and script', async () => {
    for (const asset of Object.values(STUDIO_ASSETS)) {
      const res = await app.request(`${BASE}/admin/assets/${asset.name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(asset.type);
      expect(await res.text()).toBe(asset.body);
    }
    const gzipped = await app.request(`${BASE}/admin/assets/${STUDIO_ASSETS.js.name}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    // The script parses, and builds elements from text only.
    expect(() => new Function(STUDIO_ASSETS.js.body)).not.toThrow();
    expect(STUDIO_ASSETS.js.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});
