/**
 * GET|HEAD `/local/<id>/…`: the files a local site publishes (config/local-mounts.ts decides which),
 * read through the runtime's reader (the disk on Node, the assets binding on Workers). The app's
 * `localSites` hook: null for anything not published, missing or too large (the app answers its
 * JSON 404).
 */
import { DEFAULTS } from '../defaults.ts';
import { LOCAL_ROUTE, localFileUrl, publishedType, type LocalMount } from '../config/local-mounts.ts';
import type { ReadLocalFile } from '../fetch/mounted-files.ts';

export function localSiteRoute(
  mounts: readonly LocalMount[],
  readLocalFile: ReadLocalFile,
  maxBytes: number = DEFAULTS.localFileServeMaxBytes,
): (request: Request) => Promise<Response | null> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    const { pathname } = new URL(request.url);
    const site = mounts.find((m) => pathname.startsWith(`${LOCAL_ROUTE}/${encodeURIComponent(m.id)}/`));
    if (!site) return null;
    const file = localFileUrl([site], site.mount + pathname.slice(`${LOCAL_ROUTE}/${encodeURIComponent(site.id)}/`.length));
    if (!file) return null;
    const body = await readLocalFile(file, maxBytes).catch(() => null);
    if (!body) return null;
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': publishedType(file) ?? 'application/octet-stream',
        'Content-Length': String(body.byteLength),
        'Cache-Control': 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
