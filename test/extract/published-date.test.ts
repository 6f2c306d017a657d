import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/html/parse.ts';
import { extractMetadata } from '../../src/extract/metadata.ts';

const now = new Date('2024-03-10T12:00:00Z');
const URL_ = 'https://news.example/story';
const md = (body: string, url = URL_, head = '', lang = 'en') =>
  extractMetadata(parseHtml(`<!doctype html><html lang="${lang}"><head><title>T</title>${head}</head><body>${body}</body></html>`), url, { now });

describe('the publication date among the dates a page shows', () => {
  it('takes a stated date before an "ago" beside it (read against now, not against the page)', () => {
    const body = `<article><h1>Story</h1><div class="info"><span class="time-ago">12 minutes ago</span>
      <span class="date">Wed 28th February 2024 | 03:32 PM</span></div><p>Text of the story.</p></article>
      <aside><div class="date_line">15 seconds ago</div><a href="/other">Other story</a></aside>`;
    expect(md(body).date).toBe('2024-02-28T15:32:00Z');
    // With nothing else stated, the "ago" is the date.
    expect(md('<article><span class="date">3 hours ago</span><p>Text.</p></article>').date).toBe('2024-03-10T09:00:00Z');
  });
});
