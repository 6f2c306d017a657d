/**
 * WebSub on Workers: the built-in hub (subscriptions in D1) or pings to `config.websub.hub`, as on
 * Node (runtime/node/context.ts). One hub per isolate and public base URL, so that its task
 * tracking outlives the per-snapshot app. Background work is handed to `ctx.waitUntil` by the
 * callers (createApp for POST /websub and pushes, the queue handler after a scrape). Workers
 * cannot resolve names, so callbacks are checked by their literal host only (websub/callback.ts).
 */
import { renderTopic } from '../../websub/content.ts';
import { createHub, externalHub, type WebSub } from '../../websub/hub.ts';
import { SubscriptionStore } from '../../websub/subscriptions.ts';
import type { WorkerContext } from './context.ts';
import { mountBundled } from './local-sites.ts';

const hubs = new WeakMap<WorkerContext, Map<string, WebSub>>();

export function hubFor(ctx: WorkerContext, baseUrl: string): WebSub {
  let byBase = hubs.get(ctx);
  if (!byBase) hubs.set(ctx, (byBase = new Map()));
  const existing = byBase.get(baseUrl);
  if (existing) return existing;
  const options = {
    baseUrl,
    // The sources as the app serves them at this base (bundled file: sources under /local/).
    sources: async () => mountBundled(await ctx.sources(), baseUrl).sources,
    allowPrivateNetworks: ctx.config.allowPrivateNetworks,
  };
  const hubUrl = `${baseUrl}/websub`;
  const external = ctx.config.websub?.hub;
  const hub: WebSub = external
    ? externalHub({ ...options, hub: external })
    : createHub({
      ...options,
      hubUrl,
      subscriptions: new SubscriptionStore(ctx.db),
      content: (source, format) => renderTopic(ctx.store, source, format, { baseUrl, hub: hubUrl }),
      limits: ctx.config.websub,
    });
  byBase.set(baseUrl, hub);
  return hub;
}
