/**
 * WebSub wiring shared by the runtimes: the built-in hub (subscriptions in the SQL store, topics
 * rendered like GET /feeds/…) or, when the config names `websub.hub`, pings to that external hub.
 */
import { bundlesOf } from '../config/merge.ts';
import type { FeedwrightConfig, SourceConfig } from '../config/types.ts';
import { renderFeedDocument } from '../render/document.ts';
import type { SqlDriver } from '../store/sql-store.ts';
import type { Store } from '../store/store.ts';
import { externalHub } from './external-hub.ts';
import { createHub, type HubOptions } from './own-hub.ts';
import { SubscriptionStore } from './subscriptions.ts';
import type { WebSub } from './types.ts';

export interface CreateWebSubOptions {
  /** `allowPrivateNetworks` guards callbacks and pings; `websub.hub` picks the external hub; the rest are hub limits. */
  config: Pick<FeedwrightConfig, 'allowPrivateNetworks' | 'websub'>;
  /** Public base URL of the service; the built-in hub is `${baseUrl}/websub`. */
  baseUrl: string;
  /** The sources whose feeds are topics, as the app serves them. */
  sources: () => SourceConfig[] | Promise<SourceConfig[]>;
  /** Where the built-in hub keeps subscriptions. */
  driver: SqlDriver;
  /** Items of the topics the built-in hub delivers. */
  store: Store;
  /** Outgoing requests (Node: the public-only fetch). */
  fetch?: typeof fetch;
  /** DNS lookup for callback checks (Node); absent on Workers (literal hosts only). */
  resolveHost?: (hostname: string) => Promise<string[]>;
  log?: (line: string) => void;
  /** `updated` of a topic without items: pass the app's `startedAt`, so that deliveries and GET agree. */
  startedAt: Date;
  /** A topic's feed document; default the served document (render/document.ts) over `store`. */
  content?: HubOptions['content'];
}

export function createWebSub(options: CreateWebSubOptions): WebSub {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const common = {
    baseUrl,
    sources: options.sources,
    allowPrivateNetworks: options.config.allowPrivateNetworks,
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.log ? { log: options.log } : {}),
  };
  const external = options.config.websub?.hub;
  if (external) return withBundles(externalHub({ ...common, hub: external }), options.sources);
  const hubUrl = `${baseUrl}/websub`;
  return withBundles(createHub({
    ...common,
    hubUrl,
    subscriptions: new SubscriptionStore(options.driver),
    content: options.content ?? (async (source, format) => {
      const sources = await options.sources();
      const { body, contentType } = await renderFeedDocument(options.store, source, format, { baseUrl, hub: hubUrl, startedAt: options.startedAt, sources });
      return { body, contentType };
    }),
    limits: options.config.websub,
  }), options.sources);
}

/** A member's change is also its bundles' (`type: merge`): each is announced after the member. */
function withBundles(websub: WebSub, sources: CreateWebSubOptions['sources']): WebSub {
  const feedChanged = websub.feedChanged.bind(websub);
  return Object.assign(websub, {
    async feedChanged(sourceId: string, background?: (task: Promise<unknown>) => void): Promise<void> {
      await feedChanged(sourceId, background);
      for (const bundle of bundlesOf(sourceId, await sources())) await feedChanged(bundle.id, background);
    },
  });
}
