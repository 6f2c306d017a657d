import { COMMON_HELP, COMMON_OPTIONS, type Command } from '../command.ts';
import { cliProgress } from '../progress.ts';

export const scrapeCommand: Command = {
  summary: 'run one source (or --all) once and print what it found',
  usage: `Usage: feedwright scrape <id> [<id> …] [options]
       feedwright scrape --all [options]

Runs sources through the pipeline once, stores the items and prints a report per source.
While sources run, a terminal shows a live progress line; otherwise progress is printed as
plain lines per source (on stderr with --json). Exits 1 when a source failed.

Options:
      --all           every source in the config
      --json          print the reports as JSON
${COMMON_HELP}`,
  options: { ...COMMON_OPTIONS, all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(values, ids) {
    if (!values.all && ids.length === 0) throw new Error('name a source id, or use --all');
    const { formatReport } = await import('../../pipeline/runner.ts');
    const { openContext, settingsFrom } = await import('../../runtime/node/context.ts');
    const progress = cliProgress(Boolean(values.json));
    const ctx = await openContext(settingsFrom(values as { config?: string; db?: string }), () => {}, progress);
    try {
      const known = new Map(ctx.config.sources.map((s) => [s.id, s]));
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length) throw new Error(`unknown source(s): ${unknown.join(', ')} (known: ${[...known.keys()].join(', ')})`);
      const sources = values.all ? ctx.config.sources : ids.map((id) => known.get(id)!);
      progress.start(sources.length);
      const reports = await ctx.runner.runAll(sources).finally(progress.clear);
      if (values.json) console.log(JSON.stringify(reports, null, 2));
      else for (const r of reports) {
        console.log(formatReport(r));
        for (const w of r.warnings) console.log(`  warning: ${w}`);
      }
      return reports.every((r) => r.ok) ? 0 : 1;
    } finally {
      await ctx.close();
    }
  },
};
