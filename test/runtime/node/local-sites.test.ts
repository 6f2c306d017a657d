/**
 * A local site whose folder also holds the config and the database (`url: file:index.html`):
 * the server publishes the site's pages, images, stylesheets and feeds, and nothing else.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../../../src/runtime/node/http-server.ts';
import { DEMO_DIR } from '../../helpers/demo-config.ts';

let root: string;
let server: RunningServer;
const logs: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'feedwright-local-'));
  const site = join(root, 'site');
  cpSync(DEMO_DIR, site, { recursive: true });
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside', 'secret.html'), '<p>outside the folder</p>');
  writeFileSync(join(site, 'style.css'), 'body { color: #333 }');
  writeFileSync(join(site, 'feed.xml'), '<rss version="2.0"><channel><title>t</title></channel></rss>');
  writeFileSync(join(site, '.env'), 'FEEDWRIGHT_ADMIN_TOKEN=hunter2');
  mkdirSync(join(site, '.git'));
  writeFileSync(join(site, '.git', 'config'), '[core]');
  writeFileSync(join(site, '.git', 'index.html'), '<p>in a dot-folder</p>');
  writeFileSync(join(site, 'notes.txt'), 'private notes');
  writeFileSync(join(site, 'deploy.sh'), 'echo secret');
  writeFileSync(join(site, 'app.js'), 'alert(1)');
  symlinkSync(join(root, 'outside', 'secret.html'), join(site, 'leak.html'));
  symlinkSync(join(root, 'outside'), join(site, 'out'));
  symlinkSync(join(site, 'feedwright.db'), join(site, 'db.html'));
  symlinkSync(join(site, 'notes.txt'), join(site, 'notes.html'));
  // The config is JSON: a published type, yet never published.
  writeFileSync(join(site, 'sources.json'), JSON.stringify({
    baseUrl: 'https://feeds.example.org',
    sources: [{ id: 'here', url: 'file:index.html', timezone: 'Asia/Kolkata' }],
  }));
  server = await startNodeServer(
    { configPath: join(site, 'sources.json'), dbPath: join(site, 'feedwright.db'), port: 0, host: '127.0.0.1', extractThreads: 0 },
    (l) => logs.push(l),
  );
  // Let the first run write to the database (and its -wal).
  for (let i = 0; i < 200; i++) {
    const h = (await (await fetch(`${server.url}/health`)).json()) as { sources: { lastSuccess: string | null }[] };
    if (h.sources[0].lastSuccess) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const get = (path: string, method = 'GET') => fetch(`${server.url}/local/here/${path}`, { method });

describe('a local site sharing its folder with the config and the database', () => {
  it('publishes its pages, images, stylesheets and feeds', async () => {
    expect(logs.join('\n')).toMatch(/\[here\] found 5 links, read 5 articles: 5 new/);
    for (const [path, type] of [
      ['', 'text/html; charset=utf-8'],
      ['index.html', 'text/html; charset=utf-8'],
      ['images/putin-trump-apec.jpg', 'image/jpeg'],
      ['style.css', 'text/css; charset=utf-8'],
      ['feed.xml', 'application/xml'],
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await get('index.html', 'HEAD')).status).toBe(200);
  });

  it('never publishes the config, the database, dotfiles, other file types or links out of the folder', async () => {
    for (const path of [
      'sources.json', 'feedwright.db', 'feedwright.db-wal', 'feedwright.db-shm',
      '.env', '.git/config', '.git/index.html', 'notes.txt', 'deploy.sh', 'app.js',
      'leak.html', 'out/secret.html', 'db.html', 'notes.html', 'images/', 'nope.html',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: string }).error).toBe('not_found');
    }
  });
});
