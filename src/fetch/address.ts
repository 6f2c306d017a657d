/**
 * Host and IP address classification for the fetcher's SSRF guard. Pure: no DNS, no I/O.
 *
 * Literal hosts are parsed the way the WHATWG URL parser does (so `2130706433`, `0177.0.0.1`,
 * `0x7f.1` and `127.1` are all 127.0.0.1), which means a host that slips past `new URL()` in an
 * unusual form is still recognized here.
 */

/** Hostnames that always point at the local machine or a cloud metadata service. */
const LOCAL_NAMES = new Set(['localhost', 'metadata.google.internal']);

/**
 * Parses a literal IP host (IPv4 in any WHATWG form, IPv6 with or without brackets) into its
 * canonical text form (`127.0.0.1`, `::ffff:7f00:1`). Returns null for names and invalid input.
 */
export function parseHostAddress(host: string): string | null {
  const bytes = parseIpBytes(host);
  if (!bytes) return null;
  return bytes.length === 4 ? formatIpv4(bytes) : formatIpv6(bytes);
}

/**
 * True when `host` (a literal IP in any form, or a hostname) must not be fetched without
 * `allowPrivateNetworks`. Non-local hostnames return false: resolve them and check the addresses.
 */
export function isPrivateAddress(host: string): boolean {
  return privateReason(host) !== null;
}

/** Like isPrivateAddress, but says why (`loopback address`, `link-local address`, …). */
export function privateReason(host: string): string | null {
  const bytes = parseIpBytes(host);
  if (bytes) return bytes.length === 4 ? ipv4Reason(bytes) : ipv6Reason(bytes);
  const name = host.toLowerCase().replace(/\.+$/, '');
  if (LOCAL_NAMES.has(name) || name.endsWith('.localhost')) return 'local hostname';
  return null;
}

/** Why a name whose DNS answers are `addresses` must not be reached (its first non-public address), or null. */
export function resolvedReason(hostname: string, addresses: readonly string[]): string | null {
  for (const address of addresses) {
    const reason = privateReason(address);
    if (reason) return `${hostname} resolves to ${address} (${reason})`;
  }
  return null;
}

// ---- classification ------------------------------------------------------------------------

/** [first address, prefix length, reason], checked in order. */
const IPV4_RANGES: [number[], number, string][] = [
  [[0, 0, 0, 0], 8, '"this network" address (0.0.0.0/8)'],
  [[10, 0, 0, 0], 8, 'private network address (RFC 1918)'],
  [[100, 64, 0, 0], 10, 'carrier-grade NAT address (100.64.0.0/10)'],
  [[127, 0, 0, 0], 8, 'loopback address'],
  [[169, 254, 0, 0], 16, 'link-local address (includes cloud metadata 169.254.169.254)'],
  [[172, 16, 0, 0], 12, 'private network address (RFC 1918)'],
  [[192, 0, 0, 0], 24, 'reserved address (192.0.0.0/24)'],
  [[192, 0, 2, 0], 24, 'documentation address (192.0.2.0/24)'],
  [[192, 88, 99, 0], 24, 'reserved address (192.88.99.0/24)'],
  [[192, 168, 0, 0], 16, 'private network address (RFC 1918)'],
  [[198, 18, 0, 0], 15, 'benchmarking address (198.18.0.0/15)'],
  [[198, 51, 100, 0], 24, 'documentation address (198.51.100.0/24)'],
  [[203, 0, 113, 0], 24, 'documentation address (203.0.113.0/24)'],
  [[224, 0, 0, 0], 4, 'multicast address'],
  [[255, 255, 255, 255], 32, 'broadcast address'],
  [[240, 0, 0, 0], 4, 'reserved address (240.0.0.0/4)'],
];

function ipv4Reason(b: Uint8Array): string | null {
  for (const [base, prefix, reason] of IPV4_RANGES) {
    if (inPrefix(b, base, prefix)) return reason;
  }
  return null;
}

function ipv6Reason(b: Uint8Array): string | null {
  // IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) reach the embedded IPv4 address.
  if (inPrefix(b, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96) || inPrefix(b, [0, 0x64, 0xff, 0x9b], 96)) {
    return ipv4Reason(b.subarray(12));
  }
  // 6to4 (2002::/16) embeds an IPv4 address in bytes 2–5.
  if (inPrefix(b, [0x20, 0x02], 16)) return ipv4Reason(b.subarray(2, 6));
  if (b.every((x, i) => x === (i === 15 ? 1 : 0))) return 'loopback address';
  if (b.every((x) => x === 0)) return 'unspecified address';
  if (inPrefix(b, [0xfe, 0x80], 10)) return 'link-local address';
  if (inPrefix(b, [0xfc, 0x00], 7)) return 'unique-local address (fc00::/7)';
  if (inPrefix(b, [0xff], 8)) return 'multicast address';
  if (inPrefix(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return 'documentation address (2001:db8::/32)';
  // Everything outside global unicast 2000::/3 is reserved, deprecated (site-local, IPv4-compatible)
  // or special-purpose.
  if (!inPrefix(b, [0x20], 3)) return 'reserved address';
  return null;
}

function inPrefix(bytes: Uint8Array, base: number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit += 8) {
    const bits = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((base[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

// ---- parsing -------------------------------------------------------------------------------

function parseIpBytes(input: string): Uint8Array | null {
  let host = input.trim();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.includes(':')) return parseIpv6(host);
  return parseIpv4(host);
}

/** WHATWG IPv4 parser: 1–4 dot-separated parts, each decimal, octal (0…) or hex (0x…). */
function parseIpv4(host: string): Uint8Array | null {
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIpv4Number(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => (value += n * 256 ** (3 - i)));
  return new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

function parseIpv4Number(part: string): number | null {
  if (part === '') return null;
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(part)) {
    digits = part.slice(2);
    radix = 16;
  } else if (part.length > 1 && part.startsWith('0')) {
    digits = part.slice(1);
    radix = 8;
  }
  if (digits === '') return 0; // "0x" alone is 0 per WHATWG
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  const n = parseInt(digits, radix);
  return Number.isSafeInteger(n) ? n : null;
}

function parseIpv6(text: string): Uint8Array | null {
  const host = text.replace(/%.*$/, ''); // drop a zone id (fe80::1%eth0)
  const halves = host.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups: number[] = [];
  const parsedHead = parseGroups(head, halves.length === 1);
  const parsedTail = halves.length === 2 ? parseGroups(tail, true) : [];
  if (!parsedHead || !parsedTail) return null;
  if (halves.length === 1) {
    if (parsedHead.length !== 8) return null;
    groups.push(...parsedHead);
  } else {
    const missing = 8 - parsedHead.length - parsedTail.length;
    if (missing < 1) return null;
    groups.push(...parsedHead, ...new Array<number>(missing).fill(0), ...parsedTail);
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

/** Hex groups; the last one may be a dotted IPv4 address (two groups) when `last` is set. */
function parseGroups(parts: string[], last: boolean): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (last && i === parts.length - 1 && part.includes('.')) {
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(part)) return null;
      const v4 = part.split('.').map(Number);
      if (v4.some((n) => n > 255)) return null;
      out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else {
      if (!/^[0-9a-f]{1,4}$/i.test(part)) return null;
      out.push(parseInt(part, 16));
    }
  }
  return out;
}

function formatIpv4(b: Uint8Array): string {
  return Array.from(b).join('.');
}

/** RFC 5952 text: lowercase, leading zeros dropped, the longest run (≥2) of zero groups as `::`. */
function formatIpv6(b: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => (b[i * 2] << 8) | b[i * 2 + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
