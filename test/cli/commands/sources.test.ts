import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/runtime/node/sqlite.ts';
import { makeItem } from '../../helpers/items.ts';
import { demoWorkspace } from '../../helpers/demo-config.ts';

const BIN = fileURLToPath(new URL('../../../bin/feedwright.mjs', import.meta.url));
const run = promisify(execFile);

let ws: ReturnType<typeof demoWorkspace>;
beforeEach(() => { ws = demoWorkspace(); });
afterEach(() => ws.cleanup());

/** `feedwright sources …` on the workspace's config and database (FEEDWRIGHT_DB as serve reads it). */
async function sources(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'sources', ...args, '--config', ws.config], {
      env: { ...process.env, FEEDWRIGHT_CONFIG: '', FEEDWRIGHT_DB: ws.db },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('feedwright sources', { timeout: 120_000 }, () => {
  it('adds from flags and from a file, lists, and removes with items and state', async () => {
    expect((await sources('list')).stdout).toContain('no database sources');
    const flags = await sources('add', '--id', 'news', '--url', 'https://news.example/', '--title', 'News');
    expect(flags.code).toBe(0);
    expect(flags.stdout).toContain('added news');
    const file = join(ws.dir, 'more.yaml');
    writeFileSync(file, 'sources:\n  - id: blog\n    url: https://blog.example/\n    list: { item: article }\n  - id: wire\n    type: push\n');
    expect((await sources('add', file)).stdout).toMatch(/added blog\nadded wire/);

    const listed = await sources('list');
    expect(listed.stdout).toMatch(/^blog +active +https:\/\/blog\.example\/$/m);
    expect(listed.stdout).toMatch(/^news +active +https:\/\/news\.example\/  News$/m);
    const json = JSON.parse((await sources('list', '--json')).stdout) as { id: string; config: unknown }[];
    expect(json.map((s) => s.id)).toEqual(['blog', 'news', 'wire']);
    expect(json[0].config).toEqual({ id: 'blog', url: 'https://blog.example/', list: { item: 'article' } });

    const store = await openSqliteStore(ws.db);
    await store.upsertItems('news', [makeItem(1, { sourceId: 'news' })], new Date());
    await store.close();
    const removed = await sources('remove', 'news');
    expect(removed.code).toBe(0);
    const after = await openSqliteStore(ws.db);
    expect(await after.listItems('news', 10)).toEqual([]);
    expect((await after.listStoredSources()).map((r) => r.id)).toEqual(['blog', 'wire']);
    await after.close();
  });

  it('refuses invalid entries, ids the config file or the database has, and unknown ids, with clear errors', async () => {
    const bad = await sources('add', '--id', 'x', '--url', 'file:///etc/passwd', '--schedule', 'nope');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the flags: url: file: URLs are allowed only in the config file');
    expect(bad.stderr).toMatch(/the flags: schedule: /);
    const clash = await sources('add', '--id', 'brics-post', '--url', 'https://x.example/');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(`id: ${ws.config} already has a source "brics-post"`);
    await sources('add', '--id', 'once', '--url', 'https://x.example/');
    expect((await sources('add', '--id', 'once', '--url', 'https://x.example/')).stderr).toContain('the database already has a source "once"');
    const unknown = await sources('remove', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no database source "nope" (the database has: once)');
    expect((await sources('frob')).stderr).toContain('say what to do');
    expect((await sources('add')).stderr).toContain('give a FILE with the source, or at least --id and --url');
  });
});
