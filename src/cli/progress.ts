import type { ScrapeProgress } from '../pipeline/types.ts';

/** Where progress goes: a terminal gets one live status line, anything else plain lines. */
export interface ProgressStream {
  isTTY?: boolean;
  /** Terminal width; the live line is cut to fit. */
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressView {
  /** ScrapeDeps.onProgress. */
  update(progress: ScrapeProgress): void;
  /** Clears the live line (call before printing results and when the runs are over). */
  clear(): void;
}

/** Plain mode prints a line every this many article pages (and at the last one). */
const PLAIN_EVERY = 10;

/**
 * Progress of `scrape` and `build` while sources run. On a terminal: one status line rewritten in
 * place ("2/5 sources done · news 12/30 pages · blog listing…"). Otherwise (logs, pipes): plain
 * lines per source with counts: started, links found and pages to read, every 10 pages, done.
 */
export function createProgress(stream: ProgressStream, sourceCount: number): ProgressView {
  return stream.isTTY ? liveProgress(stream, sourceCount) : plainProgress(stream, sourceCount);
}

function plainProgress(stream: ProgressStream, sourceCount: number): ProgressView {
  let finished = 0;
  const line = (id: string, text: string) => stream.write(`[${id}] ${text}\n`);
  return {
    update(p) {
      if (p.phase === 'listing') line(p.sourceId, 'started');
      else if (p.phase === 'articles') {
        if (p.done === 0) line(p.sourceId, `${p.found} link${p.found === 1 ? '' : 's'} found, reading ${pages(p.total)}`);
        else if (p.done % PLAIN_EVERY === 0 || p.done === p.total) line(p.sourceId, `${p.done}/${pages(p.total)} read`);
      } else {
        finished += 1;
        line(p.sourceId, `${p.ok ? 'done' : 'failed'} (${finished}/${sourceCount} sources)`);
      }
    },
    clear() {},
  };
}

function liveProgress(stream: ProgressStream, sourceCount: number): ProgressView {
  const running = new Map<string, string>();
  let finished = 0;
  let shown = false;
  const draw = () => {
    const parts = [`${finished}/${sourceCount} sources done`, ...[...running].map(([id, what]) => `${id} ${what}`)];
    let text = parts.join(' · ');
    const width = Math.max(20, (stream.columns || 80) - 1); // 0: a terminal without a size (script, some CI)
    if (text.length > width) text = `${text.slice(0, width - 1)}…`;
    stream.write(`\r\x1b[2K${text}`);
    shown = true;
  };
  return {
    update(p) {
      if (p.phase === 'listing') running.set(p.sourceId, 'listing…');
      else if (p.phase === 'articles') running.set(p.sourceId, `${p.done}/${pages(p.total)}`);
      else {
        running.delete(p.sourceId);
        finished += 1;
      }
      draw();
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

function pages(n: number): string {
  return `${n} article page${n === 1 ? '' : 's'}`;
}

/**
 * The progress of a command run from the shell: live on stderr when it is a terminal, else plain
 * lines on stdout (on stderr when stdout carries JSON). `start` once the number of sources is known.
 */
export function cliProgress(jsonOutput: boolean): { onProgress(p: ScrapeProgress): void; start(sourceCount: number): void; clear(): void } {
  const stderr = process.stderr;
  const stream: ProgressStream = stderr.isTTY
    ? { isTTY: true, get columns() { return stderr.columns; }, write: (t) => stderr.write(t) }
    : { write: (t) => (jsonOutput ? stderr : process.stdout).write(t) };
  let view: ProgressView | null = null;
  return {
    onProgress: (p) => view?.update(p),
    start(sourceCount) { view = createProgress(stream, sourceCount); },
    clear: () => view?.clear(),
  };
}
