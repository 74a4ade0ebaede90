import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The catalog test pushes 120 products through batches and job polls; under a parallel CI run
    // on two cores that takes seconds, and a timed-out test leaves its jobs for the next one.
    testTimeout: 60_000,
  },
});
