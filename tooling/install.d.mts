/** tooling/ itself (its node_modules holds wrangler, miniflare, linkedom, Readability, autocannon). */
export const TOOLING_DIR: string;
/** Installs the tooling (`npm ci` in tooling/) unless it is installed from the current lockfile. */
export function ensureTooling(): void;
