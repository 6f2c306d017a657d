/**
 * The layering of src/ (README "Architecture"): a file imports its own folder, the primitives and
 * earlier stages only; type imports count. No file or folder cycles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

const PRIMITIVES = ['src/model.ts', 'src/defaults.ts', 'src/utils', 'src/html'];
/** Stages, earliest first; units on one line (`a|b`) share a rank and may not import each other. */
const ORDER = ['src/config', 'src/fetch', 'src/list', 'src/extract', 'src/normalize', 'src/store', 'src/render',
  'src/websub', 'src/server', 'src/pipeline', 'src/runtime/node|src/runtime/cloudflare', 'src/cli'];

interface Edge { from: string; to: string; typeOnly: boolean }

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[\s\S]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(file: string, spec: string): string {
  let t = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
  if (!existsSync(t)) {
    if (existsSync(`${t}.ts`)) t += '.ts';
    else if (existsSync(join(t, 'index.ts'))) t = join(t, 'index.ts');
    else if (existsSync(t.replace(/\.ts$/, '.mjs'))) t = t.replace(/\.ts$/, '.mjs');
  }
  return relative(ROOT, t);
}

/** Relative imports of every file under src/ (static, `export … from`, dynamic). */
function importGraph(): { files: string[]; edges: Edge[] } {
  const files = sourceFiles(join(ROOT, 'src'));
  const edges: Edge[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      edges.push({ from: relative(ROOT, file), to: resolveImport(file, spec), typeOnly: /^(?:import|export)\s+type\b/.test(m[0]) });
    }
  }
  return { files: files.map((f) => relative(ROOT, f)), edges };
}

/** The layering unit of a path: `src/model.ts`, `src/index.ts`, `src/<folder>` or `src/runtime/<folder>`. */
function unitOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'src') return parts[0];
  if (parts.length === 2) return path;
  return parts[1] === 'runtime' && parts.length > 3 ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
}

const rank = (unit: string) => ORDER.findIndex((line) => line.split('|').includes(unit));

/** Why `from` may not import `to` (null: allowed). */
function importProblem(e: Edge): string | null {
  const a = unitOf(e.from);
  const b = unitOf(e.to);
  if (['test', 'bench', 'testkit'].includes(b)) return 'src must not import tests, benches or the testkit';
  if (b === 'data') return a === 'src/runtime/cloudflare' && e.to.endsWith('.yaml') ? null : 'only runtime/cloudflare may bundle data/*.yaml';
  if (a === b) return null;
  if (a === 'src/model.ts') return 'src/model.ts imports nothing from src';
  if (a === 'src/defaults.ts') return b === 'src/model.ts' && e.typeOnly ? null : 'src/defaults.ts may import only model types';
  if (a === 'src/utils' || a === 'src/html') {
    return ['src/model.ts', 'src/defaults.ts', 'src/utils'].includes(b) ? null : `${a} may import only model, defaults and utils`;
  }
  if (a === 'src/index.ts') return b.startsWith('src/runtime/') || b === 'src/cli' ? 'src/index.ts must not import runtimes or the CLI' : null;
  if (PRIMITIVES.includes(b)) return null;
  const ra = rank(a);
  const rb = rank(b);
  if (ra < 0) return `${a} is not in the layering table (test/architecture.test.ts ORDER)`;
  if (rb < 0) return `${b} is not in the layering table (test/architecture.test.ts ORDER)`;
  if (a === 'src/cli' && b === 'src/runtime/cloudflare') return 'the CLI must not import the Cloudflare runtime';
  if (rb >= ra) return `${a} must not import ${b} (a later stage, or a sibling runtime)`;
  if (a === 'src/render' && b === 'src/store' && !e.typeOnly) return 'render may import store types only';
  return null;
}

/** Strongly connected components with more than one member (Tarjan). */
function cycles(nodes: string[], next: (n: string) => string[]): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const known = new Set(nodes);
  function visit(v: string): void {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!known.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  }
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

/** Every folder of src/ that holds files (`src/runtime` only holds the two runtimes). */
function srcFolders(): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const entries = readdirSync(join(ROOT, p), { withFileTypes: true });
    if (p !== 'src' && entries.some((e) => e.isFile())) out.push(p);
    for (const e of entries) if (e.isDirectory()) walk(`${p}/${e.name}`);
  };
  walk('src');
  return out.sort();
}

