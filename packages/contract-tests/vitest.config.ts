import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The suite tests the current source of the server and the mock, so a change to either is caught
// before a build, and the SDK as partners get it: its built dist.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@nexuscommerce\/server$/, replacement: here('../server/src/index.ts') },
      { find: /^@nexuscommerce\/server\/node$/, replacement: here('../server/src/node.ts') },
      { find: /^@nexuscommerce\/mock$/, replacement: here('../mock/src/index.ts') },
      { find: /^@nexuscommerce\/mock\/(.+)$/, replacement: here('../mock/src/$1.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    // One PGlite per file boots in a few seconds on a small machine; Prism takes a few too.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
