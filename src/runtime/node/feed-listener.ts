/**
 * Feed polls answered straight from node:http, in front of the Hono app: building the Web
 * Request and Response objects costs more than answering a poll (BENCHMARKS.md, HTTP). The answer
 * is the app's own (server/feed-answer.ts, through `feedFrontOf`), with the app's limits and
 * request counting; anything else or unusual (another route or method, a body, a limit reached,
 * percent-encoding, an odd host or target, a 400 or 404, an error) goes to the app, which then
 * answers it as it answers every request.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { getQueryParam } from 'hono/utils/url';
import type { FeedFront } from '../../server/feed-route.ts';
import { rawHeaderBytes } from '../../server/limits.ts';

const PREFIX = '/feeds/';
// The targets and hosts @hono/node-server takes as they are (anything else it normalizes through
// `new URL`), without `%` (decoded by the router) or `#`.
const PLAIN_TARGET = /^\/feeds\/[!$&-.0-9:;=@-Z[\]_a-z~]+(?:\?[!$&-;=?-[\]_a-z~]*)?$/;
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

/** `app`'s listener with feed GETs and HEADs answered by `front` first. */
export function withFeedFront(front: FeedFront, app: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '';
    const raw = req.rawHeaders;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !target.startsWith(PREFIX) || !PLAIN_TARGET.test(target)) return app(req, res);
    const host = first(raw, 'host');
    if (host === undefined || !PLAIN_HOST.test(host) || has(raw, 'content-length') || has(raw, 'transfer-encoding')
      || rawHeaderBytes(raw) > front.limits.maxHeaderBytes) return app(req, res);
    const url = `${(req.socket as TLSSocket).encrypted ? 'https' : 'http'}://${host}${target}`;
    if (url.length > front.limits.maxUrlLength) return app(req, res);
    const q = target.indexOf('?');
    front.answer({
      file: target.slice(PREFIX.length, q < 0 ? undefined : q),
      search: q < 0 ? '' : target.slice(q),
      query: (name) => getQueryParam(url, name) as string | undefined,
      header: (name) => joined(raw, name),
    }).then((answer) => {
      if (answer.status !== 200 && answer.status !== 304) return void app(req, res);
      res.writeHead(answer.status, answer.headers).end(req.method === 'HEAD' ? undefined : answer.body);
      front.count(answer.status);
    }).catch((err: unknown) => (res.headersSent ? void res.destroy(err as Error) : void app(req, res)));
  };
}

/** A header's values joined with ", " as the Fetch API's Headers does; undefined when absent. */
function joined(raw: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === name.length && raw[i].toLowerCase() === name) value = value === undefined ? raw[i + 1] : `${value}, ${raw[i + 1]}`;
  }
  return value;
}

function first(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) if (raw[i].length === name.length && raw[i].toLowerCase() === name) return raw[i + 1];
  return undefined;
}

function has(raw: readonly string[], name: string): boolean {
  return first(raw, name) !== undefined;
}
