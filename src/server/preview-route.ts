/**
 * POST /api/preview: the dry run of a source (preview-types.ts) behind the admin guard, with a
 * body cap and at most DEFAULTS.previewConcurrency previews at once per token (429 beyond). The
 * dry run itself is injected by the runtime (the pipeline implements it; the server may not
 * import the pipeline).
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DEFAULTS } from '../defaults.ts';
import { errorMessage } from '../utils/errors.ts';
import type { PreviewFn } from './preview-types.ts';

export interface PreviewRouteOptions {
  /** The admin guard (auth.ts). */
  admin: MiddlewareHandler;
  /** The dry run; without it the route answers 501. */
  preview?: PreviewFn;
  /** Previews at once per token (default DEFAULTS.previewConcurrency). */
  maxConcurrent?: number;
}

const noStore = { 'Cache-Control': 'no-store' };

export function previewRoute(api: Hono, options: PreviewRouteOptions): void {
  const maxConcurrent = options.maxConcurrent ?? DEFAULTS.previewConcurrency;
  const maxBytes = DEFAULTS.maxPreviewBodyBytes;
  // Running previews per presented credential (the guard has checked it by then).
  const running = new Map<string, number>();

  api.post(
    '/preview',
    options.admin,
    bodyLimit({
      maxSize: maxBytes,
      onError: (c) => c.json({ error: 'payload_too_large', message: `Preview requests are limited to ${maxBytes} bytes.` }, 413, noStore),
    }),
    async (c) => {
      const preview = options.preview;
      if (!preview) return c.json({ error: 'not_available', message: 'This runtime cannot preview sources.' }, 501, noStore);
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch (err) {
        return c.json({ error: 'bad_json', message: `The body is not valid JSON: ${errorMessage(err)}` }, 400, noStore);
      }
      const key = c.req.header('authorization') ?? '';
      const count = running.get(key) ?? 0;
      if (count >= maxConcurrent) {
        return c.json(
          { error: 'too_many_previews', message: `At most ${maxConcurrent} previews run at once; wait for one to finish.` },
          429,
          { ...noStore, 'Retry-After': String(DEFAULTS.previewRetryAfterS) },
        );
      }
      running.set(key, count + 1);
      try {
        const outcome = await preview(body, c.req.raw.signal);
        if (!outcome.ok) {
          // `errors` in the sources API's shape; `problems` (the same) stays for callers that read it.
          const errors = outcome.problems.map(({ source, field, message }) => ({ source, field, message }));
          const message = outcome.problems.map((p) => `${p.field}: ${p.message}`).join('\n');
          return c.json({ error: 'invalid_source', message, errors, problems: outcome.problems }, 422, noStore);
        }
        return c.json(outcome.result, 200, noStore);
      } finally {
        const left = (running.get(key) ?? 1) - 1;
        if (left > 0) running.set(key, left);
        else running.delete(key);
      }
    },
  );
}
