import { defineConfig } from 'vitest/config';

// Unit tests of the site's own logic (progress schema, migration, merge, scheduling, mock
// scoring input). The browser tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
