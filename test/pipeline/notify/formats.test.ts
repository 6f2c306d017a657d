import { describe, expect, it } from 'vitest';
import type { NotifyTarget } from '../../../src/config/types.ts';
import type { Notification } from '../../../src/pipeline/notify/events.ts';
import { webhookRequest } from '../../../src/pipeline/notify/formats.ts';
import { hmacSha256Hex } from '../../../src/utils/hash.ts';

const source = { id: 'news', title: 'News & <Views>', url: 'https://news.example.org/', feed: 'https://feeds.example/feeds/news.atom' };
const state: Notification = { event: 'source.state', at: '2026-12-01T10:00:00.000Z', source, from: 'ok', to: 'blocked', reason: 'the site refuses feedwright (HTTP 403)' };
const items = (n: number): Notification => ({
  event: 'items.new', at: '2026-12-01T10:00:00.000Z', source, count: n,
  items: Array.from({ length: n }, (_, i) => ({ id: `i${i}`, url: `https://news.example.org/a/${i}`, title: `Story ${i} <b>`, published: '2026-12-01T09:00:00.000Z' })),
});
const target = (over: Partial<NotifyTarget>): NotifyTarget => ({ url: 'https://hooks.example/x', events: ['source.state', 'items.new'], format: 'json', ...over });

describe('webhook messages', () => {
  it('json: the notification itself, with the event header and no signature without a secret', async () => {
    const req = await webhookRequest(target({}), state);
    expect(req.url).toBe('https://hooks.example/x');
    expect(JSON.parse(req.body)).toEqual(state);
    expect(req.headers).toMatchObject({ 'content-type': 'application/json', 'x-feedwright-event': 'source.state' });
    expect(req.headers['x-feedwright-signature']).toBeUndefined();
  });

  it('signs the exact body with HMAC-SHA256 of the secret', async () => {
    const req = await webhookRequest(target({ secret: 'k3y' }), items(2));
    expect(req.headers['x-feedwright-signature']).toBe(`sha256=${await hmacSha256Hex('k3y', req.body)}`);
    expect(req.headers['x-feedwright-event']).toBe('items.new');
  });

  it('slack: an incoming-webhook text in mrkdwn, control characters escaped, items as links', async () => {
    const body = JSON.parse((await webhookRequest(target({ format: 'slack' }), items(2))).body);
    expect(Object.keys(body).sort()).toEqual(['text', 'unfurl_links']);
    expect(body.text).toBe([
      'feedwright: 2 new items in "News &amp; &lt;Views&gt;"',
      '• <https://news.example.org/a/0|Story 0 &lt;b&gt;>',
      '• <https://news.example.org/a/1|Story 1 &lt;b&gt;>',
    ].join('\n'));
    expect(JSON.parse((await webhookRequest(target({ format: 'slack' }), state)).body).text)
      .toBe('feedwright: "News &amp; &lt;Views&gt;" is now blocked (was ok): the site refuses feedwright (HTTP 403)');
  });

  it('discord: content within 2000 characters, at most 10 embeds, mentions off', async () => {
    const body = JSON.parse((await webhookRequest(target({ format: 'discord' }), items(12))).body);
    expect(body.content).toBe('feedwright: 12 new items in "News & <Views>"');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(10);
    expect(body.embeds[0]).toEqual({ title: 'Story 0 <b>', url: 'https://news.example.org/a/0', timestamp: '2026-12-01T09:00:00.000Z' });
    const long = JSON.parse((await webhookRequest(target({ format: 'discord' }), { ...state, reason: 'x'.repeat(3000) })).body);
    expect(long.content.length).toBeLessThanOrEqual(2000);
    expect(long.embeds).toBeUndefined();
  });

  it('ntfy: JSON published at the server root, the topic from the URL', async () => {
    const req = await webhookRequest(target({ format: 'ntfy', url: 'https://ntfy.example.net/sub/path/feeds-alerts?x=1' }), state);
    expect(req.url).toBe('https://ntfy.example.net/sub/path/');
    expect(JSON.parse(req.body)).toEqual({
      topic: 'feeds-alerts', title: '"News & <Views>" is now blocked (was ok): the site refuses feedwright (HTTP 403)',
      message: 'the site refuses feedwright (HTTP 403)', tags: ['warning'], click: 'https://news.example.org/',
    });
    const news = JSON.parse((await webhookRequest(target({ format: 'ntfy', url: 'https://ntfy.sh/t' }), items(2))).body);
    expect(news).toMatchObject({ topic: 't', message: 'Story 0 <b>\nStory 1 <b>', tags: ['newspaper'], click: 'https://news.example.org/a/0' });
  });
});
