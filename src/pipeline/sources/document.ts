/**
 * The text of a fetched feed or sitemap, repaired where origins commonly get it wrong:
 * - a body that is still gzip (`.xml.gz` served as application/gzip, no Content-Encoding) is
 *   inflated with DecompressionStream (Node 20 and Workers);
 * - a declared charset the bytes contradict: "UTF-8" over windows-1252 bytes (invalid UTF-8) is
 *   read as windows-1252; "ISO-8859-1"/"windows-1252" over valid multi-byte UTF-8 is read as UTF-8.
 */
import { concatBytes } from '../../fetch/body.ts';
import { decodeBody, detectCharset } from '../../fetch/charset.ts';
import type { FetchResult } from '../../fetch/types.ts';

/** Largest inflated document accepted (the sitemap protocol's own limit is 50 MB). */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024;

const LATIN_CODECS = new Set(['windows1252', 'iso88591', 'latin1', 'ascii']);

export async function documentText(result: FetchResult): Promise<string> {
  let bytes = result.bytes;
  if (!bytes) return result.text;
  let contentType = result.contentType;
  if (isGzip(bytes)) {
    bytes = await gunzip(bytes, result.url);
    contentType = null; // the gzip's own type says nothing about the charset inside
  } else if (!result.text.includes('\uFFFD') && /^[\x00-\x7f]*$/.test(result.text)) {
    return result.text; // plain ASCII: every charset agrees
  }
  const { codec, source } = detectCharset(bytes, contentType);
  if (source !== 'default' && source !== 'bom') {
    const utf8 = strictUtf8(bytes);
    if (codec === 'utf8' && utf8 === null) return decodeBody(bytes, 'text/xml; charset=windows-1252');
    if (LATIN_CODECS.has(codec) && utf8 !== null && /[^\x00-\x7f]/.test(utf8)) return utf8;
  }
  return bytes === result.bytes ? result.text : decodeBody(bytes, contentType);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
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
      if (total > MAX_INFLATED_BYTES) {
        await reader.cancel().catch(() => {});
        throw new Error(`${url}: gzip body inflates past ${MAX_INFLATED_BYTES} bytes`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof Error && err.message.includes('inflates past')) throw err;
    throw new Error(`${url}: broken gzip body (${err instanceof Error ? err.message : String(err)})`);
  }
  return concatBytes(chunks, total);
}
