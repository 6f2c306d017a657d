/**
 * GET|HEAD /feeds/<id>.rss|.atom|.json[?limit=N&filter…] on the Hono app (both runtimes): the
 * request's plain data to feed-answer.ts, its answer back as a Response. The app also hands the
 * same answerer, with its limits and request counter, to a runtime that can answer feeds in front
 * of the app (`feedFrontOf`; the Node listener does, runtime/node/feed-listener.ts).
 */
import type { Context, Hono } from 'hono';
import { feedAnswerer, type FeedAnswer, type FeedAnswerDeps, type FeedRequest } from './feed-answer.ts';
import type { RequestLimits } from './limits.ts';

/** The route's pattern, also its `route` label in the request metrics. */
export const FEED_ROUTE = '/feeds/:file';

export interface FeedRouteDeps extends FeedAnswerDeps {
  notFound: (c: Context, message: string) => Response;
  /** The limits the app holds every request to (limits.ts), with the defaults filled in. */
  limits: RequestLimits;
  /** Counts an answered request in the metrics (route, status); absent without metrics. */
  countRequest?: (route: string, status: number) => void;
}

/** What a runtime needs to answer feed requests itself, exactly as the app would. */
export interface FeedFront {
  answer: (request: FeedRequest) => Promise<FeedAnswer>;
  limits: RequestLimits;
  /** Counts a feed request answered in front of the app (the app's metrics middleware does not see it). */
  count: (status: number) => void;
}

const fronts = new WeakMap<object, FeedFront>();

/** The feed answerer of an app made by createApp (undefined for any other). */
export function feedFrontOf(app: object): FeedFront | undefined {
  return fronts.get(app);
}

export function feedRoute(app: Hono, deps: FeedRouteDeps): void {
  const answer = feedAnswerer(deps);
  const countRequest = deps.countRequest;
  fronts.set(app, { answer, limits: deps.limits, count: countRequest ? (status) => countRequest(FEED_ROUTE, status) : () => {} });

  app.get(FEED_ROUTE, async (c) => {
    const url = c.req.url;
    const q = url.indexOf('?');
    const answered = await answer({
      file: c.req.param('file'),
      search: q < 0 ? '' : url.slice(q),
      query: (name) => c.req.query(name),
      header: (name) => c.req.header(name),
    });
    switch (answered.status) {
      case 404:
        return deps.notFound(c, `No feed at ${c.req.path}. Feeds are /feeds/<id>.rss, .atom or .json; see / or /feeds.opml for the list.`);
      case 400:
        return c.json({ error: 'bad_request', message: answered.message }, 400);
      default:
        return new Response(answered.body, { status: answered.status, headers: answered.headers });
    }
  });
}
