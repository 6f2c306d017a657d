/**
 * The studio on Workers: the same pages, and sessions that need no server memory (any isolate
 * verifies any cookie), in workerd through the bundle wrangler would deploy.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { buildWorker, removeBundle, startWorker, type Bundle, type WorkerHarness } from './workerd.ts';

const DEMO = fileURLToPath(new URL('../../../data/demo/', import.meta.url));
const ADMIN = 'worker-studio-token-0123456789';
const BASE = 'https://feeds.example.test';

let bundle: Bundle;
let worker: WorkerHarness;
let site: Origin;

beforeAll(async () => {
  [bundle, site] = await Promise.all([buildWorker(), startOrigin({ root: DEMO })]);
  const config = ['baseUrl: https://feeds.example.test', 'allowPrivateNetworks: true', 'hostDelayMs: 0', 'sources:',
    `  - id: site\n    title: Site\n    url: ${site.url}index.html\n`].join('\n');
  worker = await startWorker(bundle, { FEEDWRIGHT_CONFIG: config, FEEDWRIGHT_ADMIN_TOKEN: ADMIN });
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
  await site?.close();
  if (bundle) await removeBundle(bundle);
});

async function request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const res = await worker.mf.dispatchFetch(`${BASE}${path}`, { redirect: 'manual', ...init } as never);
  return { status: res.status, headers: res.headers, body: await res.text() };
}

describe('the studio on Workers', () => {
  it('signs in over https with a Secure session cookie that the admin API accepts with its CSRF token', async () => {
    const signedOut = await request('/admin/');
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toContain('action="/admin/sign-in"');
    expect(signedOut.headers.get('content-security-policy')).toContain("script-src 'self'");

    const signIn = await request('/admin/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE },
      body: new URLSearchParams({ token: ADMIN }).toString(),
    });
    expect(signIn.status).toBe(303);
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-feedwright_studio=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const cookie = setCookie.split(';')[0];

    const page = await request('/admin/', { headers: { Cookie: cookie } });
    expect(page.body).toContain('id="sources-body"');
    expect(page.body).not.toContain(ADMIN);
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)![1];

    const listed = await request('/api/sources', { headers: { Cookie: cookie } });
    expect(listed.status).toBe(200);
    expect(listed.body).toContain('"site"');

    const preview = (headers: Record<string, string>) => request('/api/preview', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers }, body: JSON.stringify({ url: `${site.url}index.html`, articles: 1 }),
    });
    const refused = await preview({});
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error).toBe('csrf');
    const previewed = await preview({ 'X-CSRF-Token': csrf });
    expect(previewed.status).toBe(200);
    expect(JSON.parse(previewed.body).items.length).toBe(5);
  });

  it('serves the studio script and stylesheet', async () => {
    const js = await request('/admin/assets/studio.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.body).toContain('editorScreen');
    expect((await request('/admin/assets/studio.css')).status).toBe(200);
  });
});
