import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The end-to-end tests run the built CLI as a child process against a server in the test process.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
