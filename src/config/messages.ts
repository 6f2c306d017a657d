/**
 * Config problems in words for people: the error that lists them all, field paths as written in
 * the file (`article.remove[1]`), "did you mean" suggestions for unknown keys.
 */
import type { z } from 'zod';
import { articleSchema, configSchema, listSchema, renderKeys, sourceShape } from './source-schema.ts';

/**
 * One config problem, structured (the admin API's 422 and `configError` carry these): the file,
 * the source (its id, or `sources[3]` without one; null for top-level keys), the field path as
 * written ('' when the problem is not one field's, e.g. a syntax error) and the message.
 */
export interface ConfigProblem {
  file?: string;
  source: string | null;
  field: string;
  message: string;
}

export class ConfigError extends Error {
  /** One line per problem, each already prefixed with the file name. */
  readonly issues: string[];
  /** The same problems, structured; without them, each issue is split at its file name. */
  readonly details: ConfigProblem[];
  constructor(issues: string[], details?: ConfigProblem[]) {
    super(issues.join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
    this.details = details ?? issues.map((issue) => {
      const at = issue.indexOf(': ');
      return at > 0 ? { file: issue.slice(0, at), source: null, field: '', message: issue.slice(at + 2) } : { source: null, field: '', message: issue };
    });
  }
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

function suggestion(key: string, known: string[]): string {
  const lower = key.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  const tolerance = best !== null && best.length > 4 ? 2 : 1;
  return best !== null && bestDistance <= tolerance ? ` (did you mean "${best}"?)` : '';
}

/** `['list', 'item']` → `list.item`; `['article', 'remove', 1]` → `article.remove[1]`. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** `a list`, `a mapping`, `null`, `number 3`: what was found where something else was expected. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Known keys of the (possibly nested) object schema an unrecognized key was found in. */
function knownKeysAt(root: 'config' | 'source', path: readonly PropertyKey[]): string[] {
  const last = path[path.length - 1];
  if (root === 'config') return Object.keys(configSchema.shape);
  if (last === 'list') return Object.keys(listSchema.shape);
  if (last === 'article') return Object.keys(articleSchema.shape);
  if (last === 'render') return renderKeys;
  return Object.keys(sourceShape);
}

/** One zod issue as `{ path, message }` lines (an unknown-keys issue gives one per key). */
export function issueMessages(issue: z.core.$ZodIssue, root: 'config' | 'source', input: unknown): { path: string; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(root, issue.path);
    return issue.keys.map((key) => ({
      path: fieldPath([...issue.path, key]),
      message: `unknown key${suggestion(key, known)}`,
    }));
  }
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    const value = issue.path.reduce<unknown>(
      (v, seg) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[seg] : undefined),
      input,
    );
    const expected = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`;
    message = value === undefined ? 'required' : `expected ${expected}, got ${describeType(value)}`;
  } else if (issue.code === 'invalid_union') {
    message = 'expected a string or a list of strings';
  }
  return [{ path: fieldPath(issue.path), message }];
}
