/**
 * The text of a fetched feed or sitemap, repaired where origins commonly get it wrong: a body
 * that is still gzip (`.xml.gz` served as application/gzip, no Content-Encoding) is inflated with
 * DecompressionStream (Node 20 and Workers). A declared charset the bytes contradict (windows-1252
 * labelled UTF-8, UTF-8 labelled ISO-8859-1) is already repaired by decodeBody.
 */
import { DEFAULTS } from '../defaults.ts';
import { decodeBody } from './charset.ts';
import type { FetchResult } from './types.ts';
import { concatBytes } from '../utils/bytes.ts';
import { errorMessage } from '../utils/errors.ts';

export async function documentText(result: FetchResult): Promise<string> {
  if (!result.bytes || !isGzip(result.bytes)) return result.text;
  // The gzip's own type says nothing about the charset inside.
  return decodeBody(await gunzip(result.bytes, result.url), null);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array, url: string): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > DEFAULTS.maxInflatedBytes) {
        await reader.cancel().catch(() => {});
        throw new Error(`${url}: gzip body inflates past ${DEFAULTS.maxInflatedBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof Error && err.message.includes('inflates past')) throw err;
    throw new Error(`${url}: broken gzip body (${errorMessage(err)})`);
  }
  return concatBytes(chunks, total);
}
