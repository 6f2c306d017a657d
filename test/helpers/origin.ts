import { startOrigin as start, type Handler, type Origin } from '../../testkit/origin.ts';

export type { Handler, Origin };

/** testkit's origin serving `root` plus `routes` (kept for the tests that call it positionally). */
export function startOrigin(root?: string, routes: Record<string, Handler> = {}): Promise<Origin> {
  return start({ root, routes });
}
