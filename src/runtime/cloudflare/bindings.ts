/**
 * The small slice of the Workers runtime API that feedwright uses, typed locally so that the
 * project needs no `@cloudflare/workers-types` package (and no DOM/Node type conflicts).
 * Shapes follow https://developers.cloudflare.com/workers/runtime-apis/ .
 */

export interface D1Result<T = Record<string, unknown>> {
  results: T[];
  success: boolean;
  meta: { changes?: number; duration?: number; rows_read?: number; rows_written?: number };
}

export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  run<T = Record<string, unknown>>(): Promise<D1Result<T>>;
}

export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
}

export interface KVNamespace {
  get(key: string, type: 'text'): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number; metadata?: unknown }): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Queue<Body = unknown> {
  send(body: Body, options?: { delaySeconds?: number }): Promise<void>;
  sendBatch(messages: Iterable<{ body: Body; delaySeconds?: number }>): Promise<void>;
}

export interface Message<Body = unknown> {
  readonly id: string;
  readonly timestamp: Date;
  readonly body: Body;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export interface MessageBatch<Body = unknown> {
  readonly queue: string;
  readonly messages: readonly Message<Body>[];
  ackAll(): void;
  retryAll(options?: { delaySeconds?: number }): void;
}

export interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}

/** A service binding / static-assets binding: only `fetch` is used. */
export interface Fetchable {
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
}

/** A Browser Rendering binding (`[browser]` in wrangler.toml): handed to @cloudflare/puppeteer as is. */
export interface BrowserBinding {
  fetch: typeof fetch;
}

/** The body of one refresh message: which source to scrape. */
export interface RefreshMessage {
  sourceId: string;
  /** ISO instant when the cron handler found it due (for logs). */
  enqueuedAt: string;
  /** Run even if not due (POST /api/sources/<id>/refresh). The lease still applies. */
  force?: boolean;
}

/**
 * The body of one webhook delivery message (distinct from refreshes by `kind`): the outbox entry
 * (D1 `notify_outbox`) to POST.
 */
export interface NotifyMessage {
  kind: 'notify';
  deliveryId: string;
}

/** What the Queue carries: refreshes, and webhook deliveries. */
export type QueueMessage = RefreshMessage | NotifyMessage;

export const isNotifyMessage = (body: unknown): body is NotifyMessage =>
  body !== null && typeof body === 'object' && (body as NotifyMessage).kind === 'notify' && typeof (body as NotifyMessage).deliveryId === 'string';

/** The Worker's bindings, as declared in wrangler.toml. */
export interface WorkerEnv {
  DB: D1Database;
  FEEDS: KVNamespace;
  REFRESH_QUEUE: Queue<QueueMessage>;
  /** Static assets (the bundled `data/` folder) that `file:` source URLs read from. Optional. */
  ASSETS?: Fetchable;
  /** Public URL of the Worker, used in feed self links (a `[vars]` entry). Optional. */
  BASE_URL?: string;
  /**
   * Config text (YAML or JSON) replacing the bundled data/sources.yaml, e.g. a `[vars]` entry or
   * a secret. Optional; the bundled file is the default.
   */
  FEEDWRIGHT_CONFIG?: string;
  /** Secrets (`wrangler secret put`) enabling the write API, as on Node (src/server/api.ts). */
  FEEDWRIGHT_ADMIN_TOKEN?: string;
  FEEDWRIGHT_INGEST_TOKEN?: string;
  /** Bearer token for GET /metrics (else FEEDWRIGHT_ADMIN_TOKEN; neither: 403). */
  FEEDWRIGHT_METRICS_TOKEN?: string;
  /** Browser Rendering (`[browser] binding = "BROWSER"`), for sources with `render`. Optional. */
  BROWSER?: BrowserBinding;
}
