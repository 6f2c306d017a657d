import { ensureTooling } from '../../tooling/install.mjs';

/** Vitest global setup: the Workers tests and some render tests need tooling/ (see tooling/install.mjs). */
export default function setup(): void {
  ensureTooling();
}
