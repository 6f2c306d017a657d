/**
 * The `feedwright` command line: serve, scrape, build, extract. Thin: each command parses its
 * flags, assembles the Node runtime (runtime/node) and calls the pipeline.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildCommand } from './build.ts';
import { extractCommand } from './extract.ts';
import { scrapeCommand } from './scrape.ts';
import { serveCommand } from './serve.ts';

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

/** Flags shared by every command that reads the config and database. */
export const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const COMMON_HELP = `  -c, --config FILE   sources file (.yaml, .yml or .json; env FEEDWRIGHT_CONFIG; default data/sources.yaml)
      --db PATH       SQLite database (env FEEDWRIGHT_DB; default data/feedwright.db)
  -h, --help          show this help`;

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  scrape: scrapeCommand,
  build: buildCommand,
  extract: extractCommand,
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
