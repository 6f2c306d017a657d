import { FetchError } from './types.ts';

/**
 * Reads a response body stream into one Uint8Array, cancelling the stream (and so the download
 * and any decompression) as soon as more than `maxBytes` arrive. The stream carries decompressed
 * bytes, so the cap bounds memory even for a gzip bomb. Past the cap it throws, or with
 * `truncate` returns the first `maxBytes` bytes.
 */
export async function readBodyCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  url: string,
  truncate = false,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      if (!truncate) throw tooLarge(url, maxBytes);
      const keep = value.byteLength - (total - maxBytes);
      chunks.push(value.subarray(0, keep));
      return concatBytes(chunks, maxBytes);
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

export function tooLarge(url: string, maxBytes: number): FetchError {
  return new FetchError(`response from ${url} is larger than maxBytes (${maxBytes} bytes)`, url);
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
