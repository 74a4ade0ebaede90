import { defineConfig } from 'vitest/config';

// NEXUS_SPEC_JSON points the tests at another bundle of the spec (e.g. a partial one while the
// spec is being written); by default they use the package export, as the published server does.
const specOverride = process.env.NEXUS_SPEC_JSON;

export default defineConfig({
  resolve: specOverride
    ? { alias: { '@nexuscommerce/spec/openapi.json': specOverride } }
    : {},
  test: {
    include: ['src/**/*.test.ts'],
    // PGlite needs a few seconds to boot on small machines; one instance per file is shared by its tests.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
