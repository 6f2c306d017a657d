import { describe, expect, it } from 'vitest';
import { createRequestGuard } from '../../src/fetch/request-guard.ts';

describe('createRequestGuard', () => {
  const dns: Record<string, string[]> = { 'public.test': ['93.184.216.34'], 'rebind.test': ['93.184.216.34', '10.1.2.3'] };
  const guard = createRequestGuard({ resolveHost: async (name) => dns[name] ?? [] });

  it('allows public http(s) addresses and names that resolve only to public ones', async () => {
    expect(await guard('https://93.184.216.34/a')).toBeNull();
    expect(await guard('http://public.test/')).toBeNull();
  });

  it('refuses other schemes, private literals in any form, local names and names resolving to a private address', async () => {
    expect(await guard('ftp://public.test/')).toBe('refusing to fetch ftp://public.test/: only http and https URLs are allowed');
    for (const url of ['http://127.0.0.1/', 'http://2130706433/', 'http://[::1]/', 'http://[::ffff:7f00:1]/', 'http://169.254.169.254/', 'http://localhost:8080/']) {
      expect(await guard(url), url).toMatch(/^refusing to fetch .*; set allowPrivateNetworks: true to allow local sites$/);
    }
    expect(await guard('http://rebind.test/')).toContain('rebind.test resolves to 10.1.2.3 (private network address (RFC 1918))');
    expect(await guard('not a url')).toBe('invalid URL: not a url');
  });

  it('allows private addresses with allowPrivateNetworks, never other schemes', async () => {
    const open = createRequestGuard({ allowPrivateNetworks: true });
    expect(await open('http://127.0.0.1:9/')).toBeNull();
    expect(await open('file:///etc/passwd')).toContain('only http and https');
  });

  it('says when a name cannot be resolved', async () => {
    const failing = createRequestGuard({ resolveHost: async () => { throw new Error('ENOTFOUND'); } });
    expect(await failing('http://nowhere.test/')).toBe('DNS lookup failed for nowhere.test: ENOTFOUND');
  });
});
