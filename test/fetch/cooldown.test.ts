import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/defaults.ts';
import { withHostCooldown } from '../../src/fetch/cooldown.ts';
import { createFetcher } from '../../src/fetch/fetcher.ts';
import { FetchError } from '../../src/fetch/types.ts';
import { startOrigin, type Origin } from '../../testkit/origin.ts';

let origin: Origin;
let answer = { status: 429, retryAfter: null as string | null };

beforeAll(async () => {
  origin = await startOrigin({
    routes: {
      '/*': (_req, res) => {
        res.statusCode = answer.status;
        if (answer.retryAfter) res.setHeader('retry-after', answer.retryAfter);
        res.end('x');
      },
    },
  });
});
afterAll(() => origin.close());

/** A fetcher with a hand-moved clock and no jitter (random 0.5 → factor 1). */
function setup() {
  let now = Date.parse('2026-12-01T00:00:00Z');
  const fetch = withHostCooldown(createFetcher({ allowPrivateNetworks: true }), { now: () => now, random: () => 0.5 });
  return { fetch, advance: (ms: number) => { now += ms; }, hits: () => origin.hits.length };
}

const errorOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as FetchError);

describe('host cool-down after 429/403', () => {
  it('stops asking a host that answered 429 until the cool-down ends, with growing waits', async () => {
    answer = { status: 429, retryAfter: null };
    const { fetch, advance, hits } = setup();
    const start = hits();
    await errorOf(fetch(origin.at('/a')));
    expect(hits()).toBe(start + 1);
    // Cooling down: nothing is sent, the error says why and until when.
    const cooling = await errorOf(fetch(origin.at('/b')));
    expect(cooling.message).toMatch(/answered HTTP 429; cooling down until 2026-12-01T00:15:00\.000Z/);
    expect(cooling.status).toBe(429);
    expect(cooling.retryAfter).toBe(DEFAULTS.cooldownBaseMs / 1000);
    expect(hits()).toBe(start + 1);
    advance(DEFAULTS.cooldownBaseMs - 1000);
    await errorOf(fetch(origin.at('/c')));
    expect(hits()).toBe(start + 1);
    // After it, one request goes out; a second refusal doubles the wait.
    advance(1000);
    await errorOf(fetch(origin.at('/d')));
    expect(hits()).toBe(start + 2);
    advance(DEFAULTS.cooldownBaseMs * 2 - 1);
    await errorOf(fetch(origin.at('/e')));
    expect(hits()).toBe(start + 2);
    advance(1);
    answer = { status: 200, retryAfter: null };
    await fetch(origin.at('/f'));
    // A good answer ends the streak: the next refusal starts at the base wait again.
    answer = { status: 403, retryAfter: null };
    await errorOf(fetch(origin.at('/g')));
    const again = await errorOf(fetch(origin.at('/h')));
    expect(again.message).toMatch(/answered HTTP 403/);
    expect(again.retryAfter).toBe(DEFAULTS.cooldownBaseMs / 1000);
  });

  it('waits what Retry-After asks, shorter or longer than the cool-down', async () => {
    answer = { status: 429, retryAfter: '60' };
    const short = setup();
    await errorOf(short.fetch(origin.at('/a')));
    const before = short.hits();
    short.advance(59_000);
    expect((await errorOf(short.fetch(origin.at('/b')))).retryAfter).toBe(1);
    short.advance(1000);
    answer = { status: 200, retryAfter: null };
    await short.fetch(origin.at('/c'));
    expect(short.hits()).toBe(before + 1);

    answer = { status: 429, retryAfter: '7200' };
    const { fetch, advance, hits } = setup();
    await errorOf(fetch(origin.at('/a')));
    const start = hits();
    advance(DEFAULTS.cooldownBaseMs * 4);
    expect((await errorOf(fetch(origin.at('/b')))).retryAfter).toBe(7200 - DEFAULTS.cooldownBaseMs * 4 / 1000);
    advance(7200_000 - DEFAULTS.cooldownBaseMs * 4);
    answer = { status: 200, retryAfter: null };
    await fetch(origin.at('/c'));
    expect(hits()).toBe(start + 1);
  });

  it('leaves other failures alone', async () => {
    answer = { status: 500, retryAfter: null };
    const { fetch, hits } = setup();
    const start = hits();
    await errorOf(fetch(origin.at('/a')));
    await errorOf(fetch(origin.at('/b')));
    expect(hits()).toBe(start + 2);
  });
});
