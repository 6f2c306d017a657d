import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedFormat } from '../../render/types.ts';
import { COMMON_HELP, COMMON_OPTIONS, type Command } from '../command.ts';
import { cliProgress } from '../progress.ts';

const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];

export const buildCommand: Command = {
  summary: 'scrape, then write every feed as static files for hosting without a server',
  usage: `Usage: feedwright build --out DIR [options]

Scrapes every source once (items accumulate in the database as with the server), then writes
the server's URL layout: DIR/feeds/<id>.rss, .atom and .json, DIR/index.html, DIR/feeds.opml,
DIR/feed.xsl (how browsers show a feed) and DIR/local/<id>/ for file: sources. Self links use
the config's baseUrl: set it to where DIR will be published (without it, links point at
localhost, with a warning). Shows progress like scrape. Exits 1 when a source failed; its last
good items are still written.

Options:
  -o, --out DIR       output folder (created if missing)
      --no-scrape     write the stored items without scraping first
${COMMON_HELP}`,
  options: { ...COMMON_OPTIONS, out: { type: 'string', short: 'o' }, 'no-scrape': { type: 'boolean' } },
  async run(values) {
    const out = values.out as string | undefined;
    if (!out) throw new Error('--out DIR is required');
    const { formatReport } = await import('../../pipeline/runner.ts');
    const { feedListings, renderFeedDocument } = await import('../../render/document.ts');
    const { renderIndexPage } = await import('../../render/index-page.ts');
    const { renderOpml } = await import('../../render/opml.ts');
    const { FEED_STYLESHEET, FEED_STYLESHEET_PATH } = await import('../../render/stylesheet.ts');
    const { FEED_EXTENSIONS } = await import('../../render/urls.ts');
    const { openContext, settingsFrom } = await import('../../runtime/node/context.ts');
    const settings = settingsFrom(values as { config?: string; db?: string });
    const progress = cliProgress(false);
    const ctx = await openContext(settings, () => {}, progress);
    try {
      const { sources } = ctx.config;
      if (!ctx.config.baseUrl) {
        console.error(`feedwright build: warning: ${settings.configPath} sets no baseUrl, so feed and item links point at ${ctx.baseUrl}. ` +
          'Set baseUrl to the public URL where the output folder will be published.');
      }
      progress.start(values['no-scrape'] ? 0 : sources.length);
      const reports = values['no-scrape'] ? [] : await ctx.runner.runAll(sources).finally(progress.clear);
      for (const r of reports) console.log(formatReport(r));
      await mkdir(join(out, 'feeds'), { recursive: true });
      // The same documents the server would serve (render/document.ts), without a hub.
      const startedAt = new Date();
      for (const source of sources) {
        for (const format of FORMATS) {
          const { body } = await renderFeedDocument(ctx.store, source, format, { baseUrl: ctx.baseUrl, hub: null, startedAt, sources });
          await writeFile(join(out, 'feeds', `${source.id}.${FEED_EXTENSIONS[format]}`), body);
        }
      }
      const listings = await feedListings(ctx.store, sources);
      // Static files have no /health (the build's own output says what failed).
      const howToAdd = `To add a site, add an entry with an id and the url of its listing page under sources: in ${settings.configPath} and run feedwright build again.`;
      await writeFile(join(out, 'index.html'), renderIndexPage(listings, { baseUrl: ctx.baseUrl, healthUrl: null, howToAdd }));
      await writeFile(join(out, 'feeds.opml'), renderOpml(listings, { baseUrl: ctx.baseUrl }));
      await writeFile(join(out, FEED_STYLESHEET_PATH.slice(1)), FEED_STYLESHEET);
      // Local (file:) sites are published beside the feeds, as the server does at /local/<id>/.
      for (const site of ctx.localSites) await cp(site.dir, join(out, 'local', site.id), { recursive: true });
      console.log(`wrote ${sources.length * FORMATS.length} feeds to ${join(out, 'feeds')}, and index.html, feeds.opml and feed.xsl to ${out}`);
      return reports.every((r) => r.ok) ? 0 : 1;
    } finally {
      await ctx.close();
    }
  },
};
