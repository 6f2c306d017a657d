/**
 * Hashing over WebCrypto (Node 20 and Workers alike): SHA-256, HMAC-SHA256, hex, constant-time compare.
 * SHA-256 takes the runtime's synchronous hash where it has one (Node ≥ 20.16): the same digest at
 * a fifth of WebCrypto's cost per call, which counts when every stored item is hashed twice.
 */
const encoder = new TextEncoder();

interface SyncHash { update(data: string | Uint8Array): SyncHash; digest(): Uint8Array; digest(encoding: 'hex'): string }
type Builtins = { getBuiltinModule?: (id: string) => { createHash?: (algorithm: string) => SyncHash } | undefined };
const createHash = (globalThis as { process?: Builtins }).process?.getBuiltinModule?.('node:crypto')?.createHash;

function bytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
}

/** Lowercase hex of the bytes. */
export function toHex(data: Uint8Array): string {
  let hex = '';
  for (const b of data) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 of `data` (strings as UTF-8). */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  if (createHash) return new Uint8Array(createHash('sha256').update(data).digest());
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes(data)));
}

/** Lowercase hex SHA-256 of `data` (strings as UTF-8). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  if (createHash) return createHash('sha256').update(data).digest('hex');
  return toHex(await sha256(data));
}

/** HMAC-SHA256 of `data` under `key`. */
export async function hmacSha256(key: string | Uint8Array, data: string | Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', bytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, bytes(data)));
}

/** Lowercase hex HMAC-SHA256, as sent in `X-Hub-Signature: sha256=<hex>`. */
export async function hmacSha256Hex(key: string | Uint8Array, data: string | Uint8Array): Promise<string> {
  return toHex(await hmacSha256(key, data));
}

/** Equal-length byte arrays compared without an early exit (length is not secret here). */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** FNV-1a, 32 bits, of a string's UTF-16 units: a fast, stable spread (not for security). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
