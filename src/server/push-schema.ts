/**
 * What the ingest API accepts: one item, a list of items, or a whole JSON Feed document
 * (`{ version, items: [...] }`). An item has our own fields or JSON Feed 1.1's (both may mix);
 * unknown fields are refused with the accepted ones listed. Keys starting with `_` are JSON Feed
 * extensions and are ignored, as the JSON Feed spec asks of readers.
 */
import { z } from 'zod';

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const httpUrl = z.string().trim().max(2048, { message: 'must be at most 2048 characters' })
  .refine(isHttpUrl, { error: (iss) => `must be an absolute http or https URL, got ${JSON.stringify(iss.input)}` });
const shortText = (max: number) => z.string().max(max, { message: `must be at most ${max} characters` });
const list = <T extends z.ZodType>(of: T, max: number, what: string) => z.array(of).max(max, { message: `at most ${max} ${what}` });

/** JSON Feed extension keys (`_name`) dropped from an object before it is checked. */
function withoutExtensions(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !/^_[A-Za-z]/.test(key)));
}

const strict = <S extends z.core.$ZodLooseShape>(shape: S) => z.preprocess(withoutExtensions, z.strictObject(shape));

/** Explicit item ids: printable ASCII without spaces, so they fit URLs (`DELETE …/items/<id>`). */
const PUSH_ID_PATTERN = /^[\x21-\x7e]{1,200}$/;

const authorShape = {
  name: shortText(500).nullish(),
  url: shortText(2048).nullish(),
  avatar: shortText(2048).nullish(),
};
/** A JSON Feed author; only the name is kept. */
const authorObject = strict(authorShape);

const attachmentShape = {
  url: httpUrl,
  mime_type: shortText(200),
  title: shortText(2000).nullish(),
  size_in_bytes: z.number().nonnegative().nullish(),
  duration_in_seconds: z.number().nonnegative().nullish(),
};

const itemShape = {
  // JSON Feed 1.0 allowed numeric ids, to be read as strings.
  id: z.preprocess(
    (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
    z.string().trim().regex(PUSH_ID_PATTERN, { message: 'must be 1–200 printable ASCII characters without spaces' }).nullish(),
  ),
  url: httpUrl.nullish(),
  external_url: httpUrl.nullish(),
  title: shortText(2000).nullish(),
  content_html: shortText(2_000_000).nullish(),
  contentHtml: shortText(2_000_000).nullish(),
  content_text: shortText(2_000_000).nullish(),
  summary: shortText(20_000).nullish(),
  published: shortText(200).nullish(),
  date_published: shortText(200).nullish(),
  date_modified: shortText(200).nullish(),
  authors: z.union([shortText(500), list(z.union([shortText(500), authorObject]), 50, 'authors')]).nullish(),
  author: authorObject.nullish(),
  image: httpUrl.nullish(),
  banner_image: httpUrl.nullish(),
  categories: list(shortText(200), 100, 'categories').nullish(),
  tags: list(shortText(200), 100, 'tags').nullish(),
  language: shortText(35).nullish(),
  attachments: list(strict(attachmentShape), 50, 'attachments').nullish(),
};

/** One pushed article: our item model's fields and JSON Feed 1.1's. */
export const pushItemSchema = strict(itemShape);
export type PushItem = z.output<typeof pushItemSchema>;

const documentShape = {
  version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\//, { message: 'must be a JSON Feed version URL (https://jsonfeed.org/version/1.1)' }).nullish(),
  items: z.array(z.unknown(), { error: 'must be a list of items' }),
  // Feed-level authors and language apply to items that have none; the rest describes the
  // feed, which the source's config does here.
  authors: list(authorObject, 50, 'authors').nullish(),
  author: authorObject.nullish(),
  language: shortText(35).nullish(),
  title: z.unknown().optional(),
  home_page_url: z.unknown().optional(),
  feed_url: z.unknown().optional(),
  description: z.unknown().optional(),
  user_comment: z.unknown().optional(),
  next_url: z.unknown().optional(),
  icon: z.unknown().optional(),
  favicon: z.unknown().optional(),
  expired: z.unknown().optional(),
  hubs: z.unknown().optional(),
};
const documentSchema = strict(documentShape);

/** The accepted keys of the object an issue is about, by the last named step of its path. */
const ACCEPTED: Record<string, string[]> = {
  item: Object.keys(itemShape),
  authors: Object.keys(authorShape),
  author: Object.keys(authorShape),
  attachments: Object.keys(attachmentShape),
  document: Object.keys(documentShape),
};

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** One line per problem in `raw`: `url: must be an absolute http or https URL, got "ftp://x"`. */
export function describeIssues(error: z.ZodError, raw: unknown, root: 'item' | 'document' = 'item'): string {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const named = issue.path.filter((p): p is string => typeof p === 'string').at(-1) ?? root;
      const accepted = ACCEPTED[named] ?? ACCEPTED[root];
      const message = `unknown field(s): ${issue.keys.join(', ')} (accepted: ${accepted.join(', ')}; keys starting with _ are ignored)`;
      return path ? `${path}: ${message}` : message;
    }
    if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) return `${path}: required`;
    return path ? `${path}: ${issue.message}` : issue.message;
  }).join('; ');
}

/** Names, in order, from our author strings and JSON Feed author objects (nameless ones skipped). */
export function authorNames(...sources: (PushItem['authors'] | PushItem['author'])[]): string[] {
  const names: string[] = [];
  for (const s of sources) {
    if (s == null) continue;
    for (const a of Array.isArray(s) ? s : [s]) {
      const name = typeof a === 'string' ? a : a?.name;
      if (name) names.push(name);
    }
  }
  return names;
}

/** What items of a JSON Feed document inherit from the feed when they have none of their own. */
export interface PushDefaults {
  authors: string[];
  language: string | null;
}

export type PushBody =
  | { ok: true; entries: unknown[]; defaults: PushDefaults }
  | { ok: false; message: string };

/** The entries of a push request body: one item, a list of items, or a JSON Feed document. */
export function readPushBody(body: unknown): PushBody {
  const none: PushDefaults = { authors: [], language: null };
  if (Array.isArray(body)) return { ok: true, entries: body, defaults: none };
  if (body === null || typeof body !== 'object') {
    return { ok: false, message: 'Send one item (a JSON object), a list of items, or a JSON Feed document.' };
  }
  if (!('items' in body)) return { ok: true, entries: [body], defaults: none };
  const doc = documentSchema.safeParse(body);
  if (!doc.success) return { ok: false, message: `JSON Feed document: ${describeIssues(doc.error, body, 'document')}` };
  const d = doc.data;
  return { ok: true, entries: d.items, defaults: { authors: authorNames(d.authors, d.author), language: d.language ?? null } };
}
