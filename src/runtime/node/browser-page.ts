/**
 * One page rendered in a fresh browser context. Chromium itself never goes on the network: every
 * request the page makes is intercepted and made here, by Node, through the same checks as a
 * static fetch (the guard on every hop, the public-only connection, the byte cap), then handed
 * back to the page; images, media and fonts are not loaded. The source's headers, cookies and
 * User-Agent go only to the page's own origin (pageRequestHeaders). Chromium is started with a
 * dead proxy (browser-pool.ts), so anything that escaped interception would fail rather than go out.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { pageRequestHeaders, renderTimedOut, withRenderDeadline, type RenderedPage, type RenderPageOptions } from '../../fetch/browser.ts';
import { FetchError, tooLarge } from '../../fetch/types.ts';
import { DEFAULTS } from '../../defaults.ts';
import { readCapped } from '../../utils/bytes.ts';
import { errorMessage } from '../../utils/errors.ts';

/** Not needed to read the page's text and links. */
const SKIPPED = new Set(['image', 'media', 'font']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers Node sets itself (or that describe a body Node already decoded). */
const REQUEST_DROP = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'transfer-encoding']);
const RESPONSE_DROP = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);

/** What the page did that the pool reports: the requests refused, for the error and the tests. */
export interface PageLog {
  refused: string[];
}

export async function renderInContext(
  browser: Browser, url: string, options: RenderPageOptions, net: typeof fetch, log: PageLog = { refused: [] },
): Promise<RenderedPage> {
  const controller = new AbortController();
  const opened: { context: BrowserContext | null } = { context: null };
  // Closing the context ends everything in it, a script stuck in a loop included.
  const close = () => {
    controller.abort();
    void opened.context?.close().catch(() => {});
  };
  try {
    return await withRenderDeadline(render(browser, url, options, net, log, controller.signal, opened), options.timeoutMs, url, close);
  } finally {
    controller.abort();
    await opened.context?.close().catch(() => {});
  }
}

async function render(
  browser: Browser, url: string, options: RenderPageOptions, net: typeof fetch, log: PageLog,
  signal: AbortSignal, opened: { context: BrowserContext | null },
): Promise<RenderedPage> {
  const started = Date.now();
  const remaining = () => Math.max(1, options.timeoutMs - (Date.now() - started));
  try {
    // The page's scripts see the source's User-Agent; its headers and cookies are added per
    // request in `intercept`, to the page's own origin only (never given to the browser for all).
    const context = await browser.newContext({
      acceptDownloads: false,
      serviceWorkers: 'block',
      userAgent: options.request?.userAgent ?? DEFAULTS.userAgent,
    });
    opened.context = context;
    if (signal.aborted) throw new Error('closed');
    const page = await context.newPage();
    // Pop-ups are closed, dialogs dismissed (downloads are refused by acceptDownloads).
    context.on('page', (other) => void (other !== page && other.close().catch(() => {})));
    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {}));
    const navigation = { redirect: null as string | null };
    await context.route('**/*', (route) => intercept(route, page, url, options, net, signal, navigation, log));

    let target = url;
    let response = null;
    for (let hops = 0; ; hops++) {
      navigation.redirect = null;
      response = await page.goto(target, { waitUntil: options.waitFor ? 'domcontentloaded' : 'networkidle', timeout: remaining() });
      if (!navigation.redirect) break;
      if (hops >= DEFAULTS.maxRedirects) throw new FetchError(`too many redirects (more than ${DEFAULTS.maxRedirects}) starting at ${url}`, url);
      target = navigation.redirect;
    }
    if (options.waitFor) await page.waitForSelector(options.waitFor, { state: 'attached', timeout: remaining() });
    const html = await page.content();
    return { url: page.url(), status: response?.status() ?? 200, html };
  } catch (error) {
    // The page's own document was refused: say why, not "net::ERR_BLOCKED_BY_CLIENT".
    const refusedDocument = log.refused.find((r) => r.includes(url));
    if (refusedDocument) throw new FetchError(refusedDocument, url);
    if (error instanceof FetchError) throw error;
    // Playwright's waits get what is left of the budget, so one may end a moment before the deadline.
    if (error instanceof Error && error.name === 'TimeoutError') throw renderTimedOut(url, options.timeoutMs);
    throw new FetchError(`cannot render ${url} in the browser: ${errorMessage(error).split('\n')[0]}`, url);
  }
}

/** Makes one request of the page from Node, hop by hop, or refuses it. */
async function intercept(
  route: Route, page: Page, pageUrl: string, options: RenderPageOptions, net: typeof fetch, signal: AbortSignal,
  navigation: { redirect: string | null }, log: PageLog,
): Promise<void> {
  const request = route.request();
  if (SKIPPED.has(request.resourceType())) return route.abort('blockedbyclient').catch(() => {});
  let mainDocument = false;
  try {
    mainDocument = request.isNavigationRequest() && request.frame() === page.mainFrame();
  } catch {
    // A navigation without a frame yet: a pop-up opening. Pop-ups are refused.
    return route.abort('blockedbyclient').catch(() => {});
  }
  const firstUrl = request.url();
  let url = firstUrl;
  let method = request.method();
  const posted = request.postDataBuffer();
  let body: Uint8Array | undefined = posted ? new Uint8Array(posted) : undefined;
  try {
    const given = Object.fromEntries(Object.entries(await request.allHeaders()).filter(([k]) => !REQUEST_DROP.has(k)));
    for (let hops = 0; ; hops++) {
      const refused = await options.guard(url, signal);
      if (refused) {
        log.refused.push(refused);
        return await route.abort('blockedbyclient');
      }
      const headers = pageRequestHeaders(given, { pageUrl, firstUrl, url }, options.request);
      const response = await net(url, { method, headers, body: body as BodyInit | undefined, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location) {
        void response.body?.cancel().catch(() => {});
        const next = new URL(location, url).href;
        // The main document moves by a new navigation, so that its address (and its links' base) is right.
        if (mainDocument) {
          navigation.redirect = next;
          return await route.fulfill({ status: 200, contentType: 'text/html', body: '' });
        }
        if (hops >= DEFAULTS.maxRedirects) return await route.abort('failed');
        if (response.status === 303 || (method === 'POST' && response.status !== 307 && response.status !== 308)) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const bytes = await readCapped(response.body, options.maxBytes, { overflow: 'throw', tooLarge: () => tooLarge(url, options.maxBytes) });
      const out: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        if (!RESPONSE_DROP.has(key)) out[key] = value;
      });
      return await route.fulfill({ status: response.status, headers: out, body: Buffer.from(bytes) });
    }
  } catch {
    // A network error, a body past the cap, the page closing: the request fails, the page goes on.
    await route.abort('failed').catch(() => {});
  }
}
