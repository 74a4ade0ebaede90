import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Installing the server's and the mock's trees from the registry takes a minute or two cold.
    hookTimeout: 600_000,
    testTimeout: 600_000,
  },
});
