import { defineConfig } from 'vitest/config';

// Each test starts Node processes: generous timeouts for a loaded shared machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
