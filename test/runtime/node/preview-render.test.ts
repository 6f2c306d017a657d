/**
 * The dry run with a render mode, in the machine's Chromium: a site whose listing and articles
 * exist only once their scripts ran (testkit/js-site.ts) previews empty statically, and with
 * `render: browser` or `auto` shows its items, saying which way read them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPoliteFetcher } from '../../../src/fetch/polite.ts';
import { previewSource } from '../../../src/pipeline/preview/preview.ts';
import { nodeBrowser } from '../../../src/runtime/node/browser.ts';
import { startJsSite } from '../../../testkit/js-site.ts';
import { CHROMIUM } from '../../helpers/browser.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(executablePath: string | null) {
  const origin = await startJsSite({ articles: 2 });
  cleanups.push(() => origin.close());
  const b = nodeBrowser({ executablePath, allowPrivateNetworks: true });
  cleanups.push(() => b.close());
  const fetch = createPoliteFetcher({ allowPrivateNetworks: true, hostDelayMs: 0 });
  return { origin, deps: { fetch, browser: b.browser, noBrowser: b.noBrowser } };
}

describe.skipIf(!CHROMIUM)('preview with a render mode (Chromium)', () => {
  it('static finds nothing; browser and auto read the rendered pages and say so', async () => {
    const { origin, deps } = await setup(CHROMIUM!);
    const fixed = await previewSource({ url: origin.url, articles: 1 }, deps);
    expect(fixed.ok && fixed.result).toMatchObject({ readBy: 'static', items: [] });

    const rendered = await previewSource({ url: origin.url, articles: 1, render: 'browser' }, deps);
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.problems));
    expect(rendered.result.readBy).toBe('browser');
    expect(rendered.result.items.map((i) => i.title).sort()).toEqual(['Article 1', 'Article 2']);
    expect(rendered.result.articles[0].text.value).toBeTruthy();

    const auto = await previewSource({ url: origin.url, articles: 0, render: { mode: 'auto' } }, deps);
    expect(auto.ok && auto.result.readBy).toBe('browser');
    expect(auto.ok && auto.result.items.length).toBe(2);
  });
});

describe('preview with render: browser and no browser', () => {
  it('answers with the runtime\'s reason instead of reading statically', async () => {
    const { origin, deps } = await setup(null);
    const outcome = await previewSource({ url: origin.url, render: 'browser' }, deps);
    expect(outcome.ok && outcome.result.error).toMatch(/chrom/i);
    expect(origin.hits.length).toBe(0);
  });
});
