import { defineConfig } from 'vitest/config';

// Each file starts its own PostgreSQL cluster, Redis and server processes: one file at a time, so
// a shared two-core machine is not asked to run four clusters at once. Generous timeouts: these
// tests wait for restarts, leases and retry schedules, on a loaded machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    fileParallelism: false,
    hookTimeout: 90_000,
    testTimeout: 150_000,
  },
});
