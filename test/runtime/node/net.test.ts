import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../src/fetch/fetcher.ts';
import { isPrivateAddress } from '../../../src/fetch/address.ts';
import { FetchError } from '../../../src/fetch/types.ts';
import { publicOnlyFetch, readFile, resolveHost, type Lookup } from '../../../src/runtime/node/net.ts';
import { startOrigin, type Origin } from '../../../testkit/origin.ts';

describe('resolveHost', () => {
  it('resolves localhost (from the hosts file) to loopback addresses only', async () => {
    const addresses = await resolveHost('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.every(isPrivateAddress)).toBe(true);
  });

  it('passes literal addresses through, bracketed or not', async () => {
    expect(await resolveHost('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(await resolveHost('[::1]')).toEqual(['::1']);
  });
});

describe('readFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedwright-net-'));
    await writeFile(join(dir, 'a.bin'), new Uint8Array(200_000).fill(7));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a file of exactly maxBytes and refuses one byte more', async () => {
    const url = pathToFileURL(join(dir, 'a.bin')).href;
    const bytes = await readFile(url, 200_000);
    expect(bytes.length).toBe(200_000);
    expect(bytes.every((b) => b === 7)).toBe(true);
    await expect(readFile(url, 199_999)).rejects.toBeInstanceOf(FetchError);
  });

  it('fails on a missing file', async () => {
    await expect(readFile(pathToFileURL(join(dir, 'nope')).href, 10)).rejects.toThrow(/ENOENT/);
  });
});

describe('publicOnlyFetch', () => {
  let origin: Origin;
  beforeAll(async () => {
    origin = await startOrigin({ routes: {
      '/page': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`hello ${req.headers.host}`);
      },
    } });
  });
  afterAll(() => origin.close());

  const port = () => new URL(origin.url).port;
  /** A resolver that answers every name with the local origin's address (a rebinding DNS server). */
  const toLoopback: Lookup = (_hostname, options, callback) =>
    options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);

  it('refuses to connect when the name resolves to a private address at connection time', async () => {
    const before = origin.hits.length;
    const fetchPublic = publicOnlyFetch(toLoopback);
    const error = await fetchPublic(`http://rebind.example:${port()}/page`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const cause = (error as Error & { cause?: Error & { code?: string } }).cause;
    expect(cause?.code).toBe('EPRIVATEADDRESS');
    expect(cause?.message).toMatch(/rebind\.example resolves to 127\.0\.0\.1 \(loopback address\)/);
    expect(origin.hits.length).toBe(before);
  });

  it('closes the rebinding window: a name checked as public that connects to loopback is refused', async () => {
    const before = origin.hits.length;
    // The fetcher's own check sees a public address; the connection's lookup then answers 127.0.0.1.
    const fetcher = createFetcher({ resolveHost: async () => ['93.184.216.34'], fetch: publicOnlyFetch(toLoopback) });
    await expect(fetcher(`http://rebind.example:${port()}/page`)).rejects.toThrow(/rebind\.example resolves to 127\.0\.0\.1/);
    expect(origin.hits.length).toBe(before);
  });

  it('serves the fetcher end to end (status, headers, capped body, charset)', async () => {
    const fetcher = createFetcher({ resolveHost: async () => ['93.184.216.34'], fetch: publicOnlyFetch(toLoopback, () => true) });
    const page = await fetcher(`http://any-name.example:${port()}/page`);
    expect(page.status).toBe(200);
    expect(page.contentType).toBe('text/plain');
    expect(page.text).toBe(`hello any-name.example:${port()}`);
  });

  it('connects to the address its lookup returned when that address is allowed', async () => {
    const fetchAllowed = publicOnlyFetch(toLoopback, () => true);
    const res = await fetchAllowed(`http://any-name.example:${port()}/page`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`hello any-name.example:${port()}`);
  });
});
