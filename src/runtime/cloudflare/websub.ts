/**
 * WebSub on Workers: the built-in hub (subscriptions in D1) or pings to `config.websub.hub`, as on
 * Node (runtime/node/context.ts). One hub per isolate and public base URL, so that its task
 * tracking outlives the per-snapshot app. Background work is handed to `ctx.waitUntil` by the
 * callers (createApp for POST /websub and pushes, the queue handler after a scrape). Workers
 * cannot resolve names, so callbacks are checked by their literal host only (websub/callback.ts).
 */
import { createWebSub } from '../../websub/create.ts';
import type { WebSub } from '../../websub/types.ts';
import type { WorkerContext } from './context.ts';
import { mountBundled } from './sources.ts';

const hubs = new WeakMap<WorkerContext, Map<string, WebSub>>();

/** `startedAt`: the isolate's start, the `updated` of topics without items (as the app serves them). */
export function hubFor(ctx: WorkerContext, baseUrl: string, startedAt: Date): WebSub {
  let byBase = hubs.get(ctx);
  if (!byBase) hubs.set(ctx, (byBase = new Map()));
  let hub = byBase.get(baseUrl);
  if (!hub) {
    hub = createWebSub({
      config: ctx.config, baseUrl, driver: ctx.db, store: ctx.store, startedAt,
      // The sources as the app serves them at this base (bundled file: sources under /local/).
      sources: async () => mountBundled(await ctx.sources(), baseUrl).sources,
    });
    byBase.set(baseUrl, hub);
  }
  return hub;
}
