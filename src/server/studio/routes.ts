/**
 * The studio, routed by createApp (paths are absolute):
 *
 *   GET  /admin/                    sources screen (signed out: the sign-in form only)
 *   GET  /admin/sources/new         new source screen
 *   GET  /admin/sources/<id>/edit   the same screen for an existing source
 *   POST /admin/sign-in             form `token` → session cookie (failed attempts rate-limited)
 *   POST /admin/sign-out            form `csrf` → cookie cleared
 *   GET  /admin/assets/<file>       the stylesheet and script (no secrets; public)
 *
 * Every page carries a strict Content-Security-Policy (scripts and styles from this origin only,
 * nothing inline), refuses framing and is never cached. The screens work through the admin API,
 * which accepts the session (auth.ts).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { DEFAULTS } from '../../defaults.ts';
import type { TokenVerifier } from '../auth.ts';
import { CSRF_FIELD, sessionCookieOf, sessionSetCookie, viaHttps, type Session, type SessionKeys } from '../session.ts';
import { STUDIO_ASSETS } from './assets.ts';
import { editorPage, signInPage, sourcesPage, STUDIO_PATH } from './pages.ts';
import { createAttemptLimiter } from './sign-in-limit.ts';

export interface StudioDeps {
  baseUrl: string;
  now: () => Date;
  /** Null: no admin token, the studio says how to turn it on. */
  session: SessionKeys | null;
  /** Checks a presented admin token (auth.ts). */
  verifier: TokenVerifier;
}

/** Headers of every studio page. */
export const STUDIO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // Preview items show the site's own images; the referrer is withheld (referrerpolicy on each image).
  "img-src 'self' https: http: data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(c: Context): void {
  c.header('Content-Security-Policy', STUDIO_CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  // Not no-referrer: browsers then send `Origin: null` with the page's own form posts.
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
}

/** True when a form POST comes from this origin, as reached or as published (or a browser that sends no Origin). */
function sameOrigin(c: Context, baseUrl: string): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  const reached = new URL(c.req.url);
  if (viaHttps(c.req.raw)) reached.protocol = 'https:';
  return origin === reached.origin || origin === new URL(c.req.url).origin || origin === new URL(baseUrl).origin;
}

export function createStudio(deps: StudioDeps): Hono {
  const studio = new Hono();
  const limiter = createAttemptLimiter(DEFAULTS.studioSignInAttempts, DEFAULTS.studioSignInWindowMs);

  const currentSession = async (c: Context): Promise<Session | null> =>
    deps.session ? deps.session.verify(sessionCookieOf(c.req.raw), deps.now()) : null;

  /** The page for a signed-in session, or the sign-in form. */
  const guarded = (render: (c: Context, session: Session) => ReturnType<typeof sourcesPage>) => async (c: Context) => {
    pageHeaders(c);
    const session = await currentSession(c);
    if (!session) {
      const hadCookie = sessionCookieOf(c.req.raw) !== null;
      if (hadCookie) c.header('Set-Cookie', sessionSetCookie(c.req.raw, null, deps.now()));
      return c.html(signInPage({
        baseUrl: deps.baseUrl,
        disabled: deps.session === null,
        error: hadCookie ? 'Your session has ended: sign in again.' : undefined,
      }), deps.session === null ? 403 : 200);
    }
    return c.html(render(c, session));
  };

  studio.get(STUDIO_PATH, (c) => c.redirect(`${STUDIO_PATH}/`, 301));
  studio.get(`${STUDIO_PATH}/`, guarded((_c, s) => sourcesPage({ baseUrl: deps.baseUrl, csrf: s.csrf })));
  studio.get(`${STUDIO_PATH}/sources/new`, guarded((_c, s) => editorPage({ baseUrl: deps.baseUrl, csrf: s.csrf })));
  studio.get(`${STUDIO_PATH}/sources/:id/edit`, guarded((c, s) => editorPage({ baseUrl: deps.baseUrl, csrf: s.csrf, sourceId: c.req.param('id') })));

  studio.post(`${STUDIO_PATH}/sign-in`, async (c) => {
    pageHeaders(c);
    const keys = deps.session;
    if (!keys) return c.html(signInPage({ baseUrl: deps.baseUrl, disabled: true }), 403);
    if (!sameOrigin(c, deps.baseUrl)) return c.html(signInPage({ baseUrl: deps.baseUrl, error: 'Sign in from this server’s own page.' }), 403);
    const at = deps.now();
    const wait = limiter.blockedFor(at);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return c.html(signInPage({ baseUrl: deps.baseUrl, error: `Too many failed sign-ins: try again in ${Math.ceil(wait / 60_000)} minute(s).` }), 429);
    }
    const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
    const token = typeof form.token === 'string' ? form.token : '';
    if (token === '' || !(await deps.verifier.verify(token))) {
      limiter.fail(at);
      return c.html(signInPage({ baseUrl: deps.baseUrl, error: 'That is not the admin token of this server.' }), 401);
    }
    const session = await keys.create(at);
    c.header('Set-Cookie', sessionSetCookie(c.req.raw, session, at));
    return c.redirect(`${STUDIO_PATH}/`, 303);
  });

  studio.post(`${STUDIO_PATH}/sign-out`, async (c) => {
    pageHeaders(c);
    const session = await currentSession(c);
    const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
    const presented = typeof form[CSRF_FIELD] === 'string' ? form[CSRF_FIELD] as string : null;
    if (session && (!sameOrigin(c, deps.baseUrl) || !deps.session!.csrfMatches(session, presented))) {
      return c.json({ error: 'csrf', message: 'Sign out from the studio page itself (the CSRF token is missing or wrong).' }, 403);
    }
    c.header('Set-Cookie', sessionSetCookie(c.req.raw, null, deps.now()));
    return c.redirect(`${STUDIO_PATH}/`, 303);
  });

  for (const asset of Object.values(STUDIO_ASSETS)) {
    studio.get(`${STUDIO_PATH}/assets/${asset.name}`, (c) => c.body(asset.body, 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    }));
  }
  return studio;
}
