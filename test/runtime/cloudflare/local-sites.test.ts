import { describe, expect, it } from 'vitest';
import { mountFileSources } from '../../../src/config/local-mounts.ts';
import type { Fetchable } from '../../../src/runtime/cloudflare/bindings.ts';
import { assetsReader } from '../../../src/runtime/cloudflare/assets.ts';
import { localSiteRoute } from '../../../src/server/local-site-route.ts';
import { makeSource } from '../../../testkit/sources.ts';

/** A stand-in for the ASSETS binding (the real one is used in worker.test.ts). */
const assets: Fetchable = {
  async fetch(input: Request | string) {
    const path = new URL(typeof input === 'string' ? input : input.url).pathname;
    const files: Record<string, string> = {
      '/index.html': '<p>home</p>', '/style.css': 'p{}', '/sources.yaml': 'sources: []', '/.dev.vars': 'TOKEN=x',
      '/secrets.txt': 'x', '/feedwright.db': 'SQLite', '/deploy.sh': 'echo',
    };
    return path in files ? new Response(files[path], { headers: { 'content-type': 'text/plain' } }) : new Response('nope', { status: 404 });
  },
};

// A bundled source whose listing sits at the root of data/: the whole folder is its site.
const { mounts } = mountFileSources(
  [makeSource({ id: 'root', url: 'file:///data/index.html' })],
  'https://feeds.example.org',
);
const route = localSiteRoute(mounts, assetsReader(assets));
const get = (path: string) => route(new Request(`https://feeds.example.org/local/root/${path}`));

describe('localSiteRoute over the assets binding (Workers)', () => {
  it('serves web pages and stylesheets with their own types', async () => {
    const page = await get('index.html');
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page?.text()).toBe('<p>home</p>');
    expect((await get('style.css'))?.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('publishes nothing else from the folder, and leaves the 404 to the app', async () => {
    for (const path of ['sources.yaml', '.dev.vars', 'secrets.txt', 'feedwright.db', 'deploy.sh', 'missing.html']) {
      expect(await get(path), path).toBeNull();
    }
  });
});
