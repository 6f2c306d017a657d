/** The feed document a WebSub subscriber receives: byte for byte what GET /feeds/… serves. */
import type { SourceConfig } from '../config/types.ts';
import { renderFeedDocument } from '../render/document.ts';
import type { FeedFormat } from '../render/types.ts';
import type { Store } from '../store/store.ts';
import type { TopicContent } from './own-hub.ts';

export type { TopicContent } from './own-hub.ts';

/**
 * `startedAt` is the `updated` of a feed without items; pass the app's, so that both documents
 * agree (default: now).
 */
export async function renderTopic(
  store: Store,
  source: SourceConfig,
  format: FeedFormat,
  options: { baseUrl: string; hub: string | null; startedAt?: Date },
): Promise<TopicContent> {
  const { body, contentType } = await renderFeedDocument(store, source, format, { ...options, startedAt: options.startedAt ?? new Date() });
  return { body, contentType };
}
