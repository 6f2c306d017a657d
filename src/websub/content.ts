/** The feed document a WebSub subscriber receives: the same renderer and items as GET /feeds/…. */
import type { SourceConfig } from '../config/types.ts';
import { renderFeed } from '../render/feed.ts';
import { FEED_STYLESHEET_HREF } from '../render/stylesheet.ts';
import type { FeedFormat, FeedMeta } from '../render/types.ts';
import { FEED_CONTENT_TYPES, feedUrl } from '../render/urls.ts';
import type { Store } from '../store/store.ts';

export interface TopicContent {
  body: string;
  contentType: string;
}

export async function renderTopic(
  store: Store,
  source: SourceConfig,
  format: FeedFormat,
  options: { baseUrl: string; hub: string | null },
): Promise<TopicContent> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const version = await store.feedVersion(source.id);
  const meta: FeedMeta = {
    id: source.id,
    title: source.title,
    siteUrl: source.url ?? `${baseUrl}/`,
    baseUrl,
    language: source.language ?? null,
    updated: version.lastModified,
    hub: options.hub,
    selfUrl: feedUrl(baseUrl, source.id, format),
    stylesheet: FEED_STYLESHEET_HREF,
  };
  const items = await store.listItems(source.id, source.limit);
  return { body: renderFeed(format, meta, items), contentType: FEED_CONTENT_TYPES[format] };
}
