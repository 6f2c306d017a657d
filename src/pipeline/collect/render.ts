/**
 * How a source's pages are read, by its `render` mode: `static` (the fetcher), `browser` (the
 * runtime's browser) or `auto`: static first, the browser only when the static page is not usable
 * (a listing without article links, an article without a body), remembering in the source state
 * which way worked so that later runs do not pay twice. Either way the page is a FetchResult that
 * the same parsers read.
 */
import type { SourceConfig } from '../../config/types.ts';
import type { BrowserFetchOptions } from '../../fetch/browser.ts';
import { pageRequestFor } from '../../fetch/source-request.ts';
import type { FetchOptions, FetchResult } from '../../fetch/types.ts';
import type { RenderedBy, SourceState } from '../../model.ts';
import type { ScrapeDeps } from '../types.ts';

export type PageKind = keyof RenderedBy;
export type ReadBy = 'static' | 'browser';

/** A parsed page and whether it is usable (`auto` tries the browser when it is not). */
export interface Parsed<T> {
  value: T;
  usable: boolean;
}

export interface PageReading {
  source: SourceConfig;
  deps: Pick<ScrapeDeps, 'fetch' | 'browser' | 'noBrowser'>;
  /** Where `auto` remembers which way worked (mutated). */
  state?: SourceState;
  /** Counts pages rendered in the browser, and says which way read each kind of page (mutated). */
  report?: { rendered?: number; readBy?: RenderedBy };
}

/** Reads one page as the source's `render` says; returns the parsed value and which way produced it. */
export async function readPage<T>(
  reading: PageReading, kind: PageKind, url: string, options: FetchOptions,
  parse: (page: FetchResult) => Promise<Parsed<T>>,
): Promise<{ value: T; by: ReadBy }> {
  const read = await readPageBy(reading, kind, url, options, parse);
  if (reading.report) reading.report.readBy = { ...reading.report.readBy, [kind]: read.by };
  return read;
}

async function readPageBy<T>(
  reading: PageReading, kind: PageKind, url: string, options: FetchOptions,
  parse: (page: FetchResult) => Promise<Parsed<T>>,
): Promise<{ value: T; by: ReadBy }> {
  const { source, deps, state } = reading;
  const mode = source.render?.mode ?? 'static';
  const viaStatic = async () => parse(await deps.fetch(url, options));
  const viaBrowser = async () => parse(await renderPage(reading, url));
  if (mode === 'static') return { value: (await viaStatic()).value, by: 'static' };
  if (mode === 'browser') return { value: (await viaBrowser()).value, by: 'browser' };
  // auto: without a browser, static is all there is (and nothing is remembered).
  if (!deps.browser) return { value: (await viaStatic()).value, by: 'static' };
  const remember = (by: ReadBy) => {
    if (state) state.rendered = { ...state.rendered, [kind]: by };
  };
  const order: ReadBy[] = state?.rendered?.[kind] === 'browser' ? ['browser', 'static'] : ['static', 'browser'];
  let first: Parsed<T> | null = null;
  for (const by of order) {
    const result = by === 'browser' ? await viaBrowser() : await viaStatic();
    if (result.usable) {
      remember(by);
      return { value: result.value, by };
    }
    first ??= result;
  }
  // Neither way gave a usable page: the first (the remembered or cheaper way) is reported.
  return { value: first!.value, by: order[0] };
}

/** The page rendered in the runtime's browser, or an error saying how to get one. */
async function renderPage(reading: PageReading, url: string): Promise<FetchResult> {
  const { source, deps, report } = reading;
  if (!deps.browser) {
    throw new Error(`source "${source.id}" has render: ${source.render?.mode ?? 'browser'}, but there is no browser here: ${deps.noBrowser ?? 'this runtime cannot render pages'}`);
  }
  const options: BrowserFetchOptions = {};
  if (source.render?.waitFor) options.waitFor = source.render.waitFor;
  if (source.render?.timeout) options.timeoutMs = source.render.timeout;
  // The source's headers, cookies and User-Agent, as its static fetches carry them (own hosts only).
  const request = pageRequestFor(source, url);
  if (request) options.request = request;
  if (source.request?.proxy) options.proxy = source.request.proxy;
  const page = await deps.browser(url, options);
  if (report) report.rendered = (report.rendered ?? 0) + 1;
  return page;
}
