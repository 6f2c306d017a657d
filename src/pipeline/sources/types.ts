import type { SourceConfig } from '../../config/types.ts';
import type { Item, SourceState } from '../../model.ts';
import type { ScrapeDeps, ScrapeReport } from '../scrape.ts';
import type { SelectorTally } from '../selector-tally.ts';

/** What a source type's collector gets: it reads the source and returns the items to store. */
export interface CollectContext {
  source: SourceConfig;
  deps: ScrapeDeps;
  /** Mutable: collectors save origin validators here once a document was understood. */
  state: SourceState;
  /** Mutable: collectors count what they found and fetched, and add per-article warnings. */
  report: ScrapeReport;
  now: () => Date;
  /**
   * Stores items during the run (readAll writes article items in batches through it); what the
   * collector returns is stored at the end. Absent: everything is stored at the end.
   */
  save?: (items: Item[]) => Promise<void>;
  /** Counts configured selectors that match nothing (listing fields; article pages are counted by deps.extract). */
  selectors?: SelectorTally;
}

/** Reads one source type. Throws when the run failed (nothing usable); returns [] on 304. */
export type Collector = (ctx: CollectContext) => Promise<Item[]>;
