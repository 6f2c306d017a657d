/**
 * Studio sessions without server memory, so they work alike on Node and on every Worker isolate.
 *
 * A session cookie is `<expires>.<nonce>.<mac>`: the expiry (Unix seconds), 16 random bytes and an
 * HMAC-SHA256 of both under a key derived from the admin token. Nothing is stored: a cookie is good
 * while its MAC verifies and it has not expired, and changing the admin token invalidates every
 * session at once. The CSRF token is another HMAC of the nonce, so it is bound to one session and
 * known only to pages served to it; state-changing requests made with the cookie must echo it.
 */
import { hmacSha256, timingSafeEqual } from '../utils/hash.ts';

/** Cookie name over plain http (local use); over https the `__Host-` prefix pins it to this origin. */
export const SESSION_COOKIE = 'feedwright_studio';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
/** Header (API calls from the studio) and form field (studio forms) carrying the CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = 'csrf';

export interface Session {
  /** The cookie value. */
  value: string;
  expires: Date;
  csrf: string;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class SessionKeys {
  readonly #key: Promise<Uint8Array>;
  readonly #ttlSeconds: number;

  /** `adminToken` must be non-empty (no token: no studio). */
  constructor(adminToken: string, ttlSeconds: number) {
    // Domain-separated from every other use of the token.
    this.#key = hmacSha256(adminToken, 'feedwright studio session v1');
    this.#ttlSeconds = ttlSeconds;
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  async #mac(data: string): Promise<Uint8Array> {
    return hmacSha256(await this.#key, data);
  }

  /** A fresh session starting at `now`. */
  async create(now: Date): Promise<Session> {
    const expires = Math.floor(now.getTime() / 1000) + this.#ttlSeconds;
    const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
    const payload = `${expires}.${nonce}`;
    return {
      value: `${payload}.${base64url(await this.#mac(`session.${payload}`))}`,
      expires: new Date(expires * 1000),
      csrf: await this.#csrf(nonce),
    };
  }

  async #csrf(nonce: string): Promise<string> {
    return base64url(await this.#mac(`csrf.${nonce}`));
  }

  /** The session a cookie value stands for, or null (malformed, forged, expired). */
  async verify(value: string | null | undefined, now: Date): Promise<Session | null> {
    const m = /^(\d{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
    if (!m) return null;
    const [, expiresText, nonce, macText] = m;
    // Compared as text: one MAC has one encoding (the last character's spare bits included).
    const expected = base64url(await this.#mac(`session.${expiresText}.${nonce}`));
    if (!timingSafeEqual(encoder.encode(macText), encoder.encode(expected))) return null;
    const expires = Number(expiresText);
    if (expires * 1000 <= now.getTime()) return null;
    return { value: value!, expires: new Date(expires * 1000), csrf: await this.#csrf(nonce) };
  }

  /** True when `presented` is the CSRF token of `session` (constant time). */
  csrfMatches(session: Session, presented: string | null | undefined): boolean {
    if (!presented) return false;
    return timingSafeEqual(encoder.encode(session.csrf), encoder.encode(presented));
  }
}

/** The value of cookie `name` in a Cookie header, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Whether the browser reached us over https: directly, or through a TLS-terminating proxy that
 * says so. Trusting the header can only make the cookie stricter (Secure, `__Host-`).
 */
export function viaHttps(request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return request.headers.get('x-forwarded-proto')?.split(',')[0].trim().toLowerCase() === 'https';
}

/** The session cookie of a request (its name depends on the scheme). */
export function sessionCookieOf(request: Request): string | null {
  const header = request.headers.get('cookie');
  const secure = viaHttps(request);
  return readCookie(header, secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
}

/** Set-Cookie for a new session, or (session null) one that removes it. */
export function sessionSetCookie(request: Request, session: Session | null, now: Date): string {
  const secure = viaHttps(request);
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const value = session ? session.value : '';
  const maxAge = session ? Math.max(0, Math.floor((session.expires.getTime() - now.getTime()) / 1000)) : 0;
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}
