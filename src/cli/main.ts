/**
 * The `feedwright` command line: serve, scrape, build, extract, preview, sources. Thin: each command parses its
 * flags, assembles the Node runtime (runtime/node) and calls the pipeline.
 */
import { parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { buildCommand } from './commands/build.ts';
import { extractCommand } from './commands/extract.ts';
import { previewCommand } from './commands/preview.ts';
import { scrapeCommand } from './commands/scrape.ts';
import { serveCommand } from './commands/serve.ts';
import { sourcesCommand } from './commands/sources.ts';

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  scrape: scrapeCommand,
  build: buildCommand,
  extract: extractCommand,
  preview: previewCommand,
  sources: sourcesCommand,
};

function mainHelp(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return `feedwright — feeds for sites that have none

Usage: feedwright <command> [options]

Commands:
${lines.join('\n')}

Run 'feedwright <command> --help' for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`feedwright: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    console.error(`feedwright ${name}: ${(err as Error).message}\n\n${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (err) {
    console.error(`feedwright ${name}: ${(err as Error).message}`);
    return 1;
  }
}
