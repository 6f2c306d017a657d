/**
 * Byte streams with a cap: read a body into one array, cancelling the stream as soon as it passes
 * `max` (so the download and any decompression stop), and an abortable wait.
 */

export interface ReadCappedOptions {
  /** Past the cap: `throw` calls `tooLarge()` and throws what it returns; `truncate` keeps the first `max` bytes. */
  overflow: 'throw' | 'truncate';
  /** The error thrown on overflow with `throw` (default: a plain Error naming the cap). */
  tooLarge?: () => Error;
}

/** The stream's bytes as one array, at most `max` of them (see `ReadCappedOptions.overflow`). */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  max: number,
  options: ReadCappedOptions,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      reader.cancel().catch(() => {});
      if (options.overflow === 'throw') throw options.tooLarge?.() ?? new Error(`body is larger than ${max} bytes`);
      const keep = value.byteLength - (total - max);
      chunks.push(value.subarray(0, keep));
      return concatBytes(chunks, max);
    }
    chunks.push(value);
  }
  return concatBytes(chunks, total);
}

/** The chunks as one array (`total` is their summed length); a single chunk is returned as is. */
export function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Rejects with the signal's reason as soon as it aborts, whatever `promise` does. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
