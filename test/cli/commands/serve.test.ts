import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoWorkspace } from '../../helpers/demo-config.ts';

const BIN = fileURLToPath(new URL('../../../bin/feedwright.mjs', import.meta.url));

interface Run {
  /** Resolves when stdout has printed a line matching `re`. */
  waitFor(re: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
  signal(s: NodeJS.Signals): void;
}

function serve(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, FEEDWRIGHT_CONFIG: '', FEEDWRIGHT_DB: '', PORT: '', HOST: '', FEEDWRIGHT_EXTRACT_THREADS: '0', ...env },
  });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (d) => {
    stdout += d;
    for (const w of waiters) if (w.re.test(stdout)) w.resolve();
  });
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    waitFor: (re) => new Promise<void>((resolve, reject) => {
      if (re.test(stdout)) return resolve();
      waiters.push({ re, resolve });
      void exited.then((r) => reject(new Error(`exited (${r.code}) before ${re}:\n${r.stdout}\n${r.stderr}`)));
    }),
    exited,
    signal: (s) => child.kill(s),
  };
}

let ws: ReturnType<typeof demoWorkspace>;
let blocker: Server | undefined;
beforeEach(() => { ws = demoWorkspace(); });
afterEach(async () => {
  ws.cleanup();
  await new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r()));
  blocker = undefined;
});

// Each case spawns the CLI (tsx compiles on the fly), so allow for a slow, loaded machine.
describe('feedwright serve', { timeout: 90_000 }, () => {
  it('says it is stopping on Ctrl-C, and that it stopped', async () => {
    const run = serve(['--config', ws.config, '--db', ws.db, '--port', '0', '--host', '127.0.0.1']);
    await run.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
    run.signal('SIGINT');
    const { code, stdout, stderr } = await run.exited;
    expect(stdout).toMatch(/feedwright: stopping \(Ctrl-C\).*press Ctrl-C again to quit at once/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('feedwright: stopped');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('reloads the config file on SIGHUP and keeps serving', async () => {
    const run = serve(['--config', ws.config, '--db', ws.db, '--port', '0', '--host', '127.0.0.1']);
    await run.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
    run.signal('SIGHUP');
    await run.waitFor(/config .*sources\.yaml reloaded: 1 source\(s\)/);
    run.signal('SIGINT');
    const { code, stdout } = await run.exited;
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('feedwright: stopped');
  });

  it('answers a port in use with one line naming the port and PORT, and exits', async () => {
    blocker = createServer();
    const port = await new Promise<number>((r) => blocker!.listen(0, '127.0.0.1', () => r((blocker!.address() as { port: number }).port)));
    const run = serve(['--config', ws.config, '--db', ws.db], { PORT: String(port), HOST: '127.0.0.1' });
    const { code, stderr } = await run.exited;
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port} is already in use`);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+/); // no stack trace
  });

  it('refuses an empty or source-less config instead of serving nothing', async () => {
    for (const text of ['', 'baseUrl: https://feeds.example.org\nsources:\n']) {
      writeFileSync(ws.config, text);
      const run = serve(['--config', ws.config, '--db', ws.db, '--port', '0', '--host', '127.0.0.1']);
      // Before it refused, it started: stop it then, so that the test fails instead of hanging.
      void run.waitFor(/listening/).then(() => run.signal('SIGKILL'), () => {});
      const { code, stderr } = await run.exited;
      expect(code).toBe(1);
      expect(stderr).toContain(`${ws.config}: sources: no sources to serve`);
    }
  });
});
