/**
 * Request hygiene, applied to every route before anything else runs: a cap on the URL length
 * (414), on the total size of the request headers (431), and on the request body (413, via
 * hono/body-limit, which also counts chunked bodies that carry no Content-Length). Every refusal
 * is a small JSON document `{ error, message }`, like the app's other errors. Web-standard only,
 * so the same limits hold on Node and Workers (where the platform's own, larger limits also apply).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DEFAULTS } from '../defaults.ts';

export interface RequestLimits {
  /** Longest accepted request URL (scheme, host, path and query), in characters. */
  maxUrlLength: number;
  /** Largest accepted sum of header names and values, in bytes (UTF-16 units, close enough). */
  maxHeaderBytes: number;
  /** Largest accepted request body, in bytes; null leaves bodies to the route (the push API). */
  maxBodyBytes: number | null;
}

export const DEFAULT_LIMITS = {
  maxUrlLength: DEFAULTS.maxUrlLength,
  maxHeaderBytes: DEFAULTS.maxHeaderBytes,
  maxBodyBytes: DEFAULTS.maxBodyBytes,
} satisfies RequestLimits;

/** One middleware enforcing `limits` (defaults for anything left out). */
export function requestLimits(limits: Partial<RequestLimits> = {}): MiddlewareHandler {
  const { maxUrlLength, maxHeaderBytes, maxBodyBytes } = { ...DEFAULT_LIMITS, ...limits };
  const tooLarge = (c: Context) =>
    c.json({ error: 'payload_too_large', message: `Request bodies are limited to ${maxBodyBytes} bytes.` }, 413);
  const body: MiddlewareHandler = maxBodyBytes === null
    ? (_c, next) => next()
    : bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.url.length > maxUrlLength) {
      return c.json({ error: 'uri_too_long', message: `Request URLs are limited to ${maxUrlLength} characters.` }, 414);
    }
    if (headerBytes(c) > maxHeaderBytes) {
      return c.json(
        { error: 'headers_too_large', message: `Request headers are limited to ${maxHeaderBytes} bytes in total.` },
        431,
      );
    }
    // A declared length over the cap is refused before any byte is read, whatever the method:
    // a GET's body reaches no route, but it would still be sent.
    if (maxBodyBytes !== null && Number(c.req.header('content-length') ?? 0) > maxBodyBytes) {
      return tooLarge(c);
    }
    if (c.req.url.includes('%') && !validPercentEncoding(new URL(c.req.url).pathname)) {
      return c.json({ error: 'bad_request', message: 'The request path has malformed percent-encoding.' }, 400);
    }
    // No route reads the body of a GET or HEAD (and a declared one over the cap was refused above):
    // skipping the body check spares the adapter building a full Request for every poll.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return body(c, next);
  };
}

/**
 * The size of the request's header block: name + value + 4 (": " and CRLF) per header. From
 * Node's raw header list when the adapter hands it over (@hono/node-server's `env.incoming`),
 * which spares building a Headers object per request; else from the Headers.
 */
function headerBytes(c: Context): number {
  const raw = (c.env as { incoming?: { rawHeaders?: unknown } } | undefined)?.incoming?.rawHeaders;
  if (Array.isArray(raw)) return rawHeaderBytes(raw);
  let bytes = 0;
  c.req.raw.headers.forEach((value, name) => void (bytes += name.length + value.length + 4));
  return bytes;
}

/** The size of a header block given as Node's raw list (name, value, name, value, …). */
export function rawHeaderBytes(raw: readonly unknown[]): number {
  let bytes = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) bytes += String(raw[i]).length + String(raw[i + 1]).length + 4;
  return bytes;
}

/** True when every "%" in `path` starts a sequence that decodes (as UTF-8). */
function validPercentEncoding(path: string): boolean {
  if (!path.includes('%')) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