/** The files directly in src/ (model.ts, defaults.ts, index.ts). */
function srcTopFiles(): string[] {
  return readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `src/${e.name}`).sort();
}

/** The `src/…` rows of README's "Architecture" table. */
function readmeRows(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Architecture\n'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  return [...table.matchAll(/^\|\s*`(src\/[^`]+?)\/?`\s*\|/gm)].map((m) => m[1]).sort();
}

const isFilePath = (p: string) => /\.\w+$/.test(p);

const MAX_LINES = 300;

/** Lines as `wc -l` counts them. */
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** The first block comment of a file, or ''. */
const firstComment = (text: string) => /\/\*[\s\S]*?\*\//.exec(text)?.[0] ?? '';

/** Relative imports of the files under test/, bench/ and testkit/, by top folder of importer and target. */
function harnessEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const top of ['test', 'bench', 'testkit']) {
    for (const file of sourceFiles(join(ROOT, top))) {
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith('.')) edges.push({ from: relative(ROOT, file), to: resolveImport(file, spec), typeOnly: false });
      }
    }
  }
  return edges;
}

describe('architecture', () => {
  const { files, edges } = importGraph();

  it('every import follows the layering table', () => {
    const problems = edges.map((e) => ({ e, why: importProblem(e) })).filter((p) => p.why)
      .map(({ e, why }) => `${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}: ${why}`);
    expect(problems).toEqual([]);
  });

  it('has no file cycles', () => {
    const next = (f: string) => edges.filter((e) => e.from === f).map((e) => e.to);
    expect(cycles(files, next)).toEqual([]);
  });

  it('has no folder cycles', () => {
    const units = [...new Set(files.map(unitOf))];
    const next = (u: string) => [...new Set(edges.filter((e) => unitOf(e.from) === u && unitOf(e.to) !== u).map((e) => unitOf(e.to)))];
    expect(cycles(units, next)).toEqual([]);
  });

  it('keeps the runtime adapters thin', () => {
    const text = (f: string) => readFileSync(join(ROOT, f), 'utf8');
    const problems: string[] = [];
    for (const f of files) {
      if (f !== 'src/fetch/polite.ts' && f !== 'src/fetch/robots.ts' && /import[^;]*\bcreateRobotsPolicy\b[^;]*from/.test(text(f))) {
        problems.push(`${f}: imports createRobotsPolicy (use fetch/polite.ts#createPoliteFetcher)`);
      }
      if (!f.startsWith('src/websub/') && /import[^;]*\b(?:createHub|externalHub)\b[^;]*from/.test(text(f))) {
        problems.push(`${f}: imports createHub/externalHub (use websub/create.ts#createWebSub)`);
      }
      if (f.startsWith('src/runtime/') && text(f).includes("type !== 'push'")) {
        problems.push(`${f}: tests type !== 'push' (use pipeline isScheduled)`);
      }
    }
    for (const e of edges) {
      if (/^src\/websub\/(?:own-hub|external-hub)\.ts$/.test(e.to) && !e.from.startsWith('src/websub/')) {
        problems.push(`${e.from}: imports ${e.to} (only websub/create.ts may)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('README\'s architecture table lists exactly the folders of src/ and its top-level files', () => {
    const rows = readmeRows();
    expect(rows.filter((p) => !isFilePath(p))).toEqual(srcFolders());
    expect(rows.filter(isFilePath)).toEqual(srcTopFiles());
  });

  it(`keeps files under ${MAX_LINES} lines unless their first comment says why`, () => {
    const problems = files.flatMap((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const lines = lineCount(text);
      if (lines <= MAX_LINES || /^[\s*]*Over 300 lines: \S/m.test(firstComment(text))) return [];
      return [`${f}: ${lines} lines; split it, or start its first comment block with a line "Over 300 lines: <why>"`];
    });
    expect(problems).toEqual([]);
  });

  it('tests and benchmarks share code only through testkit/', () => {
    const top = (p: string) => p.split('/')[0];
    const problems = harnessEdges().filter((e) => {
      const [a, b] = [top(e.from), top(e.to)];
      return (a === 'test' && b === 'bench') || (a === 'bench' && b === 'test') || (a === 'testkit' && (b === 'test' || b === 'bench'));
    }).map((e) => `${e.from} → ${e.to}: import it from testkit/ instead`);
    expect(problems).toEqual([]);
  });
});
