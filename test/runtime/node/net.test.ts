import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../../src/fetch/address.ts';
import { FetchError } from '../../../src/fetch/types.ts';
import { readFile, resolveHost } from '../../../src/runtime/node/net.ts';

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
