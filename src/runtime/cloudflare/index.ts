/**
 * The Cloudflare Workers entry: the same Hono app and pipeline as on Node, over D1 (store),
 * KV (rendered feeds) and a Queue (one message per source refresh).
 *
 *   fetch      → the shared app (feeds, 304s, /, /feeds.opml, /health, /metrics, /api, /websub), which
 *                serves the bundled local sites at /local/<id>/ from the assets binding
 *   scheduled  → enqueue the due sources (no scraping in the cron invocation); deliver the few
 *                notifications whose Queue message was lost
 *   queue      → scrape the one source named by each message; tell WebSub when a feed changed
 */
import type { ExecutionContext, Hono } from 'hono';
import bundledConfig from '../../../data/sources.yaml';
import { SourceCatalog } from '../../config/catalog.ts';
import { announceRun } from '../../pipeline/announce.ts';
import { isScheduled } from '../../pipeline/due.ts';
import { previewSource } from '../../pipeline/preview/preview.ts';
import { formatReport, runMetrics } from '../../pipeline/runner.ts';
import { createApp } from '../../server/app.ts';
import { localSiteRoute } from '../../server/local-site-route.ts';
import { isNotifyMessage, type Message, type MessageBatch, type NotifyMessage, type QueueMessage, type RefreshMessage, type ScheduledController, type WorkerEnv } from './bindings.ts';
import { handleNotify, notifyRun, sweepOutbox } from './notify.ts';
import { handleRefresh } from './queue-consumer.ts';
import { workerContext, type WorkerContext } from './context.ts';
import { mountBundled } from './sources.ts';
import { enqueueDueSources } from './cron-trigger.ts';
import type { WorkerSources } from './sources.ts';
import { hubFor } from './websub.ts';

/**
 * Last-Modified of feeds without items: the isolate's first request, stable while it lives. Set
 * lazily: at global scope the Workers clock still reads 1970.
 */
let isolateStart: Date | null = null;
const started = (): Date => (isolateStart ??= new Date());

let app: { sources: WorkerSources; baseUrl: string; app: Hono } | null = null;

/** The app for the current sources snapshot (rebuilt when D1 sources are re-read). */
function appFor(ctx: WorkerContext, env: WorkerEnv, sources: WorkerSources, baseUrl: string): Hono {
  if (app && app.sources === sources && app.baseUrl === baseUrl) return app.app;
  for (const p of sources.problems) console.warn(`feedwright: ${p}`);
  // Bundled file: sources as published under /local/<id>/ at this base.
  const mounted = new Map(mountBundled(sources, baseUrl).sources.map((s) => [s.id, s]));
  const catalog = new SourceCatalog();
  catalog.resolveDb = sources.catalog.resolveDb;
  catalog.setFile(sources.fileEntries.map((e) => ({ ...e, source: mounted.get(e.source.id) ?? e.source })), sources.catalog.fileName);
  catalog.setDb(sources.dbEntries, sources.rowProblems);
  const built = createApp({
    catalog, store: ctx.store, cache: ctx.cache, baseUrl, startedAt: started(),
    adminToken: env.FEEDWRIGHT_ADMIN_TOKEN ?? null,
    ingestToken: env.FEEDWRIGHT_INGEST_TOKEN ?? null,
    metrics: ctx.metrics,
    metricsToken: env.FEEDWRIGHT_METRICS_TOKEN ?? null,
    healthPublic: ctx.config.health === 'public',
    // Serves POST /websub; pushes through the API tell it (createApp's default onFeedChanged),
    // with the request's waitUntil keeping deliveries alive.
    websub: hubFor(ctx, baseUrl, started()),
    localSites: localSiteRoute(mountBundled(sources, baseUrl).mounts, ctx.readLocalFile),
    // On demand refreshes go through the Queue like scheduled ones (answered 202).
    refresh: async (sourceId) => {
      await env.REFRESH_QUEUE.send({ sourceId, enqueuedAt: new Date().toISOString(), force: true });
    },
    // The dry run reads in this request, with the scraper's fetcher (address checks, robots.txt).
    preview: (body, signal) => previewSource(body, { fetch: ctx.fetch, browser: ctx.browser, noBrowser: ctx.noBrowser, siteRules: ctx.siteRules }, signal),
    // Other requests of this isolate read D1 again; a new, edited or resumed source is scraped now.
    onSourcesChanged: async (event) => {
      ctx.invalidateSources();
      const source = catalog.get(event.id)?.source;
      if (source && isScheduled(source) && ['added', 'changed', 'resumed'].includes(event.kind)) {
        await env.REFRESH_QUEUE.send({ sourceId: event.id, enqueuedAt: new Date().toISOString(), force: event.kind !== 'resumed' });
      }
    },
  });
  app = { sources, baseUrl, app: built };
  return built;
}

