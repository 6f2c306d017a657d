/**
 * Article pages that could not be read, kept in the source's state and retried with backoff on
 * later runs, whatever the listing answers (a `304` listing would otherwise hide them until it
 * changes). A page read successfully leaves the list.
 */
import { DEFAULTS } from '../defaults.ts';
import type { FailedArticle, ListedLink, SourceState } from '../model.ts';
import { backoffUntil } from './due.ts';

const MAX_TEXT = 1000;

/** Failed pages whose backoff has elapsed, oldest failure first. */
export function dueFailures(state: SourceState, now: Date): FailedArticle[] {
  return (state.failedArticles ?? []).filter((f) => !(Date.parse(f.nextAttempt) > now.getTime()));
}

/** URLs of failed pages still waiting out their backoff: not read this run, even when listed. */
export function waitingUrls(state: SourceState, now: Date): Set<string> {
  return new Set((state.failedArticles ?? []).filter((f) => Date.parse(f.nextAttempt) > now.getTime()).map((f) => f.listed.url));
}

export function recordFailure(state: SourceState, link: ListedLink, error: string, now: Date): void {
  const list = state.failedArticles ?? [];
  const known = list.find((f) => f.listed.url === link.url);
  const failures = (known?.failures ?? 0) + 1;
  const entry: FailedArticle = {
    listed: known?.listed ?? plainLink(link),
    failures,
    nextAttempt: backoffUntil(failures, now).toISOString(),
    error: error.slice(0, MAX_TEXT),
  };
  state.failedArticles = [...list.filter((f) => f !== known), entry].slice(-DEFAULTS.maxFailedArticles);
}

export function recordSuccess(state: SourceState, url: string): void {
  if (state.failedArticles?.some((f) => f.listed.url === url)) {
    state.failedArticles = state.failedArticles.filter((f) => f.listed.url !== url);
  }
}

/** The listing's own fields of a link (feed entries carry more), bounded in size. */
function plainLink(link: ListedLink): ListedLink {
  const out: ListedLink = { url: link.url };
  for (const key of ['title', 'date', 'summary', 'image'] as const) {
    const v: unknown = link[key];
    if (typeof v === 'string' && v !== '') out[key] = v.slice(0, MAX_TEXT);
  }
  return out;
}
