/**
 * A source kept in the database (`sources` table: an id column and the entry as JSON, the same
 * keys as in sources.yaml): validated exactly like a config file's entry, never with `file:` URLs.
 */
import { errorMessage } from '../utils/errors.ts';
import { describeType } from './messages.ts';
import { parseSource, type FieldProblem } from './source.ts';
import type { SourceConfig } from './types.ts';

export interface StoredSourceRow {
  id: string;
  config: string;
}

export type ParsedStoredSource =
  | { source: SourceConfig; written: Record<string, unknown> }
  | { problems: string[]; details: FieldProblem[] };

/**
 * One row's source and its entry as written (with the row's id), or its problems, each line
 * prefixed with `${label} "<id>"` (`database sources row "news": limit: must be at least 1`).
 */
export function parseStoredSource(row: StoredSourceRow, label = 'database sources row'): ParsedStoredSource {
  const named = `${label} ${JSON.stringify(row.id)}`;
  let raw: unknown;
  try {
    raw = JSON.parse(row.config);
  } catch (err) {
    const message = `not JSON: ${errorMessage(err)}`;
    return { problems: [`${named}: config: ${message}`], details: [{ field: 'config', message }] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const message = `expected a mapping, got ${describeType(raw)}`;
    return { problems: [`${named}: ${message}`], details: [{ field: '', message }] };
  }
  // The row's id column names the source; a mapping without an id takes it.
  const { id: _ignored, ...rest } = raw as Record<string, unknown>;
  const written = { id: row.id, ...rest };
  const parsed = parseSource(written, { label: named, fileUrls: false });
  return parsed.source ? { source: parsed.source, written } : { problems: parsed.problems, details: parsed.details };
}
