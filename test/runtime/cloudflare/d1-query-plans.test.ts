/**
 * Every SQL statement the Worker's cron handler and queue consumer run (a refresh with new items,
 * a webhook delivery), captured while they run against the migrated schema in SQLite (the SQL D1
 * runs), then planned with EXPLAIN QUERY PLAN: a table that grows with sources or items is read
 * through an index, never scanned whole, except by the two reads whose job is every row.
 */
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse-config.ts';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { siteRuleResolver } from '../../../src/pipeline/site-rules.ts';
import type { Message, NotifyMessage, Queue, QueueMessage, RefreshMessage } from '../../../src/runtime/cloudflare/bindings.ts';
import type { WorkerContext } from '../../../src/runtime/cloudflare/context.ts';
import { enqueueDueSources } from '../../../src/runtime/cloudflare/cron-trigger.ts';
import { handleNotify, notifyRun, sweepOutbox } from '../../../src/runtime/cloudflare/notify.ts';
import { handleRefresh } from '../../../src/runtime/cloudflare/queue-consumer.ts';
import { bundledSources, loadSource, loadSources } from '../../../src/runtime/cloudflare/sources.ts';
import { sqliteDriver } from '../../../src/runtime/node/sqlite.ts';
import { createTextMetrics } from '../../../src/server/metrics-text.ts';
import { SqlStore, type SqlDriver, type SqlValue } from '../../../src/store/sql-store.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';

const DEMO = fileURLToPath(new URL('../../../data/demo/', import.meta.url));

/** Statements that read every row on purpose: the cron's list of sources and of their states. */
const WHOLE_TABLE_READS = [
  /^SELECT id, config, enabled, updated_at FROM sources ORDER BY id$/,
  /^SELECT s\.\*, .* FROM sources_state s LEFT JOIN .* ORDER BY s\.source_id$/,
];
/** Tables that stay small whatever the number of sources (the migrations' bookkeeping). */
const SMALL_TABLES = new Set(['schema_migrations']);

let origin: Origin;
let receiver: Origin;
const db = new Database(':memory:');
const executed = new Map<string, readonly SqlValue[]>();

/** better-sqlite3 behind the driver the Worker's code uses, remembering every statement (with its last parameters). */
function capturing(inner: SqlDriver): SqlDriver {
  return {
    all: (sql, params) => (executed.set(sql, params ?? []), inner.all(sql, params)),
    run: (sql, params) => (executed.set(sql, params ?? []), inner.run(sql, params)),
    batch: (statements) => {
      for (const s of statements) executed.set(s.sql, s.params);
      return inner.batch(statements);
    },
  };
}

function message<T>(body: T, acks: string[]): Message<T> {
  return { id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body, ack: () => void acks.push('ack'), retry: () => void acks.push('retry') };
}

beforeAll(async () => {
  origin = await startOrigin({ root: DEMO });
  receiver = await startOrigin({ host: '127.0.0.5', routes: { '/hook': (_req, res) => void res.writeHead(204).end() } });
  const driver = capturing(sqliteDriver(db));
  const store = new SqlStore(driver);
  await store.migrate();
  await store.putStoredSource('site', JSON.stringify({ url: `${origin.url}index.html`, schedule: '*/30 * * * *' }), new Date());
  const config = parseConfig(['allowPrivateNetworks: true', 'hostDelayMs: 0', 'notify:', `  - url: ${receiver.at('/hook')}`, '    events: [items.new]', 'sources: []'].join('\n'), 'sources.yaml');
  const ctx = {
    config, db: driver, store, metrics: createTextMetrics(),
    fetch: createFetcher({ allowPrivateNetworks: true }),
    siteRules: siteRuleResolver(async () => null),
    sources: () => loadSources(config, store, [], 'sources.yaml'),
    bundled: bundledSources(config, [], 'sources.yaml'),
    source: (id: string) => loadSource(id, bundledSources(config, [], 'sources.yaml'), store, null, () => loadSources(config, store, [], 'sources.yaml')),
    publicBase: async () => 'https://feeds.example.test',
  } as unknown as WorkerContext;
  const sent: QueueMessage[] = [];
  const queue = {
    send: async (body: QueueMessage) => void sent.push(body),
    sendBatch: async (messages: { body: QueueMessage }[]) => void sent.push(...messages.map((m) => m.body)),
  } as unknown as Queue<QueueMessage>;

  // The cron tick, the refresh it asks for, the notifications of that run and their delivery.
  expect(await enqueueDueSources(ctx, queue as Queue<RefreshMessage>, new Date())).toEqual(['site']);
  const acks: string[] = [];
  const outcome = await handleRefresh(ctx, message(sent[0] as RefreshMessage, acks));
  if (outcome.kind !== 'scraped') throw new Error(`the refresh did not run: ${outcome.reason}`);
  expect(outcome.report.ok).toBe(true);
  const source = (await ctx.sources()).sources[0];
  expect(await notifyRun(ctx, queue, source, outcome.report, outcome.base)).toBeGreaterThan(0);
  const delivery = sent.find((m): m is NotifyMessage => 'kind' in m);
  expect(await handleNotify(ctx, queue, message(delivery!, acks))).toBe('delivered');
  expect(acks).toEqual(['ack', 'ack']);
  // The cron's sweep of notifications whose Queue message was lost.
  await sweepOutbox(ctx, queue);
}, 60_000);

afterAll(async () => {
  db.close();
  await Promise.all([origin?.close(), receiver?.close()]);
});

describe('D1 queries of the cron handler and the queue consumer', () => {
  it('read growing tables through indexes', () => {
    const statements = [...executed.keys()].filter((sql) => !/^\s*CREATE /i.test(sql));
    // The refresh wrote items (upsert, prune, version), the state, the lease and the outbox.
    for (const table of ['items', 'feed_versions', 'sources_state', 'source_leases', 'notify_outbox', 'sources']) {
      expect(statements.some((sql) => new RegExp(`\\b${table}\\b`).test(sql))).toBe(true);
    }
    const problems: string[] = [];
    for (const sql of statements) {
      const flat = sql.replace(/\s+/g, ' ').trim();
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...executed.get(sql)!.map((p) => p ?? null)) as { detail: string }[];
      const scans = plan.map((r) => r.detail).filter((d) => /^SCAN /.test(d) && !SMALL_TABLES.has(d.split(' ')[1]));
      if (WHOLE_TABLE_READS.some((re) => re.test(flat))) {
        // One pass over the driving table; every joined table by its key.
        if (scans.length !== 1 || plan.some((r) => /TEMP B-TREE/.test(r.detail))) problems.push(`${flat}\n  ${plan.map((r) => r.detail).join('\n  ')}`);
      } else if (scans.length > 0) {
        problems.push(`${flat}\n  ${plan.map((r) => r.detail).join('\n  ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
