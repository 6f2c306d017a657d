/**
 * Node adapters for the fetcher's injected I/O: DNS resolution for the private-address check and
 * reading `file:` URLs from config files.
 *
 * Rebinding: the fetcher checks the addresses returned here, then fetch() resolves the name again
 * on its own. A hostile DNS server can answer with a public address first and a private one on the
 * second lookup (short TTL). Acceptable for now; closing the window means connecting to the
 * checked address (a custom undici dispatcher with a pinned `lookup`), which is Node-only.
 */
import { lookup } from 'node:dns/promises';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tooLarge } from '../../fetch/body.ts';

/** All addresses (IPv4 and IPv6) the system resolver returns for `hostname`. */
export async function resolveHost(hostname: string): Promise<string[]> {
  const name = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const results = await lookup(name, { all: true, verbatim: true });
  return results.map((r) => r.address);
}

/** Reads a `file:` URL, failing once the file turns out larger than `maxBytes`. */
export async function readFile(url: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(fileURLToPath(url), 'r');
  try {
    // Read in chunks rather than trusting stat: the file may be growing, or be a FIFO or device.
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(url, maxBytes);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  } finally {
    await handle.close();
  }
}
