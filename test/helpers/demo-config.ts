import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url));

/** A temp folder holding a copy of the demo site, a config that reads it, and a DB path. */
export function demoWorkspace(config = defaultConfig()): { dir: string; config: string; db: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-'));
  cpSync(DEMO_DIR, join(dir, 'demo'), { recursive: true });
  writeFileSync(join(dir, 'sources.yaml'), config);
  return { dir, config: join(dir, 'sources.yaml'), db: join(dir, 'feedwright.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function defaultConfig(extra = ''): string {
  return `baseUrl: https://feeds.example.org
sources:
  - id: brics-post
    title: The BRICS Post (demo)
    url: file:demo/index.html
    schedule: "*/30 * * * *"
    timezone: Asia/Kolkata
    language: en
${extra}`;
}
