/** Which sources one page of the index (`GET /?q=…&page=N`) lists. */
import type { SourceConfig } from '../config/types.ts';
import { DEFAULTS } from '../defaults.ts';
import type { IndexPagination } from '../render/index-page.ts';

/**
 * The sources whose id or title contains `q` (case-insensitive), page `page` of them
 * (DEFAULTS.indexPageSize a page). A missing or unreadable page is the first; one past the end, the last.
 */
export function indexPage(
  sources: readonly SourceConfig[], q: string | undefined, page: string | undefined, size: number = DEFAULTS.indexPageSize,
): { feeds: SourceConfig[]; pagination: IndexPagination } {
  const query = (q ?? '').trim().slice(0, DEFAULTS.maxIndexQueryChars);
  const needle = query.toLowerCase();
  const matching = needle ? sources.filter((s) => s.id.toLowerCase().includes(needle) || s.title.toLowerCase().includes(needle)) : sources;
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const asked = Number(page);
  const current = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  return {
    feeds: matching.slice((current - 1) * size, current * size),
    pagination: { page: current, pages, matching: matching.length, total: sources.length, query },
  };
}
