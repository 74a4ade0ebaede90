import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One TypeScript program per README, with every package's declaration files, takes seconds.
    hookTimeout: 120_000,
    testTimeout: 180_000,
  },
});
