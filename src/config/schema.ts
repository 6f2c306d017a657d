/** Former home of config parsing, kept as re-exports for callers not yet moved (see parse-config.ts). */
import { DEFAULTS } from '../defaults.ts';

export { ConfigError, parseConfig, type ParseConfigOptions } from './parse-config.ts';
export { SOURCE_TYPES, sourceShape } from './source-schema.ts';
export { cronProblem } from '../utils/cron.ts';

export const DEFAULT_SCHEDULE = DEFAULTS.schedule;
export const DEFAULT_LIMIT = DEFAULTS.limit;
export const MAX_LIMIT = DEFAULTS.maxLimit;
export const DEFAULT_MAX_ITEMS = DEFAULTS.maxItems;
