// Deterministic sandbox data, runtime-neutral: the mock seeds its memory store with it and
// `nexus-server start` seeds a fresh data folder, through the same API calls.
export { CATEGORIES, LOCATIONS, customerBody, gtin13, productBody } from './catalog.js';
export { createRandom, type Random } from './random.js';
export {
  DEFAULT_SEED_SIZE,
  SANDBOX_WEBHOOK_URL,
  seedSandbox,
  type SeedOptions,
  type SeedReport,
  type SeedSize,
} from './seed-sandbox.js';
