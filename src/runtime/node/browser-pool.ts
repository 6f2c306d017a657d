/**
 * Node's browser for sources with `render`: one shared Chromium, started on the first page that
 * needs it (static-only configs never load Playwright or start a browser), a small pool of pages
 * each in a fresh context, and a browser that is replaced after `restartAfterPages` pages or when
 * its processes pass `maxMemoryBytes`, and relaunched after a crash.
 */
import type { Browser, BrowserServer } from 'playwright-core';
import { DEFAULTS } from '../../defaults.ts';
import type { PageRenderer, RenderedPage, RenderPageOptions } from '../../fetch/browser.ts';
import { createKeyedLimiter } from '../../fetch/limiter.ts';
import { noProxyHere } from '../../fetch/types.ts';
import { renderInContext, type PageLog } from './browser-page.ts';
import { processTreeMemory } from './chromium.ts';

export interface BrowserPoolOptions {
  executablePath: string;
  /** Pages rendered at once (FEEDWRIGHT_BROWSER_PAGES). */
  pages?: number;
  restartAfterPages?: number;
  maxMemoryBytes?: number;
  /** The network every request of a page goes out on (publicOnlyFetch unless allowPrivateNetworks). */
  fetch?: typeof fetch;
  /** The network through a source's `request.proxy` (the scraper's own). */
  proxied?: (proxy: string) => typeof fetch;
  /** Memory of the browser's process tree (default: Linux /proc; null: unknown). */
  memoryOf?: (pid: number) => Promise<number | null>;
  /** Told when a browser starts or is replaced (logs). */
  log?: (line: string) => void;
}

export interface BrowserPool extends PageRenderer {
  /** Browser processes started so far (each launch after a crash or a restart counts). */
  readonly launches: number;
  /** The running browser's process id (tests, diagnostics), or null when none runs. */
  readonly pid: number | null;
  /** Requests that pages tried and were refused (most recent last, at most 100). */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

interface Instance {
  server: BrowserServer;
  browser: Browser;
  pid: number | null;
  rendered: number;
  active: number;
  retiring: boolean;
}

/**
 * No sandbox-less surprises: Chromium's own network is pointed at a dead proxy (every request is
 * made by Node, browser-page.ts), and background services are off.
 */
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--mute-audio',
  '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
];

export function createBrowserPool(options: BrowserPoolOptions): BrowserPool {
  const slots = createKeyedLimiter(options.pages ?? DEFAULTS.browserPages);
  const restartAfter = options.restartAfterPages ?? DEFAULTS.browserRestartAfterPages;
  const maxMemory = options.maxMemoryBytes ?? DEFAULTS.browserMaxMemoryBytes;
  const memoryOf = options.memoryOf ?? processTreeMemory;
  const net = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const log = options.log ?? (() => {});
  const refused: string[] = [];
  let current: Promise<Instance> | null = null;
  let launches = 0;
  let pid: number | null = null;
  let closed = false;

  async function launch(): Promise<Instance> {
    // Loaded on first use: static-only configs never load Playwright.
    const { chromium } = await import('playwright-core');
    const server = await chromium.launchServer({ executablePath: options.executablePath, args: ARGS });
    const browser = await chromium.connect(server.wsEndpoint());
    launches++;
    const instance: Instance = { server, browser, pid: server.process().pid ?? null, rendered: 0, active: 0, retiring: false };
    pid = instance.pid;
    // A crash (or a kill) drops this browser; the next page starts a new one.
    browser.on('disconnected', () => {
      if (!instance.retiring) log(`browser (pid ${instance.pid}) stopped unexpectedly; the next page starts a new one`);
      retire(instance);
    });
    return instance;
  }

  function instance(): Promise<Instance> {
    if (closed) return Promise.reject(new Error('the browser pool is closed'));
    if (!current) {
      const starting = launch();
      current = starting;
      starting.catch(() => {
        if (current === starting) current = null;
      });
    }
    return current;
  }

  function retire(inst: Instance): void {
    if (!inst.retiring) {
      inst.retiring = true;
      void current?.then((c) => {
        if (c === inst) current = null;
      }, () => {});
      if (pid === inst.pid) pid = null;
    }
    if (inst.active === 0) void inst.server.close().catch(() => {});
  }

  async function afterPage(inst: Instance): Promise<void> {
    inst.rendered++;
    if (inst.retiring) return;
    let why: string | null = inst.rendered >= restartAfter ? `${inst.rendered} pages` : null;
    if (!why && inst.pid !== null) {
      const memory = await memoryOf(inst.pid).catch(() => null);
      if (memory !== null && memory > maxMemory) why = `${Math.round(memory / 2 ** 20)} MiB of memory`;
    }
    if (why) {
      log(`browser (pid ${inst.pid}) is replaced after ${why}`);
      retire(inst);
    }
  }

  return {
    get launches() { return launches; },
    get pid() { return pid; },
    refused,
    async render(url: string, renderOptions: RenderPageOptions): Promise<RenderedPage> {
      const release = await slots.acquire('pages');
      let inst: Instance | null = null;
      const pageLog: PageLog = { refused: [] };
      try {
        let pageNet = net;
        if (renderOptions.proxy) {
          if (!options.proxied) throw noProxyHere(url);
          pageNet = options.proxied(renderOptions.proxy);
        }
        inst = await instance();
        inst.active++;
        return await renderInContext(inst.browser, url, renderOptions, pageNet, pageLog);
      } finally {
        refused.push(...pageLog.refused);
        refused.splice(0, Math.max(0, refused.length - 100));
        if (inst) {
          inst.active--;
          await afterPage(inst);
          if (inst.retiring && inst.active === 0) void inst.server.close().catch(() => {});
        }
        release();
      }
    },
    async close() {
      closed = true;
      const running = current;
      current = null;
      const inst = await running?.catch(() => null);
      if (inst) {
        inst.retiring = true;
        await inst.server.close().catch(() => {});
      }
    },
  };
}
