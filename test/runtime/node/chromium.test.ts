import { describe, expect, it } from 'vitest';
import { findChromium, processTreeMemory } from '../../../src/runtime/node/chromium.ts';

describe('findChromium', () => {
  it('takes FEEDWRIGHT_CHROMIUM first, and refuses one that does not exist instead of guessing', () => {
    expect(findChromium({ FEEDWRIGHT_CHROMIUM: '/opt/chrome' }, (p) => p === '/opt/chrome' || p === '/usr/bin/chromium')).toBe('/opt/chrome');
    expect(() => findChromium({ FEEDWRIGHT_CHROMIUM: '/nope' }, () => false)).toThrow('FEEDWRIGHT_CHROMIUM=/nope: no such file');
  });

  it('finds Debian\'s chromium, macOS and Windows Chrome, or nothing', () => {
    expect(findChromium({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(findChromium({}, (p) => p.startsWith('/Applications/Google Chrome.app'))).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(findChromium({}, (p) => p.endsWith('chrome.exe'))).toMatch(/^C:\\Program Files\\Google\\Chrome/);
    expect(findChromium({}, () => false)).toBeNull();
  });
});

describe.skipIf(process.platform !== 'linux')('processTreeMemory', () => {
  it('counts this process (and its children) in bytes, and nothing for a process that does not exist', async () => {
    const memory = await processTreeMemory(process.pid);
    expect(memory).toBeGreaterThan(process.memoryUsage().heapUsed);
    expect(await processTreeMemory(2 ** 30)).toBeNull();
  });
});
