/**
 * Bearer-token guard for admin and ingest endpoints (RFC 6750).
 *
 * Tokens come from the runtime entry (FEEDWRIGHT_ADMIN_TOKEN, FEEDWRIGHT_INGEST_TOKEN); with no
 * token configured the guarded endpoints are off (403 `disabled`). Comparison is constant-time:
 * both the presented and the configured tokens are HMAC'ed under a random per-process key and the
 * fixed-size digests are compared without an early exit, so neither content nor length leaks.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { hmacSha256, timingSafeEqual } from '../utils/hash.ts';

export interface BearerAuthOptions {
  /** Accepted tokens; empty strings, null and undefined are ignored. */
  tokens: readonly (string | null | undefined)[];
  /** Named in messages: "The ingest API", "The admin API". */
  what: string;
  /** Env var(s) to name in the "disabled" message. */
  envHint: string;
}

const REALM = 'feedwright';

/** Compares tokens in constant time; build once, reuse for every request. */
class TokenVerifier {
  readonly #key = crypto.getRandomValues(new Uint8Array(32));
  readonly #digests: Promise<Uint8Array[]>;
  readonly configured: boolean;

  constructor(tokens: readonly (string | null | undefined)[]) {
    const usable = tokens.filter((t): t is string => typeof t === 'string' && t !== '');
    this.configured = usable.length > 0;
    this.#digests = Promise.all(usable.map((t) => hmacSha256(this.#key, t)));
  }

  async verify(presented: string): Promise<boolean> {
    const digest = await hmacSha256(this.#key, presented);
    let ok = false;
    // Check every configured token, so timing does not tell which one matched.
    for (const d of await this.#digests) ok = timingSafeEqual(d, digest) || ok;
    return ok;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
function bearerToken(header: string | undefined | null): string | null {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m ? m[1] : null;
}

function unauthorized(c: Context, error: 'invalid_request' | 'invalid_token', message: string): Response {
  c.header('WWW-Authenticate', `Bearer realm="${REALM}", error="${error}"`);
  c.header('Cache-Control', 'no-store');
  return c.json({ error: 'unauthorized', message }, 401);
}

/** Hono middleware: 403 when no token is configured, 401 without a valid bearer token. */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler {
  const verifier = new TokenVerifier(options.tokens);
  return async (c, next) => {
    if (!verifier.configured) {
      c.header('Cache-Control', 'no-store');
      return c.json({ error: 'disabled', message: `${options.what} is disabled: set ${options.envHint} to enable it.` }, 403);
    }
    const header = c.req.header('authorization');
    const token = bearerToken(header);
    if (token === null) {
      return unauthorized(c, 'invalid_request', header
        ? 'The Authorization header must be "Bearer <token>".'
        : `${options.what} needs an "Authorization: Bearer <token>" header.`);
    }
    if (!(await verifier.verify(token))) return unauthorized(c, 'invalid_token', 'The bearer token is not valid.');
    await next();
  };
}

/**
 * Whether a request carries one of these bearer tokens (constant-time), for routes that answer
 * everyone but tell more to admins (/health). False when no token is configured.
 */
export function bearerCheck(tokens: readonly (string | null | undefined)[]): (authorization: string | undefined | null) => Promise<boolean> {
  const verifier = new TokenVerifier(tokens);
  return async (authorization) => {
    const token = bearerToken(authorization);
    return verifier.configured && token !== null && verifier.verify(token);
  };
}
