/**
 * Spies on the Worker's Queue and D1 bindings in workerd, for tests and benches that count what
 * the Worker does with them. Both are Miniflare wrapped bindings: a module evaluated in the
 * Worker's own isolate that forwards every call to the real binding (of the `feedwright-spy`
 * worker) and reports it as one console line, which the harness collects (`SpyLog`).
 *
 *   REFRESH_QUEUE  each send / sendBatch call: number of messages, body bytes, and (with `ids`) the
 *                  source ids, in order
 *   DB             each D1 round trip: an `all`/`run`/`first`/`raw` of one statement, or a `batch`
 *                  of several, with the rows D1 reports it read (`meta.rows_read`)
 */

/** Name of the worker whose bindings the spies wrap. */
export const SPY_WORKER = 'feedwright-spy';
const PREFIX = 'feedwright-spy ';

const MODULE = `
const report = (entry) => console.log(${JSON.stringify(PREFIX)} + JSON.stringify(entry));
const rowsRead = (result) => Number(result?.meta?.rows_read ?? 0);

function statement(inner, sql) {
  const counted = (method) => async (...args) => {
    const result = await inner[method](...args);
    report({ kind: 'd1', method, statements: 1, rowsRead: method === 'all' || method === 'run' ? rowsRead(result) : 0, sql });
    return result;
  };
  return { inner, sql, bind: (...values) => statement(inner.bind(...values), sql), all: counted('all'), run: counted('run'), first: counted('first'), raw: counted('raw') };
}

export function d1(env) {
  return {
    prepare: (sql) => statement(env.DB.prepare(sql), sql),
    async batch(statements) {
      const results = await env.DB.batch(statements.map((s) => s.inner));
      report({ kind: 'd1', method: 'batch', statements: statements.length, rowsRead: results.reduce((n, r) => n + rowsRead(r), 0), sql: statements.map((s) => s.sql).join(';\\n') });
      return results;
    },
    exec: (sql) => env.DB.exec(sql),
  };
}

export function queue(env) {
  const ids = env.SPY_IDS === true;
  const describe = (bodies) => ({ messages: bodies.length, bytes: bodies.reduce((n, b) => n + JSON.stringify(b).length, 0), ...(ids ? { ids: bodies.map((b) => b?.sourceId ?? b?.deliveryId ?? null) } : {}) });
  return {
    async send(body, options) {
      await env.QUEUE.send(body, options);
      report({ kind: 'send', ...describe([body]) });
    },
    async sendBatch(messages, options) {
      const list = [...messages];
      await env.QUEUE.sendBatch(list, options);
      report({ kind: 'sendBatch', ...describe(list.map((m) => m.body)) });
    },
  };
}

export default function () {
  throw new Error('use the d1 or queue entrypoint');
}
`;

export interface SpyEntry {
  kind: 'd1' | 'send' | 'sendBatch';
  /** Queue calls. */
  messages?: number;
  bytes?: number;
  ids?: (string | null)[];
  /** D1 round trips. */
  method?: string;
  statements?: number;
  rowsRead?: number;
  sql?: string;
}

/** The spy lines seen so far; `reset()` before the part you measure. */
export class SpyLog {
  entries: SpyEntry[] = [];
  /** Console lines that are not the spy's (the Worker's own logs). */
  lines: string[] = [];

  accept(message: string): void {
    const at = message.indexOf(PREFIX);
    if (at >= 0) this.entries.push(JSON.parse(message.slice(at + PREFIX.length)) as SpyEntry);
    else this.lines.push(message);
  }

  reset(): void {
    this.entries = [];
    this.lines = [];
  }

  get sendBatches(): SpyEntry[] {
    return this.entries.filter((e) => e.kind === 'sendBatch');
  }

  get d1(): SpyEntry[] {
    return this.entries.filter((e) => e.kind === 'd1');
  }
}

/**
 * Miniflare options: the spy worker (holding the real D1 database and queue producer) and the
 * wrapped bindings that replace the Worker's DB and REFRESH_QUEUE. `ids`: log each message's id.
 */
export function spyOptions(databaseId: string, queueName: string, ids: boolean) {
  return {
    worker: {
      name: SPY_WORKER,
      modules: [{ type: 'ESModule', path: 'spy.mjs', contents: MODULE }],
      d1Databases: { DB: databaseId },
      queueProducers: { QUEUE: { queueName } },
      bindings: { SPY_IDS: ids },
    },
    wrappedBindings: {
      DB: { scriptName: SPY_WORKER, entrypoint: 'd1' },
      REFRESH_QUEUE: { scriptName: SPY_WORKER, entrypoint: 'queue' },
    },
  };
}
