/**
 * A preview request → the source it describes, checked by the same validation as the config
 * (`parseSource`, the same messages), and the number of article pages to read.
 */
import { parseSource } from '../../config/source.ts';
import type { SourceConfig } from '../../config/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import type { PreviewProblem } from '../../server/preview-types.ts';

/** The id a previewed source carries (never stored; it names the source in messages). */
export const PREVIEW_ID = 'preview';

export type PreviewInput =
  | { ok: true; source: SourceConfig; articles: number; typeGiven: boolean }
  | { ok: false; problems: PreviewProblem[] };

/** `field: message` (parseSource's wording) → a problem record. */
function problemOf(text: string): PreviewProblem {
  const at = text.indexOf(': ');
  return at > 0 && !/\s/.test(text.slice(0, at))
    ? { source: PREVIEW_ID, field: text.slice(0, at), message: text.slice(at + 2) }
    : { source: PREVIEW_ID, field: '', message: text };
}

export function readPreviewRequest(body: unknown): PreviewInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, problems: [{ source: PREVIEW_ID, field: '', message: 'the body must be a JSON object: { "url": …, "list"?: …, "article"?: … }' }] };
  }
  const { articles, id, ...rest } = body as Record<string, unknown>;
  const problems: PreviewProblem[] = [];
  if (id !== undefined) problems.push({ source: PREVIEW_ID, field: 'id', message: 'a preview has no id: leave it out' });
  if (rest.url === undefined) problems.push({ source: PREVIEW_ID, field: 'url', message: 'required: the address of the page, feed or sitemap to preview' });
  const max = DEFAULTS.maxPreviewArticles;
  if (articles !== undefined && !(Number.isInteger(articles) && (articles as number) >= 0 && (articles as number) <= max)) {
    problems.push({ source: PREVIEW_ID, field: 'articles', message: `must be a whole number from 0 to ${max}, got ${JSON.stringify(articles)}` });
  }
  if (rest.type === 'push' || rest.type === 'merge') {
    problems.push({ source: PREVIEW_ID, field: 'type', message: `a ${rest.type} source is never fetched, so there is nothing to preview: use html, feed or sitemap` });
  }
  if (rest.urls !== undefined) problems.push({ source: PREVIEW_ID, field: 'urls', message: 'a preview reads one address: give it as url' });
  // Push and merge are refused above; the rest of the source is still checked.
  const fetched = rest.type === 'push' || rest.type === 'merge' ? { type: undefined } : {};
  const parsed = rest.url === undefined ? null : parseSource({ id: PREVIEW_ID, ...rest, ...fetched }, { fileUrls: false });
  if (parsed?.problems) problems.push(...parsed.problems.map(problemOf));
  if (parsed?.source && problems.length === 0) {
    return { ok: true, source: parsed.source, articles: (articles as number | undefined) ?? DEFAULTS.previewArticles, typeGiven: rest.type !== undefined };
  }
  return { ok: false, problems };
}
