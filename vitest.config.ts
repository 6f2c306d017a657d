import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workers and benchmark tooling (wrangler, miniflare, linkedom…) lives in tooling/ (tsconfig paths).
  resolve: { tsconfigPaths: true },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/tooling-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
