import { createRequire } from 'node:module';
import { ensureTooling } from '../tooling/install.mjs';

ensureTooling();

/**
 * require() from tooling/ (Readability, linkedom, autocannon): the comparison and load tools are
 * not part of the default install (see tooling/install.mjs). Types come from tsconfig `paths`.
 */
export const requireTool = createRequire(new URL('../tooling/package.json', import.meta.url));
