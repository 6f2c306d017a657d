import { startOrigin as start, type Handler, type Origin as KitOrigin } from '../../testkit/origin.ts';

export { routeTestHosts } from '../../testkit/origin.ts';
export type { Handler };

/** testkit's origin with `url` as the path builder (`at`), the shape the fetch tests use. */
export type Origin = Omit<KitOrigin, 'url'> & { url(path?: string): string };

export async function startOrigin(routes: Record<string, Handler>): Promise<Origin> {
  const origin = await start({ routes });
  return { ...origin, url: origin.at };
}
