import { describe, expect, it } from 'vitest';
import { isNotModified, parseEtagList, strongEtag, weakMatch } from '../../src/server/conditional.ts';

const now = new Date('2024-03-10T12:00:00.000Z');
const v = { etag: '"abc"', lastModified: new Date('2024-03-10T08:00:00.500Z') };
const h = (init: Record<string, string>) => new Headers(init);

describe('conditional requests', () => {
  it('derives a stable strong ETag from its parts', async () => {
    const a = await strongEtag(['news', 'rss', '50', '7']);
    expect(a).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await strongEtag(['news', 'rss', '50', '7'])).toBe(a);
    expect(await strongEtag(['news', 'rss', '50', '8'])).not.toBe(a);
    expect(await strongEtag(['news', 'rss5', '0', '7'])).not.toBe(a); // parts are delimited
  });

  it('parses entity-tag lists, including commas inside tags and *', () => {
    expect(parseEtagList('"a", W/"b,c" ,"d"')).toEqual(['"a"', 'W/"b,c"', '"d"']);
    expect(parseEtagList(' * ')).toBe('*');
    expect(parseEtagList('unquoted')).toEqual([]);
  });

  it('compares weakly', () => {
    expect(weakMatch('W/"x"', '"x"')).toBe(true);
    expect(weakMatch('"x"', 'W/"x"')).toBe(true);
    expect(weakMatch('"x"', '"y"')).toBe(false);
  });

  it('lets If-None-Match decide when present', () => {
    expect(isNotModified(h({ 'If-None-Match': '"zzz", W/"abc"' }), v, now)).toBe(true);
    expect(isNotModified(h({ 'If-None-Match': '*' }), v, now)).toBe(true);
    expect(isNotModified(h({ 'If-None-Match': '"zzz"', 'If-Modified-Since': 'Sun, 10 Mar 2024 09:00:00 GMT' }), v, now)).toBe(false);
  });

  it('compares If-Modified-Since at one-second precision and ignores invalid or future dates', () => {
    expect(isNotModified(h({ 'If-Modified-Since': 'Sun, 10 Mar 2024 08:00:00 GMT' }), v, now)).toBe(true);
    expect(isNotModified(h({ 'If-Modified-Since': 'Sun, 10 Mar 2024 07:59:59 GMT' }), v, now)).toBe(false);
    expect(isNotModified(h({ 'If-Modified-Since': 'Mon, 11 Mar 2024 08:00:00 GMT' }), v, now)).toBe(false);
    expect(isNotModified(h({ 'If-Modified-Since': 'yesterday' }), v, now)).toBe(false);
    expect(isNotModified(h({}), v, now)).toBe(false);
  });
});
