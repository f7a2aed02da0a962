import { defineConfig } from 'vitest/config';

// Repository-level tests: the published tarballs, the bootstrap, the scaffolding scripts.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    testTimeout: 300_000,
  },
});
