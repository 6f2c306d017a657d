import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * A real Chromium for tests of what people see: the one on the machine (Debian's `chromium`,
 * installed by .ci/run), or FEEDWRIGHT_CHROMIUM. Playwright never downloads a browser here.
 * Null, with a visible notice, where there is none: such tests skip rather than fail a clone.
 */
export const CHROMIUM = [process.env.FEEDWRIGHT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  .find((path): path is string => !!path && existsSync(path)) ?? null;

if (!CHROMIUM) console.warn('notice: no Chromium on this machine (apt-get install chromium): browser tests skip');

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no Chromium: check CHROMIUM before launching');
  return chromium.launch({
    executablePath: CHROMIUM,
    // No sandbox as root in CI; no background traffic: the machine has no network beyond loopback.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
