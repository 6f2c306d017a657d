/**
 * `file:` URLs on Workers: there is no file system, so the bundled config's `file:` sources read
 * from the static-assets binding instead (wrangler.toml `[assets]`, directory `data/`).
 * `file:///data/demo/index.html` (see BUNDLE_FILE_BASE) is served as assets path `/demo/index.html`.
 */
import { readCapped } from '../../utils/bytes.ts';
import type { Fetchable } from './bindings.ts';

const ASSETS_ROOT = 'file:///data/';

/** The assets path of a bundled `file:///data/…` URL (`/demo/index.html`), or null. */
function assetsPath(url: string): string | null {
  return url.startsWith(ASSETS_ROOT) ? new URL(url).pathname.slice('/data'.length) : null;
}

/** A `readFile` for createFetcher that reads bundled assets, failing past `maxBytes`. */
export function assetsReader(assets: Fetchable | undefined): (url: string, maxBytes: number) => Promise<Uint8Array> {
  return async (url, maxBytes) => {
    if (!assets) throw new Error('no ASSETS binding: file: URLs need wrangler.toml [assets]');
    const path = assetsPath(url);
    if (!path) throw new Error(`only files under ${ASSETS_ROOT} are bundled`);
    const res = await assets.fetch(new Request(new URL(path, 'https://assets.invalid/')));
    if (!res.ok) throw new Error(`file not found in the bundled assets (HTTP ${res.status})`);
    return readCapped(res.body, maxBytes, { overflow: 'throw', tooLarge: () => new Error(`file larger than ${maxBytes} bytes`) });
  };
}

/**
 * Site rule files on Workers: bundled under data/ like the demo site (`siteConfig: site-config`
 * in data/sources.yaml is `file:///data/site-config/`). Null when the file is not bundled.
 */
export function assetsSiteConfigReader(assets: Fetchable | undefined, maxBytes: number): (url: string) => Promise<string | null> {
  return async (url) => {
    const path = assetsPath(url);
    if (!assets || !path) return null;
    const res = await assets.fetch(new Request(new URL(path, 'https://assets.invalid/')));
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`cannot read the bundled file (HTTP ${res.status})`);
    const bytes = await readCapped(res.body, maxBytes, { overflow: 'throw', tooLarge: () => new Error(`file larger than ${maxBytes} bytes`) });
    return new TextDecoder().decode(bytes);
  };
}
