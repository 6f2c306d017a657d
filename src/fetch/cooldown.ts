/**
 * Cool-downs: a host that answers 429 (too many requests) or 403 (refused) gets nothing more from
 * this fetcher until its cool-down ends: its Retry-After when it sends one, else growing waits
 * (DEFAULTS.cooldownBaseMs doubling up to cooldownMaxMs, the same curve as a refused source's
 * runs). Requests meanwhile fail at once with the reason, without touching the network; a good
 * answer from the host ends the streak. Each scrape run wraps its fetcher in one (pipeline/
 * scrape.ts), so a refusal stops the rest of that run asking, and one source never cools another.
 */
import { DEFAULTS } from '../defaults.ts';
import { backoffDelayMs } from '../utils/backoff.ts';
import { FetchError, type Fetcher } from './types.ts';

/** Statuses that mean "the site does not want these requests now". */
export const isRefusal = (status: number | undefined): boolean => status === 403 || status === 429;

export interface CooldownOptions {
  /** Clock, in ms (tests inject one). */
  now?: () => number;
  random?: () => number;
  /** Hosts remembered at most (the oldest cool-down is forgotten first). */
  maxHosts?: number;
}

interface Streak {
  strikes: number;
  until: number;
  status: number;
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
};

/** `fetcher`, cooling hosts down after 403/429. One record per fetcher (per isolate on Workers). */
export function withHostCooldown(fetcher: Fetcher, options: CooldownOptions = {}): Fetcher {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxHosts = options.maxHosts ?? DEFAULTS.robotsMaxOrigins;
  const streaks = new Map<string, Streak>();
  const curve = { baseMs: DEFAULTS.cooldownBaseMs, maxMs: DEFAULTS.cooldownMaxMs };

  return async (url, fetchOptions) => {
    const host = hostOf(url);
    const streak = host ? streaks.get(host) : undefined;
    if (streak && streak.until > now()) {
      const waitS = Math.ceil((streak.until - now()) / 1000);
      throw new FetchError(
        `${host} answered HTTP ${streak.status}; cooling down until ${new Date(streak.until).toISOString()} before asking it again`,
        url, streak.status, waitS,
      );
    }
    try {
      const result = await fetcher(url, fetchOptions);
      if (host && streak) streaks.delete(host);
      return result;
    } catch (error) {
      const status = error instanceof FetchError ? error.status : undefined;
      const refusedHost = error instanceof FetchError && isRefusal(status) ? hostOf(error.url) : null;
      if (refusedHost) {
        const strikes = (streaks.get(refusedHost)?.strikes ?? 0) + 1;
        const retryAfter = (error as FetchError).retryAfter;
        const waitMs = retryAfter !== undefined ? retryAfter * 1000 : backoffDelayMs(strikes, curve, random);
        streaks.delete(refusedHost);
        streaks.set(refusedHost, { strikes, until: now() + waitMs, status: status! });
        if (streaks.size > maxHosts) streaks.delete(streaks.keys().next().value!);
      }
      throw error;
    }
  };
}
