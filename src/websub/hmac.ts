/** Moved to utils/hash.ts; kept for importers until the codemod rewrites them. */
export { hmacSha256, hmacSha256Hex, timingSafeEqual, toHex } from '../utils/hash.ts';