/**
 * Workers compress responses themselves (the runtime encodes the body a `Content-Encoding`
 * header names, and Cloudflare's edge compresses for clients that accept it), so the app's own
 * gzip would be applied twice. Without Accept-Encoding the app sends identity bodies.
 */
function withoutAcceptEncoding(request: Request): Request {
  if (!request.headers.has('accept-encoding')) return request;
  const headers = new Headers(request.headers);
  headers.delete('accept-encoding');
  return new Request(request, { headers });
}

export default {
  async fetch(request: Request, env: WorkerEnv, executionCtx: ExecutionContext): Promise<Response> {
    const ctx = workerContext(env, bundledConfig);
    const sources = await ctx.sources();
    // Without a configured BASE_URL, self links use the URL the Worker was reached at.
    const baseUrl = ctx.baseUrl ?? new URL(request.url).origin;
    // …and the queue consumer, which has no request, uses the first such origin (context.ts).
    if (!ctx.baseUrl) executionCtx.waitUntil(ctx.rememberOrigin(baseUrl).catch((err) => console.warn('feedwright: cannot record the origin', err)));
    return appFor(ctx, env, sources, baseUrl).fetch(withoutAcceptEncoding(request), env, executionCtx);
  },

  async scheduled(controller: ScheduledController, env: WorkerEnv): Promise<void> {
    const ctx = workerContext(env, bundledConfig);
    const due = await enqueueDueSources(ctx, env.REFRESH_QUEUE, new Date(controller.scheduledTime));
    console.log(`feedwright: cron ${controller.cron}: enqueued ${due.length} due source(s)${due.length ? `: ${due.join(', ')}` : ''}`);
    // Notifications whose Queue message never went out (Node's notifier drains its outbox alike).
    const swept = await sweepOutbox(ctx, env.REFRESH_QUEUE).catch((err) => {
      console.error('feedwright: cron: cannot read the notification outbox', err);
      return null;
    });
    if (swept && swept.delivered + swept.failed + swept.gave_up > 0) {
      console.log(`feedwright: cron: notifications from the outbox: ${swept.delivered} delivered, ${swept.failed} failed, ${swept.gave_up} given up`);
    }
  },

  async queue(batch: MessageBatch<QueueMessage>, env: WorkerEnv, executionCtx: ExecutionContext): Promise<void> {
    const ctx = workerContext(env, bundledConfig);
    for (const message of batch.messages) {
      if (isNotifyMessage(message.body)) {
        await handleNotify(ctx, env.REFRESH_QUEUE, message as Message<NotifyMessage>).catch((err) => {
          message.retry({ delaySeconds: 60 });
          console.error(`feedwright: notification ${(message.body as NotifyMessage).deliveryId} could not be attempted, will retry`, err);
        });
        continue;
      }
      try {
        const outcome = await handleRefresh(ctx, message as Message<RefreshMessage>);
        if (outcome.kind === 'scraped') {
          ctx.metrics.scrapeRun(runMetrics(outcome.report));
          console.log(`feedwright: ${formatReport(outcome.report)}`);
          const { report, base, source } = outcome;
          await notifyRun(ctx, env.REFRESH_QUEUE, source, report, base)
            .catch((err) => console.error(`feedwright: [${report.sourceId}] cannot queue notifications`, err));
          if (base) {
            announceRun(hubFor(ctx, base, started()), report, (p) => executionCtx.waitUntil(p))
              .catch((err) => console.error(`feedwright: [${report.sourceId}] WebSub notification failed`, err));
          }
        } else console.log(`feedwright: [${message.body?.sourceId}] skipped: ${outcome.reason}`);
      } catch (err) {
        console.error(`feedwright: [${message.body?.sourceId}] refresh failed, will retry`, err);
      }
    }
  },
};
