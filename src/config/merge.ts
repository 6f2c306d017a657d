/**
 * Bundles (`type: merge`): which sources a bundle lists, checked against the whole source list
 * (a single source cannot know whether its members exist).
 */
import type { SourceConfig } from './types.ts';

/** The sources `merge` bundles, in the order it lists them (ids not in `sources` are left out). */
export function mergeMembers(merge: Pick<SourceConfig, 'sources'>, sources: readonly SourceConfig[]): SourceConfig[] {
  const byId = new Map(sources.map((s) => [s.id, s]));
  return (merge.sources ?? []).flatMap((id) => byId.get(id) ?? []);
}

/** The bundles that list `sourceId`: their feeds change when its feed does. */
export function bundlesOf(sourceId: string, sources: readonly SourceConfig[]): SourceConfig[] {
  return sources.filter((s) => s.type === 'merge' && (s.sources ?? []).includes(sourceId));
}

/**
 * Problems of every bundle in `sources`: unknown member ids, a bundle listing itself or another
 * bundle. `index` is the bundle's position in `sources`.
 */
export function mergeProblems(sources: readonly SourceConfig[]): { index: number; message: string }[] {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const problems: { index: number; message: string }[] = [];
  sources.forEach((source, index) => {
    if (source.type !== 'merge') return;
    for (const id of source.sources ?? []) {
      const member = byId.get(id);
      if (id === source.id) problems.push({ index, message: `a merge source cannot list itself (${JSON.stringify(id)})` });
      else if (!member) problems.push({ index, message: `no source has the id ${JSON.stringify(id)}; list the ids of sources in this file` });
      else if (member.type === 'merge') problems.push({ index, message: `${JSON.stringify(id)} is itself a merge source; list its member sources instead` });
    }
  });
  return problems;
}
