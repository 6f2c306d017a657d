import { describe, expect, it } from 'vitest';
import { WallError, detectChallenge } from '../../src/fetch/challenge.ts';
import { FetchError } from '../../src/fetch/types.ts';
import { classifyFailure, classifyState, EmptyListingError, type StateInput } from '../../src/pipeline/source-state.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-12-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** `n` items published one a day up to `lastDaysAgo`, each first seen when published, with every field. */
function daily(n: number, lastDaysAgo = 0, fields: Partial<{ authors: string[]; image: string | null; contentHtml: string | null; dated: boolean }> = {}) {
  return Array.from({ length: n }, (_, i) => {
    const t = NOW.getTime() - (lastDaysAgo + i) * DAY;
    const published = fields.dated === false ? iso(t) : iso(t - 3_600_000);
    return { published, firstSeen: iso(t), authors: fields.authors ?? ['Ann'], contentHtml: fields.contentHtml === undefined ? '<p>x</p>' : fields.contentHtml, image: fields.image === undefined ? 'https://x/i.jpg' : fields.image };
  });
}

function input(over: Partial<StateInput> = {}): StateInput {
  return {
    sourceId: 's', now: NOW, previous: { state: 'ok', since: '2026-11-01T00:00:00.000Z' }, paused: false,
    failure: null, notModified: false, earlierFound: 10, storedItems: 10, driftSelectors: [],
    recent: daily(10), runStarted: new Date(NOW.getTime() - 1000), scheduleMs: 30 * 60_000, ...over,
  };
}

describe('classifyState', () => {
  it('keeps the state and its since when nothing changed, and reports no transition', () => {
    expect(classifyState(input())).toEqual({ state: 'ok', reason: 'the last run succeeded', since: '2026-11-01T00:00:00.000Z', transition: null });
  });

  it('reports a transition with from, to, reason and the instant', () => {
    const v = classifyState(input({ failure: classifyFailure(new FetchError('HTTP 403 from https://a.example/', 'https://a.example/', 403)) }));
    expect(v.state).toBe('blocked');
    expect(v.since).toBe(NOW.toISOString());
    expect(v.transition).toEqual({ sourceId: 's', from: 'ok', to: 'blocked', reason: v.reason, at: NOW.toISOString() });
    expect(v.reason).toBe('the site refuses feedwright (HTTP 403): HTTP 403 from https://a.example/');
  });

  it('a first run moves a source out of new', () => {
    expect(classifyState(input({ previous: { state: 'new', since: null } })).transition).toMatchObject({ from: 'new', to: 'ok' });
  });

  it('paused wins over everything', () => {
    expect(classifyState(input({ paused: true, failure: { state: 'failing', reason: 'x' } })).state).toBe('paused');
  });

  it('an empty listing is empty where earlier runs found links, drift when configured selectors match nothing', () => {
    const failure = classifyFailure(new EmptyListingError('no article links found on the listing page'));
    expect(classifyState(input({ failure }))).toMatchObject({ state: 'empty', reason: 'no article links found on the listing page (the previous run found 10)' });
    expect(classifyState(input({ failure, driftSelectors: ['list.item "article.post" matched nothing'] })))
      .toMatchObject({ state: 'drift', reason: 'the page changed: list.item "article.post" matched nothing' });
    // Never found anything: the source is misconfigured, not emptied.
    expect(classifyState(input({ failure, earlierFound: null, storedItems: 0, recent: [] })).state).toBe('failing');
  });

  it('drift: configured selectors that match nothing on a successful run', () => {
    expect(classifyState(input({ driftSelectors: ['article.date "span.when" matched nothing on 5 of 5 pages'] })).state).toBe('drift');
  });

  it('drift: a field most earlier items have is missing on most new ones', () => {
    const runStarted = new Date(NOW.getTime() - 60_000);
    const fresh = Array.from({ length: 4 }, () => ({ published: iso(NOW.getTime()), firstSeen: iso(NOW.getTime()), authors: [], contentHtml: '<p>x</p>', image: null }));
    const v = classifyState(input({ recent: [...fresh, ...daily(8, 1)], runStarted }));
    expect(v).toMatchObject({ state: 'drift', reason: 'date, author and image missing on 4 of 4 new items (most earlier items have them)' });
    // Items that never had an author are not drift when new ones lack one too.
    const never = classifyState(input({ recent: [...fresh.map((f) => ({ ...f, image: 'i', published: iso(NOW.getTime() - 5) })), ...daily(8, 1, { authors: [] })], runStarted }));
    expect(never.state).toBe('ok');
    // Two new items are too few to judge.
    expect(classifyState(input({ recent: [...fresh.slice(0, 2), ...daily(8, 1)], runStarted })).state).toBe('ok');
  });

  it('stale: no new item for much longer than the usual gap between items', () => {
    // Daily items, the newest 3 days old: within 4 gaps.
    expect(classifyState(input({ recent: daily(10, 3) })).state).toBe('ok');
    const v = classifyState(input({ recent: daily(10, 9) }));
    expect(v).toMatchObject({ state: 'stale', reason: 'no new item for 9 days; this source usually has one every 1 day' });
    // A schedule slower than the rhythm stretches the limit: three runs a week apart.
    expect(classifyState(input({ recent: daily(10, 9), scheduleMs: 7 * DAY })).state).toBe('ok');
    // Too few items to know a rhythm.
    expect(classifyState(input({ recent: daily(3, 30) })).state).toBe('ok');
  });

  it('a 304 keeps empty and drift (the listing did not change), and clears failing', () => {
    expect(classifyState(input({ notModified: true, previous: { state: 'drift', since: 'x' } })).state).toBe('drift');
    expect(classifyState(input({ notModified: true, previous: { state: 'failing', since: 'x' } })).state).toBe('ok');
  });
});

describe('classifyFailure', () => {
  it('blocked: blocking statuses and bot walls', () => {
    for (const status of [401, 403, 429, 451]) expect(classifyFailure(new FetchError(`HTTP ${status} from u`, 'u', status)).state).toBe('blocked');
    const wall = new WallError(detectChallenge({ status: 200, body: '<title>Just a moment...</title><script>window._cf_chl_opt={}</script>' })!, 'https://a.example/');
    expect(classifyFailure(wall)).toEqual({ state: 'blocked', reason: 'https://a.example/ answers with a Cloudflare bot challenge ("Just a moment...") instead of the page' });
  });

  it('failing names what failed, and a site that does not answer is never a robots.txt problem', () => {
    expect(classifyFailure(new FetchError('HTTP 503 from u', 'u', 503)).reason).toBe('the site is down (HTTP 503): HTTP 503 from u');
    expect(classifyFailure(new FetchError('DNS lookup failed for nx.example: getaddrinfo ENOTFOUND nx.example', 'u')).reason).toMatch(/^DNS fails for the site: /);
    expect(classifyFailure(new FetchError('timed out after 15000 ms: u', 'u')).reason).toMatch(/^the site does not answer in time: /);
    const down = classifyFailure(new FetchError('cannot reach http://127.0.0.1:9: fetch failed (ECONNREFUSED: connect ECONNREFUSED)', 'u'));
    expect(down).toEqual({ state: 'failing', reason: expect.stringMatching(/^the site cannot be reached: /) });
    expect(down.reason).not.toMatch(/robots/);
    expect(classifyFailure(new FetchError('HTTP 404 from u', 'u', 404)).reason).toBe('the site answers HTTP 404: HTTP 404 from u');
    expect(classifyFailure(new Error('not a feed')).reason).toBe('the run failed: not a feed');
  });
});
