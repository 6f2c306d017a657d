import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { sourceFetcher } from '../../../src/fetch/source-request.ts';
import { settingsFrom } from '../../../src/runtime/node/context.ts';
import { outbound, proxyEnvFrom } from '../../../src/runtime/node/proxy.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';
import { makeSource } from '../../../testkit/sources.ts';
import { startProxy } from '../../helpers/proxy.ts';

let origin: Origin;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let proxy2: Awaited<ReturnType<typeof startProxy>>;

beforeAll(async () => {
  origin = await startOrigin({ host: '127.0.0.3', routes: { '/*': (req, res) => { res.end(`via=${req.headers.via ?? 'direct'}`); } } });
  proxy = await startProxy();
  proxy2 = await startProxy();
});
afterAll(async () => {
  await origin.close();
  await proxy.close();
  await proxy2.close();
});

async function get(url: string, net: ReturnType<typeof outbound>, source?: Parameters<typeof sourceFetcher>[1]): Promise<string> {
  const fetcher = createFetcher({ allowPrivateNetworks: true, fetch: net.fetch, proxied: net.proxied });
  try {
    return (await (source ? sourceFetcher(fetcher, source) : fetcher)(url)).text;
  } finally {
    await net.close();
  }
}

describe('outbound proxies (Node)', () => {
  it('sends requests through HTTP_PROXY', async () => {
    const text = await get(origin.at('/one'), outbound({ allowPrivateNetworks: true, env: { httpProxy: proxy.url } }));
    expect(text).toBe('via=1.1 test-proxy');
    expect(proxy.seen).toContain(origin.at('/one'));
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const text = await get(origin.at('/two'), outbound({ allowPrivateNetworks: true, env: { httpProxy: proxy.url, noProxy: 'localhost, 127.0.0.3' } }));
    expect(text).toBe('via=direct');
    expect(proxy.seen).not.toContain(origin.at('/two'));
  });

  it('uses the config\'s proxy over the variables, NO_PROXY still honoured', async () => {
    expect(await get(origin.at('/three'), outbound({ allowPrivateNetworks: true, proxy: proxy2.url, env: { httpProxy: proxy.url } })))
      .toBe('via=1.1 test-proxy');
    expect(proxy2.seen).toContain(origin.at('/three'));
    expect(proxy.seen).not.toContain(origin.at('/three'));
    expect(await get(origin.at('/four'), outbound({ allowPrivateNetworks: true, proxy: proxy2.url, env: { noProxy: '127.0.0.3' } }))).toBe('via=direct');
  });

  it('sends a source with request.proxy through its own proxy', async () => {
    const source = makeSource({ id: 's', url: origin.at('/'), request: { proxy: proxy2.url } });
    expect(await get(origin.at('/five'), outbound({ allowPrivateNetworks: true }), source)).toBe('via=1.1 test-proxy');
    expect(proxy2.seen).toContain(origin.at('/five'));
    expect(proxy.seen).not.toContain(origin.at('/five'));
  });

  it('goes direct without any proxy', async () => {
    expect(await get(origin.at('/six'), outbound({ allowPrivateNetworks: true }))).toBe('via=direct');
  });

  it('reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY (either case) in the Node settings only', () => {
    expect(proxyEnvFrom({ HTTP_PROXY: 'http://a:1', https_proxy: 'http://b:2', NO_PROXY: 'x.test' }))
      .toEqual({ httpProxy: 'http://a:1', httpsProxy: 'http://b:2', noProxy: 'x.test' });
    expect(settingsFrom({}, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'localhost' }).proxyEnv)
      .toEqual({ httpsProxy: 'http://p:3128', noProxy: 'localhost' });
    expect(settingsFrom({}, {}).proxyEnv).toBeUndefined();
  });
});
