/**
 * Local sites on Workers (the bundled demo): as on Node, a bundled `file:` source is published at
 * `${base}/local/<id>/` and scraped under that address, so its items link to pages and images a
 * feed reader can open. The base is known only once configured or first requested, so the mounts
 * are computed per sources snapshot and base. Reading goes through the assets binding (assets.ts)
 * in the shared fetch/mounted-files.ts and server/local-site-route.ts.
 */
import { mountFileSources, type LocalMount } from '../../config/local-mounts.ts';
import type { SourceConfig } from '../../config/types.ts';
import type { WorkerSources } from './sources.ts';

export interface MountedSources {
  sources: SourceConfig[];
  mounts: LocalMount[];
}

const memo = new WeakMap<WorkerSources, Map<string, MountedSources>>();

/** The sources with bundled `file:` ones published under `base` (memoized per snapshot and base). */
export function mountBundled(ws: WorkerSources, base: string): MountedSources {
  let byBase = memo.get(ws);
  if (!byBase) memo.set(ws, (byBase = new Map()));
  let mounted = byBase.get(base);
  if (!mounted) {
    mounted = mountFileSources(ws.sources, base, (id) => ws.bundledIds.has(id));
    byBase.set(base, mounted);
  }
  return mounted;
}
