import type { ParseArgsConfig } from 'node:util';
import { DEFAULTS } from '../defaults.ts';

/** One `feedwright <command>`: its help text, flags and action (returns the exit code). */
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

export const COMMON_HELP = `  -c, --config FILE   sources file (.yaml, .yml or .json; env FEEDWRIGHT_CONFIG; default ${DEFAULTS.configPath})
      --db PATH       SQLite database (env FEEDWRIGHT_DB; default ${DEFAULTS.dbPath})
  -h, --help          show this help`;

