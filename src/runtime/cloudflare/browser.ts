/**
 * The Worker's browser for `render: browser|auto` sources: Cloudflare Browser Rendering through
 * the `BROWSER` binding (wrangler.toml, commented out by default) and @cloudflare/puppeteer,
 * loaded only when a page is rendered. Every request of the page (document, scripts, XHR, each
 * redirect, which Puppeteer intercepts as a request of its own) passes the request guard; images,
 * media and fonts are not loaded. Without the binding, `noBrowser` says how to add one.
 */
import { DEFAULTS } from '../../defaults.ts';
import { createBrowserFetch, pageRequestHeaders, withRenderDeadline, type BrowserFetch, type PageRenderer, type RenderedPage, type RenderPageOptions } from '../../fetch/browser.ts';
import type { FetcherOptions } from '../../fetch/fetcher.ts';
import { createRequestGuard } from '../../fetch/request-guard.ts';
import { FetchError, noProxyHere } from '../../fetch/types.ts';
import { errorMessage } from '../../utils/errors.ts';
import type { BrowserBinding } from './bindings.ts';

export const NO_BROWSER_BINDING = 'add a Browser Rendering binding to wrangler.toml ([browser] binding = "BROWSER", see README "Cloudflare Workers") and deploy again';

const SKIPPED = new Set(['image', 'media', 'font']);

export function workerBrowser(
  binding: BrowserBinding | undefined,
  options: { allowPrivateNetworks: boolean; beforeRequest?: FetcherOptions['beforeRequest'] },
): { browser?: BrowserFetch; noBrowser?: string } {
  if (!binding) return { noBrowser: NO_BROWSER_BINDING };
  // Workers have no DNS lookup: literal addresses and local names are refused, as by the fetcher.
  const guard = createRequestGuard({ allowPrivateNetworks: options.allowPrivateNetworks });
  return { browser: createBrowserFetch({ renderer: puppeteerRenderer(binding), guard, beforeRequest: options.beforeRequest }) };
}

function puppeteerRenderer(binding: BrowserBinding): PageRenderer {
  return {
    async render(url: string, options: RenderPageOptions): Promise<RenderedPage> {
      const puppeteer = (await import('@cloudflare/puppeteer')).default;
      const browser = await puppeteer.launch(binding as never);
      return withRenderDeadline(renderPage(browser, url, options), options.timeoutMs, url, () => void browser.close().catch(() => {}));
    },
  };
}

async function renderPage(browser: import('@cloudflare/puppeteer').Browser, url: string, options: RenderPageOptions): Promise<RenderedPage> {
  const refused: string[] = [];
  try {
    if (options.proxy) throw noProxyHere(url);
    const page = await browser.newPage();
    await page.setUserAgent(options.request?.userAgent ?? DEFAULTS.userAgent);
    // Cookies stay in the browser's jar, for the page's host only; headers and the User-Agent are
    // set per request below (pageRequestHeaders), the source's for the page's own origin only.
    const { cookies: jar, ...request } = options.request ?? {};
    const cookies = Object.entries(jar ?? {});
    if (cookies.length > 0) await page.setCookie(...cookies.map(([name, value]) => ({ name, value, url })));
    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {}));
    page.on('popup', (popup) => void popup?.close().catch(() => {}));
    await page.setRequestInterception(true);
    page.on('request', (asked) => {
      if (asked.isInterceptResolutionHandled()) return;
      if (SKIPPED.has(asked.resourceType())) return void asked.abort('blockedbyclient').catch(() => {});
      // Each redirect hop is a request of its own here, so the hop is its first URL too.
      const hop = { pageUrl: url, firstUrl: asked.url(), url: asked.url() };
      void options.guard(asked.url()).then((problem) => {
        if (problem) refused.push(problem);
        return problem ? asked.abort('blockedbyclient') : asked.continue({ headers: pageRequestHeaders(asked.headers(), hop, request) });
      }).catch(() => {});
    });
    const response = await page.goto(url, { waitUntil: options.waitFor ? 'domcontentloaded' : 'networkidle0', timeout: options.timeoutMs });
    if (options.waitFor) await page.waitForSelector(options.waitFor, { timeout: options.timeoutMs });
    const html = await page.content();
    return { url: page.url(), status: response?.status() ?? 200, html };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const own = refused.find((r) => r.includes(url));
    throw new FetchError(own ?? `cannot render ${url} with Browser Rendering: ${errorMessage(error).split('\n')[0]}`, url);
  } finally {
    await browser.close().catch(() => {});
  }
}
