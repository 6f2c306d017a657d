/**
 * Node adapters for the fetcher's injected I/O: DNS resolution for the private-address check,
 * a fetch() that connects only to public addresses, and reading `file:` URLs from config files.
 *
 * Rebinding: the fetcher checks the addresses `resolveHost` returns, then the request resolves the
 * name again on its own; a hostile DNS server can answer with a public address first and a private
 * one on the second lookup (short TTL). `publicOnlyFetch` closes that window: the check runs again
 * inside the connection's own lookup, on the very addresses the socket connects to.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Agent, fetch as undiciFetch } from 'undici';
import { privateReason } from '../../fetch/address.ts';
import { tooLarge } from '../../fetch/types.ts';
import { concatBytes } from '../../utils/bytes.ts';

/** All addresses (IPv4 and IPv6) the system resolver returns for `hostname`. */
export async function resolveHost(hostname: string): Promise<string[]> {
  const name = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const results = await lookup(name, { all: true, verbatim: true });
  return results.map((r) => r.address);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** The shape of `dns.lookup` as net.connect calls it (options always given). */
export type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A fetch() whose connections reach only addresses `allowed` accepts (default: public ones).
 * Literal IP hosts skip DNS and are not seen here: the fetcher refuses private ones itself.
 */
export function publicOnlyFetch(
  resolve: Lookup = dnsLookup as unknown as Lookup,
  allowed: (address: string) => boolean = (address) => privateReason(address) === null,
): typeof fetch {
  const dispatcher = new Agent({ connect: { lookup: publicOnlyLookup(resolve, allowed) as never } });
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

/** A `lookup` for net.connect that refuses names resolving to addresses `allowed` rejects (see publicOnlyFetch). */
export function publicOnlyLookup(
  resolve: Lookup = dnsLookup as unknown as Lookup,
  allowed: (address: string) => boolean = (address) => privateReason(address) === null,
): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const list = typeof address === 'string' ? [{ address, family: family ?? 0 }] : address;
      const refused = list.find((a) => !allowed(a.address));
      if (refused) {
        const reason = privateReason(refused.address) ?? 'not allowed';
        const e: NodeJS.ErrnoException = new Error(
          `refusing to connect: ${hostname} resolves to ${refused.address} (${reason}); set allowPrivateNetworks: true to allow local sites`,
        );
        e.code = 'EPRIVATEADDRESS';
        return callback(e, address, family);
      }
      callback(null, address, family);
    });
  };
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
    return concatBytes(chunks, total);
  } finally {
    await handle.close();
  }
}
