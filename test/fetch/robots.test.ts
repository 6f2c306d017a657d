import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import { createRobotsPolicy, productToken, type RobotsPolicyOptions } from '../../src/fetch/robots.ts';
import { FetchError } from '../../src/fetch/types.ts';
import { WallError } from '../../src/fetch/challenge.ts';
import { classifyFailure } from '../../src/pipeline/source-state.ts';
import { routeTestHosts, startOrigin, type Handler, type Origin } from '../../testkit/origin.ts';
import { DEFAULTS } from '../../src/defaults.ts';

// Each test gets its own robots.txt behaviour through `robots`; every request is logged by path.
let origin: Origin;
let robots: Handler;
let log: string[];

const text = (body: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(body);

beforeAll(async () => {
  origin = await startOrigin({ routes: {
    '/robots.txt': (req, res, received) => robots(req, res, received),
    '/*': (req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${req.url}</p>`),
    '/go-private': (_req, res) => void res.writeHead(302, { location: '/private/secret' }).end(),
  } });
});
afterAll(() => origin.close());
beforeEach(() => {
  log = [];
  robots = text('');
});

/** A fake clock: `sleep` advances it instead of waiting, and records every wait. */
function fakeClock() {
  let t = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    advance: (ms: number) => void (t += ms),
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
  };
}

function policyFetcher(options: Partial<RobotsPolicyOptions> = {}) {
  const raw = createFetcher({ allowPrivateNetworks: true, maxBytes: DEFAULTS.robotsMaxBytes, timeoutMs: 500 });
  const policy = createRobotsPolicy({ fetch: raw, userAgent: DEFAULTS.userAgent, delayMs: 0, ...options });
  const fetcher = createFetcher({ allowPrivateNetworks: true, beforeRequest: policy.beforeRequest });
  return async (path: string, headers?: Record<string, string>) => {
    const before = origin.requests.length;
    try {
      const res = await fetcher(origin.at(path), headers ? { headers } : {});
      return res.text;
    } finally {
      for (const r of origin.requests.slice(before)) log.push(new URL(r.url!, 'http://x').pathname);
    }
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FetchError);
  return (error as FetchError).message;
}

describe('robots.txt rules', () => {
  it('refuses a disallowed URL without requesting it, and reads robots.txt once per origin', async () => {
    robots = text('User-agent: *\nDisallow: /private/\n');
    const get = policyFetcher();
    expect(await get('/news/1')).toBe('<p>/news/1</p>');
    const message = await refusal(get('/private/secret'));
    expect(message).toBe(`${origin.at('/private/secret')} is disallowed by robots.txt (line 2)`);
    expect(await get('/news/2')).toBe('<p>/news/2</p>');
    expect(log).toEqual(['/robots.txt', '/news/1', '/news/2']);
  });

  it('checks every redirect hop', async () => {
    robots = text('User-agent: *\nDisallow: /private/\n');
    const message = await refusal(policyFetcher()('/go-private'));
    expect(message).toContain('/private/secret is disallowed by robots.txt');
    expect(log).toEqual(['/robots.txt', '/go-private']);
  });

  it('follows the group for its own product token over the * group', async () => {
    robots = text('User-agent: *\nDisallow: /\n\nUser-agent: feedwright\nDisallow: /drafts/\n');
    const get = policyFetcher();
    expect(await get('/news/1')).toBe('<p>/news/1</p>');
    expect(await refusal(get('/drafts/x'))).toContain('disallowed by robots.txt');
  });

  it('follows the group of a request\'s own User-Agent (a source\'s request.userAgent) by its product token', async () => {
    robots = text('User-agent: *\nDisallow: /members/\n\nUser-agent: myreader\nDisallow: /drafts/\nCrawl-delay: 5\n');
    const clock = fakeClock();
    const get = policyFetcher({ now: clock.now, sleep: clock.sleep });
    const mine = { 'User-Agent': 'MyReader/2.0 (+https://feeds.example.org)' };
    expect(await get('/members/1', mine)).toBe('<p>/members/1</p>');
    expect(await refusal(get('/drafts/x', mine))).toBe(`${origin.at('/drafts/x')} is disallowed by robots.txt (line 5)`);
    expect(clock.waits).toEqual([5000]); // its group's Crawl-delay: robots.txt, then /members/1
    // feedwright's own User-Agent, and one without a product token, are held to the * group.
    for (const headers of [undefined, { 'user-agent': '(compatible; 2.0)' }]) {
      expect(await refusal(get('/members/2', headers))).toContain('/members/2 is disallowed by robots.txt (line 2)');
      expect(await get('/drafts/y', headers)).toBe('<p>/drafts/y</p>');
    }
    expect(log).toEqual(['/robots.txt', '/members/1', '/robots.txt', '/drafts/y', '/robots.txt', '/drafts/y']);
  });

  it('names a User-Agent by its product token', () => {
    expect(productToken(DEFAULTS.userAgent)).toBe('feedwright');
    expect(productToken('Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0')).toBe('Mozilla');
    expect(productToken('my_bot-x/1.0')).toBe('my_bot-x');
    expect(productToken('Feed Reader 2')).toBe('Feed');
    expect(productToken('2bot/1.0')).toBe('*');
  });

  it('allows everything when robots.txt is missing (4xx)', async () => {
    robots = (_req, res) => void res.writeHead(404).end('nope');
    const get = policyFetcher();
    expect(await get('/private/secret')).toBe('<p>/private/secret</p>');
  });

  it('applies the first DEFAULTS.robotsMaxBytes of a larger robots.txt, as crawlers do', async () => {
    const filler = `# ${'x'.repeat(98)}\n`.repeat(Math.ceil(DEFAULTS.robotsMaxBytes / 100));
    // Rules before the cap apply; the line cut by it and everything after it are dropped.
    robots = text(`User-agent: *\nDisallow: /private/\n${filler}Disallow: /news/\n`);
    const get = policyFetcher();
    expect(await refusal(get('/private/secret'))).toContain('/private/secret is disallowed by robots.txt (line 2)');
    expect(await get('/news/1')).toBe('<p>/news/1</p>');
    // A declared Content-Length past the cap is read up to the cap too.
    robots = (_req, res) => {
      const body = Buffer.from(`User-agent: *\nDisallow: /secret/\n${filler}`);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length) }).end(body);
    };
    expect(await refusal(policyFetcher()('/secret/x'))).toContain('disallowed by robots.txt (line 2)');
  });

  it('ignores the rules with robots: false, requesting no robots.txt', async () => {
    robots = text('User-agent: *\nDisallow: /\n');
    expect(await policyFetcher({ robots: false })('/private/secret')).toBe('<p>/private/secret</p>');
    expect(log).toEqual(['/private/secret']);
  });
});

