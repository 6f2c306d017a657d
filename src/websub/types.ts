/** What the runtimes and the app hold of WebSub, whichever hub is behind it. */
import type { FeedFormat } from '../render/types.ts';

/** Every format of a feed is a topic of its own. */
export const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** What the runtime holds: a change listener, and (own hub only) the POST /websub handler. */
export interface WebSub {
  /** The hub URL feeds announce. */
  hub: string;
  /** Handles POST /websub; absent when an external hub is used. */
  handle?: (request: Request, background?: (task: Promise<unknown>) => void) => Promise<Response>;
  /**
   * A source's items changed: distribute (own hub) or ping (external hub). Resolves when the work
   * is started; deliveries continue in the background. `background` keeps them alive on Workers.
   */
  feedChanged(sourceId: string, background?: (task: Promise<unknown>) => void): Promise<void>;
  /** Resolves when no verification or delivery is pending (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops waiting retries (shutdown). */
  close(): void;
}
