import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/defaults.ts';
import { FetchError } from '../../src/fetch/types.ts';
import { scrapeSource } from '../../src/pipeline/scrape.ts';
import { openSqliteStore } from '../../src/runtime/node/sqlite.ts';
import { makeSource } from '../../testkit/sources.ts';

/** The wait before the next attempt after each of `statuses` in turn (injected clock). */
async function waits(statuses: number[], retryAfter?: number): Promise<number[]> {
  const store = await openSqliteStore(':memory:');
  const now = new Date('2026-12-01T00:00:00Z');
  const out: number[] = [];
  try {
    for (const status of statuses) {
      const fetch = async (url: string) => { throw new FetchError(`HTTP ${status} from ${url}`, url, status, retryAfter); };
      await scrapeSource(makeSource({ id: 's' }), { fetch, store, now: () => now });
      out.push(Date.parse((await store.getState('s'))!.nextAttempt!) - now.getTime());
    }
  } finally {
    await store.close();
  }
  return out;
}

const within = (ms: number, base: number) => ms >= base * 0.8 && ms <= base * 1.2;

describe('a refused source cools down', () => {
  it('on 429 and 403 waits on the cool-down curve, growing, instead of the failure backoff', async () => {
    const [first, second, third] = await waits([429, 429, 403]);
    expect(within(first, DEFAULTS.cooldownBaseMs)).toBe(true);
    expect(within(second, 2 * DEFAULTS.cooldownBaseMs)).toBe(true);
    expect(within(third, 4 * DEFAULTS.cooldownBaseMs)).toBe(true);
  });

  it('a plain failure keeps the short backoff', async () => {
    const [first] = await waits([500]);
    expect(within(first, DEFAULTS.backoffBaseMs)).toBe(true);
  });

  it('a longer Retry-After wins', async () => {
    const [first] = await waits([429], 3 * 3600);
    expect(first).toBe(3 * 3600_000);
  });
});
