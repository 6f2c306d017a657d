import { describe, expect, it } from 'vitest';
import { assetsReader } from '../../../src/runtime/cloudflare/assets.ts';
import type { Fetchable } from '../../../src/runtime/cloudflare/bindings.ts';

/** A stand-in for the ASSETS binding serving a few paths (the real one is used in worker.test.ts). */
function assets(files: Record<string, string>): Fetchable & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetch(input: Request | string) {
      const path = new URL(typeof input === 'string' ? input : input.url).pathname;
      asked.push(path);
      return path in files ? new Response(files[path]) : new Response('nope', { status: 404 });
    },
  };
}

describe('assetsReader', () => {
  it('maps file:///data/<path> to the assets path /<path>', async () => {
    const binding = assets({ '/demo/index.html': '<p>hi</p>' });
    const bytes = await assetsReader(binding)('file:///data/demo/index.html', 1000);
    expect(new TextDecoder().decode(bytes)).toBe('<p>hi</p>');
    expect(binding.asked).toEqual(['/demo/index.html']);
  });

  it('refuses files outside the bundle, missing files, files over the cap and a missing binding', async () => {
    const binding = assets({ '/big.html': 'x'.repeat(100) });
    await expect(assetsReader(binding)('file:///etc/passwd', 1000)).rejects.toThrow(/only files under/);
    await expect(assetsReader(binding)('file:///data/missing.html', 1000)).rejects.toThrow(/404/);
    await expect(assetsReader(binding)('file:///data/big.html', 10)).rejects.toThrow(/larger than 10 bytes/);
    await expect(assetsReader(undefined)('file:///data/big.html', 1000)).rejects.toThrow(/no ASSETS binding/);
    expect(binding.asked).toEqual(['/missing.html', '/big.html']);
  });
});
