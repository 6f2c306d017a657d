#!/usr/bin/env node
/**
 * The Cloudflare Workers and benchmark tooling (wrangler, miniflare, linkedom, Readability,
 * autocannon) is a package of its own, so that `npm install` for the Node server stays light.
 * This installs it into tooling/node_modules when missing or older than tooling/package-lock.json
 * (`npm ci`), then runs the command given, if any, with the tooling's binaries on PATH:
 *
 *   node tooling/install.mjs                  install only (the tests' global setup does this)
 *   node tooling/install.mjs wrangler dev     what `npm run wrangler -- dev` does
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOLING_DIR = dirname(fileURLToPath(import.meta.url));
const shell = process.platform === 'win32';

/** Installs the tooling unless it is already installed from the current lockfile. */
export function ensureTooling() {
  const installed = join(TOOLING_DIR, 'node_modules', '.package-lock.json');
  const lock = join(TOOLING_DIR, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('feedwright: installing the Workers and benchmark tooling into tooling/ (once) …');
  const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: TOOLING_DIR, stdio: 'inherit', shell });
  if (run.status !== 0) throw new Error(`npm ci in ${TOOLING_DIR} failed (exit ${run.status}); run it by hand to see why`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureTooling();
  } catch (err) {
    console.error(`feedwright: ${err.message}`);
    process.exit(1);
  }
  const [command, ...args] = process.argv.slice(2);
  if (command) {
    const PATH = `${join(TOOLING_DIR, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`;
    const run = spawnSync(command, args, { stdio: 'inherit', shell, env: { ...process.env, PATH } });
    process.exit(run.status ?? 1);
  }
}