describe('robots.txt unreachable', () => {
  it('refuses the whole site on a 5xx, asking again on the next request, until it answers', async () => {
    robots = (_req, res) => void res.writeHead(503, { 'retry-after': '300' }).end('down');
    const clock = fakeClock();
    const get = policyFetcher({ now: clock.now, sleep: clock.sleep, errorTtlMs: 60_000 });
    const error = await get('/news/1').catch((e: unknown) => e as FetchError);
    expect((error as FetchError).message).toBe(
      `not fetching ${origin.at('/news/1')}: ${origin.at('')}/robots.txt is unreachable (HTTP 503); retrying later`.replace('//robots', '/robots'),
    );
    // The site's answer travels with the refusal, so the source's backoff honours Retry-After.
    expect((error as FetchError).status).toBe(503);
    expect((error as FetchError).retryAfter).toBe(300);
    expect(await refusal(get('/news/2'))).toContain('unreachable');
    expect(log).toEqual(['/robots.txt', '/robots.txt']);
    robots = text(''); // recovered: the very next request goes through
    expect(await get('/news/3')).toBe('<p>/news/3</p>');
    expect(log).toEqual(['/robots.txt', '/robots.txt', '/robots.txt', '/news/3']);
  });

  it('reports a bot challenge in front of robots.txt as that wall: the source is blocked, not down', async () => {
    const challenge = readFileSync(new URL('../fixtures/challenge/cloudflare-503-checking-browser.html', import.meta.url), 'utf8');
    robots = (_req, res) => void res.writeHead(503, { 'content-type': 'text/html; charset=UTF-8', 'retry-after': '30' }).end(challenge);
    const error = await policyFetcher()('/news/1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WallError);
    expect(error).toMatchObject({ status: 503, retryAfter: 30 });
    expect((error as WallError).message).toBe(`${origin.url}robots.txt answers with a Cloudflare bot challenge ("Just a moment...") (HTTP 503) instead of the page`);
    expect(classifyFailure(error).state).toBe('blocked');
    expect(log).toEqual(['/robots.txt']);
  });

  it('reports a site that never answers as the site timing out', async () => {
    robots = () => {}; // hangs; the robots fetcher times out after 500 ms
    const message = await refusal(policyFetcher()('/news/1'));
    expect(message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+: timed out after 500 ms/);
    expect(message).not.toContain('robots.txt is unreachable');
  });

  it('reports a site that is down (DNS fails) as down, and reads it again as soon as it is back', async () => {
    let dnsUp = false;
    const safety = {
      resolveHost: async (host: string) => {
        if (!dnsUp) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
        return ['93.184.216.34'];
      },
      fetch: routeTestHosts(origin.port),
    };
    const clock = fakeClock();
    const policy = createRobotsPolicy({
      fetch: createFetcher({ ...safety, maxBytes: DEFAULTS.robotsMaxBytes }), userAgent: DEFAULTS.userAgent, delayMs: 0, now: clock.now, sleep: clock.sleep,
    });
    const fetcher = createFetcher({ ...safety, beforeRequest: policy.beforeRequest });
    const message = await refusal(fetcher('http://news.test/latest'));
    expect(message).toBe('cannot reach http://news.test: DNS lookup failed for news.test: getaddrinfo ENOTFOUND news.test');
    dnsUp = true; // back a moment later: no block outlives the outage
    clock.advance(1);
    expect((await fetcher('http://news.test/latest')).text).toBe('<p>/latest</p>');
  });

  it('keeps using the last good copy when a refresh fails', async () => {
    robots = text('User-agent: *\nDisallow: /private/\n');
    const clock = fakeClock();
    const get = policyFetcher({ now: clock.now, sleep: clock.sleep, cacheTtlMs: 1000 });
    expect(await get('/news/1')).toBe('<p>/news/1</p>');
    robots = (_req, res) => void res.writeHead(500).end();
    clock.advance(1001);
    expect(await get('/news/2')).toBe('<p>/news/2</p>');
    expect(await refusal(get('/private/x'))).toContain('disallowed by robots.txt');
    expect(log).toEqual(['/robots.txt', '/news/1', '/robots.txt', '/news/2']);
  });
});

describe('per-host spacing', () => {
  it('spaces requests to one host by delayMs, robots.txt included', async () => {
    const clock = fakeClock();
    const get = policyFetcher({ now: clock.now, sleep: clock.sleep, delayMs: 1000 });
    await get('/a');
    await get('/b');
    clock.advance(5000); // a request long after the last one does not wait
    await get('/c');
    expect(log).toEqual(['/robots.txt', '/a', '/b', '/c']);
    expect(clock.waits).toEqual([1000, 1000]);
  });

  it('reserves slots for concurrent requests: each waits one more delay', async () => {
    const clock = fakeClock();
    const get = policyFetcher({ now: clock.now, delayMs: 500, robots: false, sleep: async (ms) => void clock.waits.push(ms) });
    await Promise.all([get('/a'), get('/b'), get('/c')]);
    expect(clock.waits.sort((x, y) => x - y)).toEqual([500, 1000]);
  });

  it('honours Crawl-delay when it is longer than delayMs, up to maxDelayMs', async () => {
    robots = text('User-agent: *\nCrawl-delay: 3\n');
    const clock = fakeClock();
    await policyFetcher({ now: clock.now, sleep: clock.sleep, delayMs: 1000 })('/a');
    expect(clock.waits).toEqual([3000]); // robots.txt, then /a three seconds later
    robots = text('User-agent: *\nCrawl-delay: 86400\n');
    const capped = fakeClock();
    await policyFetcher({ now: capped.now, sleep: capped.sleep, delayMs: 1000, maxDelayMs: 20_000 })('/a');
    expect(capped.waits).toEqual([20_000]);
  });

  it('waits for real between requests to one host', async () => {
    const get = policyFetcher({ delayMs: 150, robots: false });
    const first = Date.now();
    await get('/a');
    await get('/b');
    expect(Date.now() - first).toBeGreaterThanOrEqual(145);
  });

  it('gives up waiting when the request is aborted', async () => {
    const policy = createRobotsPolicy({ fetch: createFetcher({ allowPrivateNetworks: true }), userAgent: 'x', robots: false, delayMs: 60_000 });
    const controller = new AbortController();
    await policy.beforeRequest(origin.at('/a'), controller.signal);
    const waiting = policy.beforeRequest(origin.at('/b'), controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
