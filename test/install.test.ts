import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../src/defaults.ts';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/**
 * What the Workers and benchmark tooling brings (hundreds of MB), which the Node quick start does not
 * need. playwright-core is not here: the Node server drives a local Chromium with it (render: browser).
 */
const TOOLING = ['wrangler', 'miniflare', 'workerd', 'linkedom', '@mozilla/readability', 'autocannon'];

describe('install', () => {
  it('npm install leaves out the Workers and benchmark tooling; tooling/ declares it', () => {
    const pkg = JSON.parse(read('package.json'));
    const declared = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies };
    const lock = JSON.parse(read('package-lock.json'));
    const installed = Object.keys(lock.packages).map((p) => p.replace(/^.*node_modules\//, ''));
    for (const name of TOOLING) {
      expect(declared, name).not.toHaveProperty([name]);
      expect(installed, name).not.toContain(name);
    }
    const tooling = JSON.parse(read('tooling/package.json'));
    expect(Object.keys(tooling.devDependencies).sort()).toEqual(['@cloudflare/puppeteer', '@mozilla/readability', 'autocannon', 'linkedom', 'miniflare', 'wrangler']);
    expect(JSON.parse(read('tooling/package-lock.json')).packages['node_modules/wrangler'].version).toBe(tooling.devDependencies.wrangler);
  });

  it("the README's Workers walkthrough talks to wrangler dev's port, not the Node server's", () => {
    const port = Number(/^\[dev\]\s*\nport\s*=\s*(\d+)/m.exec(read('wrangler.toml'))?.[1]);
    expect(port).not.toBe(DEFAULTS.port);
    const readme = read('README.md');
    const walkthrough = readme.slice(readme.indexOf('#### Try it locally'), readme.indexOf('#### Deploy'));
    const ports = [...walkthrough.matchAll(/localhost:(\d+)/g)].map((m) => Number(m[1]));
    expect(ports.length).toBeGreaterThan(3);
    expect(new Set(ports)).toEqual(new Set([port]));
    expect(walkthrough).not.toContain('npx wrangler'); // wrangler is not in the root install
  });
});
