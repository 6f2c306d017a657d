import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedFormat } from '../render/types.ts';
import { COMMON_HELP, COMMON_OPTIONS, type Command } from './command.ts';

const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];

export const buildCommand: Command = {
  summary: 'scrape, then write every feed as static files for hosting without a server',
  usage: `Usage: feedwright build --out DIR [options]

Scrapes every source once (items accumulate in the database as with the server), then writes
DIR/<id>.rss, DIR/<id>.atom, DIR/<id>.json, DIR/index.html and DIR/feeds.opml. Self links use
the config's baseUrl (set it to where DIR will be published). Exits 1 when a source failed; its
last good items are still written.

Options:
  -o, --out DIR       output folder (created if missing)
      --no-scrape     write the stored items without scraping first
${COMMON_HELP}`,
  options: { ...COMMON_OPTIONS, out: { type: 'string', short: 'o' }, 'no-scrape': { type: 'boolean' } },
  async run(values) {
    const out = values.out as string | undefined;
    if (!out) throw new Error('--out DIR is required');
    const { formatReport } = await import('../pipeline/runner.ts');
    const { renderFeed } = await import('../render/feed.ts');
    const { renderIndexPage } = await import('../render/index-page.ts');
    const { renderOpml } = await import('../render/opml.ts');
    const { FEED_EXTENSIONS } = await import('../render/urls.ts');
    const { openContext, settingsFrom } = await import('../runtime/node/context.ts');
    const ctx = await openContext(settingsFrom(values as { config?: string; db?: string }), () => {});
    try {
      const { sources } = ctx.config;
      const reports = values['no-scrape'] ? [] : await ctx.runner.runAll(sources);
      for (const r of reports) console.log(formatReport(r));
      const urlOf = (id: string, format: FeedFormat) => `${ctx.baseUrl}/${encodeURIComponent(id)}.${FEED_EXTENSIONS[format]}`;
      await mkdir(out, { recursive: true });
      const listings = [];
      for (const source of sources) {
        const version = await ctx.store.feedVersion(source.id);
        const items = await ctx.store.listItems(source.id, source.limit);
        for (const format of FORMATS) {
          const body = renderFeed(format, {
            id: source.id, title: source.title, siteUrl: source.url ?? ctx.baseUrl, baseUrl: ctx.baseUrl,
            language: source.language ?? null, updated: version.lastModified, selfUrl: urlOf(source.id, format),
          }, items);
          await writeFile(join(out, `${source.id}.${FEED_EXTENSIONS[format]}`), body);
        }
        listings.push({ id: source.id, title: source.title, siteUrl: source.url ?? '', itemCount: version.itemCount, updated: version.lastModified });
      }
      await writeFile(join(out, 'index.html'), renderIndexPage(listings, { baseUrl: ctx.baseUrl, feedUrl: urlOf }));
      await writeFile(join(out, 'feeds.opml'), renderOpml(listings, { baseUrl: ctx.baseUrl, feedUrl: urlOf }));
      // Local (file:) sites are published beside the feeds, as the server does at /local/<id>/.
      for (const site of ctx.localSites) await cp(site.dir, join(out, 'local', site.id), { recursive: true });
      console.log(`wrote ${sources.length * FORMATS.length} feeds, index.html and feeds.opml to ${out}`);
      return reports.every((r) => r.ok) ? 0 : 1;
    } finally {
      await ctx.close();
    }
  },
};
