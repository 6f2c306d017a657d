import type { ListedLink } from '../model.ts';

type Fields = Pick<ListedLink, 'title' | 'date' | 'summary' | 'image'>;

/** Copy the optional fields `target` lacks from `source` (never writes `undefined` keys). */
export function fillMissing(target: ListedLink, source: Fields): void {
  if (!target.title && source.title) target.title = source.title;
  if (!target.date && source.date) target.date = source.date;
  if (!target.summary && source.summary) target.summary = source.summary;
  if (!target.image && source.image) target.image = source.image;
}
